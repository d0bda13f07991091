package org.cryoj.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI subset of the differential test against RELION 3.1.3 (bench/parity.sh runs any number):
 * {@link #CASES} generated cases of seed {@link #SEED}, each run by the RELION program and by CryoJ
 * on an input made here, compared field by field. Fails on any divergence README's "Deliberate
 * differences" does not name, and when an entry's README quote is gone from README.md.
 */
class ParityCiTest {
    static final long SEED = 2026;
    static final int CASES = 120;

    @TempDir Path work;

    @Test
    void relionAndCryojAgreeOnGeneratedCases() throws Exception {
        for (Tool t : Tool.values()) ExternalTools.require(t.relionProgram());
        List<ParityCase> cases = CaseGenerator.generate(SEED, 0, CASES);
        Map<Tool, Long> perTool = new EnumMap<>(Tool.class);
        for (ParityCase c : cases) perTool.merge(c.tool(), 1L, Long::sum);
        for (Tool t : Tool.values()) assertTrue(perTool.getOrDefault(t, 0L) >= 5, "too few " + t + " cases in the subset: " + perTool);

        long t0 = System.nanoTime();
        List<Outcome> outcomes = new ParityRun(work, false).run(cases, o -> {});
        ParityTable.print(outcomes, System.out);
        System.out.printf("parity CI subset (seed %d, cases 0-%d): %.0f s%n", SEED, CASES - 1, (System.nanoTime() - t0) / 1e9);

        String diverged = outcomes.stream().filter(o -> o.category() == Outcome.Category.DIVERGED)
                .map(ParityTable::row).collect(Collectors.joining());
        assertTrue(diverged.isEmpty(), "divergences README does not name (rerun one with bench/parity.sh 1 SEED INDEX):\n" + diverged);
    }

    @Test
    void everyDeliberateEntryQuotesReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        for (Deliberate d : Deliberate.ALL)
            assertTrue(readme.contains(d.readme()), "README.md no longer says \"" + d.readme() + "\" (entry " + d.id() + ")");
    }
}
