package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.RefineOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact --continue, as a user does it: a refinement of the pseudo-atomic structure that converges by
 * RELION's rule (sampling fine enough, resolution and changes stalled) is killed with SIGKILL in every
 * one of its iterations in turn (its own JVM, through the refine command), and each killed run is
 * continued with nothing but {@code --continue run_itNNN_optimiser.star --j 2} from the last
 * iteration it completed: every continued run must end with the uninterrupted run's final map, half
 * maps, poses and run_model.star, and after as many iterations.
 */
class RefineKillAtEveryIterationTest {
    @TempDir static Path dir;
    static RefineTestData data;
    static Path whole;
    static int iterations;

    static List<String> options(Path root) {
        return List.of("refine", "--i", data.input().toString(), "--o", root.toString(), "--ref", data.reference().toString(),
                "--firstiter_cc", "--ini_high", "20", "--sym", "D2", "--particle_diameter", Double.toString(AtomicTestData.DIAMETER),
                "--ctf", "--flatten_solvent", "--zero_mask", "--oversampling", "1", "--healpix_order", "2", "--auto_local_healpix_order", "4",
                "--offset_range", "3", "--offset_step", "1", "--auto_ignore_angles", "--auto_resol_angles", "--pad", "1", "--norm", "--scale",
                "--j", "2");
    }

    @BeforeAll
    static void uninterrupted() throws Exception {
        data = AtomicTestData.create(dir, 150, 0.5, 11);
        whole = dir.resolve("whole/run");
        Files.createDirectories(whole.getParent());
        run(new ArrayList<>(options(whole)));
        assertTrue(Files.exists(Path.of(whole + "_class001.mrc")), "the uninterrupted run did not finish");
        iterations = 0;
        while (Files.exists(Path.of(whole + RefineFiles.it(iterations + 1) + "_optimiser.star"))) iterations++;
        StarTable last = StarFile.read(Path.of(whole + RefineFiles.it(iterations) + "_optimiser.star")).block("optimiser_general").table();
        assertEquals(1, last.getInt(0, "rlnHasConverged"), "converged by RELION's rule, not by a cap");
        assertEquals(1, last.getInt(0, "rlnHasFineEnoughAngularSampling"));
        assertTrue(iterations >= 3, "needs a few iterations to kill: " + iterations);
    }

    static void run(List<String> args) {
        var cl = org.cryoj.cli.CryoJ.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
    }

    @Test
    void killedInAnyIterationAndContinuedWithOnlyContinueEndsAsTheUninterruptedRun() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int k = 0; k <= iterations; k++) {
            // killed during iteration k + 1 (the last: the final, joined one), after run_it00k was written
            Path killed = dir.resolve("killed" + k);
            Files.createDirectories(killed);
            List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    "org.cryoj.cli.CryoJ"));
            cmd.addAll(options(killed.resolve("run")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(killed.resolve("killed.log").toFile()).start();
            Path done = killed.resolve("run" + RefineFiles.it(k) + "_optimiser.star");
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (!Files.exists(done) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            p.destroyForcibly().waitFor();
            assertTrue(Files.exists(done), "iteration " + k + " was not written: " + Files.readString(killed.resolve("killed.log")));
            assertFalse(Files.exists(killed.resolve("run_class001.mrc")), "killed too late: the run had finished");
            int last = k;
            while (Files.exists(killed.resolve("run" + RefineFiles.it(last + 1) + "_optimiser.star"))) last++;
            Path optimiser = killed.resolve("run" + RefineFiles.it(last) + "_optimiser.star");
            run(List.of("refine", "--continue", optimiser.toString(), "--j", "2"));
            Path continued = killed.resolve("run_ct" + last);
            RefineOutputs.assertSameFinalFiles(whole, continued, "killed in iteration " + (last + 1));
            int after = 0;
            while (Files.exists(Path.of(continued + RefineFiles.it(last + after + 1) + "_optimiser.star"))) after++;
            assertEquals(iterations, last + after, "iterations of the run killed in iteration " + (last + 1));
        }
    }
}
