package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.testutil.RefineOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --continue follows RELION's semantics: a run stopped after iteration k (--max_iter k) and
 * continued from run_it00k_optimiser.star ends with the same final map and poses as the run that
 * was never stopped. Tiny data (100 particles, box 32) so the three runs take seconds.
 */
class RefineContinueTest {
    @TempDir static Path dir;
    static RefineTestData data;
    static RefineSettings base;
    static Refiner.Outcome whole;

    @BeforeAll
    static void runToConvergence() throws Exception {
        data = RefineTestData.create(dir, 32, 7.08, 100, 2.0, 5);
        base = RefineSettings.builder(data.input(), dir.resolve("whole/run"), data.reference()).iniHigh(40).particleDiameter(200)
                .tutorial("D2").sampling(1, 3, 3, 1).threads(2).maxIterations(30).build();
        whole = new Refiner(base, quiet(), new CpuExpectationBackend()).run(null);
        assertTrue(whole.converged(), whole.toString());
    }

    static RefineListener quiet() {
        return new RefineListener() {
            @Override public void message(String line) { System.out.println(line); }
        };
    }

    @Test
    void maxIterThenContinueEqualsTheUninterruptedRun() throws Exception {
        assertTrue(whole.iterations() >= 3, "needs a few iterations to stop in the middle: " + whole);
        int k = whole.iterations() / 2;
        RefineSettings part = base.toBuilder().outputRoot(dir.resolve("parts/run")).maxIterations(k).build();
        Refiner.Outcome stopped = new Refiner(part, quiet(), new CpuExpectationBackend()).run(null);
        assertFalse(stopped.converged());
        assertEquals(k, stopped.iterations());
        assertFalse(Files.exists(part.file("_class001.mrc")), "a stopped run writes no final map");
        assertFalse(Files.exists(part.file(RefineFiles.it(k + 1) + "_optimiser.star")));
        Path optimiser = part.file(RefineFiles.it(k) + "_optimiser.star");
        Refiner.Outcome resumed = new Refiner(part.toBuilder().maxIterations(30).build(), quiet(), new CpuExpectationBackend()).run(optimiser);
        assertTrue(resumed.converged());
        assertEquals(whole.iterations(), resumed.iterations());
        assertSameResult(base.outputRoot(), part.outputRoot());
    }

    /**
     * A run killed with SIGKILL in the middle of iteration 2 (its own JVM through the refine command)
     * and continued through the command with only --continue and the options RELION also asks
     * again, from the last optimiser file it completed: the final files, under RELION's default
     * rootname run_ctN, equal those of the uninterrupted run.
     */
    @Test
    void killedRunContinuedFromItsLastOptimiserFileEqualsTheUninterruptedRun() throws Exception {
        Path killed = dir.resolve("killed");
        Files.createDirectories(killed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the same E-step kernel as this JVM's (SIMD), so both runs do the same arithmetic
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.cryoj.cli.CryoJ", "refine",
                "--i", data.input().toString(), "--o", killed.resolve("run").toString(), "--ref", data.reference().toString(),
                "--firstiter_cc", "--ini_high", "40", "--sym", "D2", "--particle_diameter", "200", "--ctf", "--flatten_solvent",
                "--zero_mask", "--oversampling", "1", "--healpix_order", "1", "--auto_local_healpix_order", "3", "--offset_range", "3",
                "--offset_step", "1", "--auto_ignore_angles", "--auto_resol_angles", "--max_iter", "30", "--j", "2")
                .redirectErrorStream(true).redirectOutput(killed.resolve("killed.log").toFile()).start();
        Path first = killed.resolve("run_it001_optimiser.star");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(first) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(1500); // into iteration 2's E-step
        p.destroyForcibly().waitFor(); // SIGKILL
        assertTrue(Files.exists(first), "the run wrote no iteration: " + Files.readString(killed.resolve("killed.log")));
        assertFalse(Files.exists(killed.resolve("run_class001.mrc")), "killed too late: the run had finished");
        int last = 1;
        while (Files.exists(killed.resolve("run" + RefineFiles.it(last + 1) + "_optimiser.star"))) last++;
        Path optimiser = killed.resolve("run" + RefineFiles.it(last) + "_optimiser.star");
        var cl = org.cryoj.cli.CryoJ.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(0, cl.execute("refine", "--continue", optimiser.toString(), "--firstiter_cc", "--auto_ignore_angles",
                "--auto_resol_angles", "--max_iter", "30", "--j", "2"), err.toString());
        assertSameResult(base.outputRoot(), killed.resolve("run_ct" + last));
    }

    static void assertSameResult(Path rootA, Path rootB) throws Exception {
        RefineOutputs.assertSameFinalFiles(rootA, rootB, "");
    }
}
