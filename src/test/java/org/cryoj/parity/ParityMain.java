package org.cryoj.parity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench/parity.sh [N] [SEED] [FIRST]}: N generated cases (300 by default) of run SEED from
 * case FIRST on, each run by RELION 3.1.3 and CryoJ and compared; prints each divergence as it is
 * found, then the table of divergences and the summary line. Exit status 1 when a divergence is
 * not one README names, 2 when RELION is missing. The folders of diverged cases stay under
 * $PARITY_WORK (default: a new temporary folder) with both tools' output; $PARITY_TOOLS (e.g.
 * "reconstruct,extract") keeps only those tools' cases of the N; PARITY_VERBOSE=1 prints each
 * agreeing case's measure too.
 */
public final class ParityMain {
    private ParityMain() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 18;
        int first = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (Tool t : Tool.values())
            if (!Runs.relionInstalled(t)) {
                System.err.println("parity: " + t.relionProgram() + " is not on the PATH (apt-get install relion)");
                System.exit(2);
            }
        String w = System.getenv("PARITY_WORK");
        Path work = w != null && !w.isEmpty() ? Files.createDirectories(Path.of(w)) : Files.createTempDirectory("parity");
        System.out.printf("parity: cases %d to %d of seed %d, in %s%n", first, first + n - 1, seed, work);
        List<ParityCase> cases = CaseGenerator.generate(seed, first, n);
        String tools = System.getenv("PARITY_TOOLS");
        if (tools != null && !tools.isBlank()) {
            List<String> keep = List.of(tools.split(","));
            cases = cases.stream().filter(c -> keep.contains(c.tool().cryojSubcommand())).toList();
        }
        long t0 = System.nanoTime();
        int[] done = {0};
        boolean verbose = "1".equals(System.getenv("PARITY_VERBOSE"));
        List<Outcome> outcomes = new ParityRun(work, "1".equals(System.getenv("PARITY_KEEP"))).run(cases, o -> {
            done[0]++;
            if (o.category() == Outcome.Category.DIVERGED) System.out.print(ParityTable.row(o));
            else if (verbose && o.verdict() instanceof Verdict.Agree a)
                System.out.printf("%-14s %-13s agree       %s%n", o.parityCase().id(), o.parityCase().tool().cryojSubcommand(), a.measure());
            if (done[0] % 25 == 0) System.out.printf("  ... %d cases, %.0f s%n", done[0], (System.nanoTime() - t0) / 1e9);
        });
        System.out.println();
        ParityTable.print(outcomes, System.out);
        System.out.printf("wall time %.0f s; folders of diverged cases in %s%n", (System.nanoTime() - t0) / 1e9, work);
        System.exit(outcomes.stream().anyMatch(o -> o.category() == Outcome.Category.DIVERGED) ? 1 : 0);
    }
}
