package org.cryoj.parity;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The divergences (unexpected and deliberate) as a table, then the counts per tool and one summary line. */
public final class ParityTable {
    private ParityTable() {}

    public static void print(List<Outcome> outcomes, PrintStream out) {
        List<Outcome> shown = outcomes.stream()
                .filter(o -> o.category() == Outcome.Category.DIVERGED || o.category() == Outcome.Category.DELIBERATE).toList();
        if (!shown.isEmpty()) {
            out.printf(Locale.ROOT, "%-14s %-13s %-11s %-26s %s%n", "case", "tool", "verdict", "what differs", "by how much / options / input");
            for (Outcome o : shown) out.print(row(o));
            out.println();
        }
        Map<Tool, int[]> perTool = new EnumMap<>(Tool.class);
        for (Outcome o : outcomes) perTool.computeIfAbsent(o.parityCase().tool(), t -> new int[4])[o.category().ordinal()]++;
        out.printf(Locale.ROOT, "%-14s %6s %8s %8s %12s %11s%n", "tool", "cases", "agree", "diverged", "both refused", "deliberate");
        for (Map.Entry<Tool, int[]> e : perTool.entrySet()) {
            int[] n = e.getValue();
            out.printf(Locale.ROOT, "%-14s %6d %8d %8d %12d %11d%n", e.getKey().cryojSubcommand(), n[0] + n[1] + n[2] + n[3], n[0], n[3], n[1], n[2]);
        }
        out.println(summary(outcomes));
    }

    public static String row(Outcome o) {
        ParityCase c = o.parityCase();
        Verdict.Diverge d = (Verdict.Diverge) o.verdict();
        String amount = Double.isNaN(d.amount()) ? "" : String.format(Locale.ROOT, " [%.3g > %.3g]", d.amount(), d.tolerance());
        String verdict = o.deliberate() != null ? "deliberate" : "DIVERGED";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s %-13s %-11s %-26s %s%s%n", c.id(), c.tool().cryojSubcommand(),
                verdict, d.field(), d.detail(), amount));
        sb.append(String.format(Locale.ROOT, "%-14s %-13s %-11s %-26s options: %s%n", "", "", "", "", c.optionString()));
        sb.append(String.format(Locale.ROOT, "%-14s %-13s %-11s %-26s input: %s%s%n", "", "", "", "", c.input().describe(),
                o.deliberate() != null ? "; README: " + o.deliberate().readme() : ""));
        return sb.toString();
    }

    public static String summary(List<Outcome> outcomes) {
        int[] n = new int[4];
        double relion = 0, cryoj = 0;
        for (Outcome o : outcomes) {
            n[o.category().ordinal()]++;
            relion += o.relionSeconds();
            cryoj += o.cryojSeconds();
        }
        return String.format(Locale.ROOT, "%d cases: %d agree, %d diverged, %d both refused, %d deliberate (RELION %.0f s, CryoJ %.0f s)",
                outcomes.size(), n[0], n[3], n[1], n[2], relion, cryoj);
    }
}
