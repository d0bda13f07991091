package org.cryoj.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs cases: each in a folder of its own under {@code work} (input written, both tools run,
 * outputs compared), the folder removed afterwards unless the case diverged or {@code keep}.
 */
public final class ParityRun {
    private final Path work;
    private final boolean keep;

    public ParityRun(Path work, boolean keep) {
        this.work = work;
        this.keep = keep;
    }

    public List<Outcome> run(List<ParityCase> cases, Consumer<Outcome> each) throws IOException, InterruptedException {
        List<Outcome> out = new ArrayList<>();
        for (ParityCase c : cases) {
            Outcome o = run(c);
            out.add(o);
            each.accept(o);
        }
        return out;
    }

    public Outcome run(ParityCase c) throws IOException, InterruptedException {
        Path dir = work.resolve("case_" + c.seed() + "_" + c.index());
        Files.createDirectories(dir);
        Inputs.write(c.input(), dir);
        RunPair p = Runs.both(c, dir);
        RunPair withoutDust = p.relion().ok() && p.cryoj().ok() && hasDust(c) ? Runs.both(withoutDust(c), dir) : null;
        Verdict v;
        try {
            v = Comparison.of(c, p, dir, withoutDust);
        } catch (IOException | RuntimeException e) {
            v = Verdict.Diverge.of("output", "unreadable: " + e);
        }
        Outcome o = new Outcome(c, v, Deliberate.matching(c, v, p), p.relion().seconds(), p.cryoj().seconds());
        if (!keep && o.category() != Outcome.Category.DIVERGED) delete(dir);
        else Files.writeString(dir.resolve("outputs.txt"), "case " + c.id() + ": " + c.tool().relionProgram() + " " + c.optionString()
                + "\n--- RELION (exit " + p.relion().exitCode() + ")\n" + p.relion().output()
                + "\n--- CryoJ (exit " + p.cryoj().exitCode() + ")\n" + p.cryoj().output());
        return o;
    }

    static boolean hasDust(ParityCase c) {
        return c.tool() == Tool.EXTRACT && (c.has("--white_dust") || c.has("--black_dust"));
    }

    /** The case without its dust options, writing to OUT_nodust. */
    static ParityCase withoutDust(ParityCase c) {
        List<CaseOption> o = new ArrayList<>();
        for (CaseOption x : c.options()) {
            if (x.name().equals("--white_dust") || x.name().equals("--black_dust")) continue;
            o.add(x.value() != null && x.value().startsWith(Runs.OUT)
                    ? new CaseOption(x.name(), Runs.OUT + "_nodust" + x.value().substring(Runs.OUT.length())) : x);
        }
        return new ParityCase(c.seed(), c.index(), c.tool(), c.input(), o);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
