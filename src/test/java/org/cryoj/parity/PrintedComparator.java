package org.cryoj.parity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.parity.Verdict.Agree;
import org.cryoj.parity.Verdict.Diverge;

/**
 * What image_handler prints instead of writing a map: the --fsc and --power STAR tables (column
 * by column, row by row) and the --stats and --com lines (word by word, numbers with a
 * tolerance). Numbers are compared to the printed precision: RELION prints 6 significant digits
 * (stats) or 6 decimals (tables), so 2e-6 relative plus 1.5e-6 absolute (one unit of the last
 * printed decimal place, and rounding of the digit before) is "the same number".
 */
public final class PrintedComparator {
    static final double REL = 2e-6, ABS = 1.5e-6;

    private PrintedComparator() {}

    public static Verdict compare(ParityCase c, String relionOut, String cryojOut, Path dir) throws IOException {
        if (c.has("--fsc") || c.has("--power")) return tables(relionOut, cryojOut, dir);
        List<String> r = resultLines(relionOut), j = resultLines(cryojOut);
        if (r.size() != j.size()) return Diverge.of("printed lines", r.size() + " vs " + j.size() + " lines");
        if (r.isEmpty()) return Diverge.of("printed lines", "RELION printed no result line");
        double worst = 0;
        for (int i = 0; i < r.size(); i++) {
            String[] a = r.get(i).trim().split("[\\s;,]+"), b = j.get(i).trim().split("[\\s;,]+");
            if (a.length != b.length) return Diverge.of("printed line " + (i + 1), "'" + r.get(i) + "' vs '" + j.get(i) + "'");
            for (int k = 0; k < a.length; k++) {
                if (a[k].equals(b[k])) continue;
                Double x = number(a[k]), y = number(b[k]);
                if (x == null || y == null) return Diverge.of("printed line " + (i + 1), "word '" + a[k] + "' vs '" + b[k] + "'");
                if (Double.isNaN(x) && Double.isNaN(y)) continue;
                double d = Math.abs(x - y), allowed = REL * Math.abs(x) + ABS;
                if (!(d <= allowed)) return new Diverge("printed value", "'" + a[k] + "' vs '" + b[k] + "' in '" + r.get(i).trim() + "'", d, allowed);
                worst = Math.max(worst, d);
            }
        }
        return new Agree(String.format(Locale.ROOT, "%d lines, max |diff| %.1e", r.size(), worst));
    }

    /** The --stats / --com result lines ("name : ..."), without warnings and progress. */
    static List<String> resultLines(String out) {
        return out.lines().filter(l -> l.contains(" : ") && !l.contains("WARNING") && !l.startsWith(" +")).toList();
    }

    private static Verdict tables(String relionOut, String cryojOut, Path dir) throws IOException {
        StarTable r = table(relionOut, dir.resolve("relion_printed.star")), j = table(cryojOut, dir.resolve("cryoj_printed.star"));
        if (r == null || j == null) return Diverge.of("printed table", (r == null ? "RELION" : "CryoJ") + " printed no STAR table");
        if (!r.labels().equals(j.labels())) return Diverge.of("table columns", r.labels() + " vs " + j.labels());
        if (r.rowCount() != j.rowCount()) return Diverge.of("table rows", r.rowCount() + " vs " + j.rowCount());
        double worst = 0;
        for (int i = 0; i < r.rowCount(); i++)
            for (String label : r.labels()) {
                double x = r.getDouble(i, label), y = j.getDouble(i, label);
                double d = Math.abs(x - y), allowed = REL * Math.abs(x) + ExtractComparator.STAR_ABS;
                if (d > allowed || Double.isNaN(x) != Double.isNaN(y))
                    return new Diverge(label, "row " + i + ": " + x + " vs " + y, d, allowed);
                if (!Double.isNaN(d)) worst = Math.max(worst, d);
            }
        return new Agree(String.format(Locale.ROOT, "%d rows, max |diff| %.1e", r.rowCount(), worst));
    }

    /** The first STAR table in a program's output (warnings before it skipped), or null. */
    private static StarTable table(String out, Path scratch) throws IOException {
        int at = out.indexOf("# version");
        if (at < 0) at = out.indexOf("data_");
        if (at < 0) return null;
        Files.writeString(scratch, out.substring(at), StandardCharsets.UTF_8);
        StarFile f = StarFile.read(scratch);
        return f.blocks().isEmpty() ? null : f.blocks().get(0).table();
    }

    private static Double number(String w) {
        if (w.equalsIgnoreCase("nan") || w.equalsIgnoreCase("-nan")) return Double.NaN;
        try {
            return Double.valueOf(w);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
