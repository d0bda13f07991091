package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.refine.RefineTestData;
import org.cryoj.testutil.CryoJRun;
import org.cryoj.testutil.RefineOutputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --continue across the E-step's places, through the command line as a user runs it: a refinement
 * stopped with --max_iter after iteration K on Spark (local[2], SLOTS partitions per half-set) and
 * continued here with --continue (--j SLOTS), and one stopped here and continued on Spark, each end
 * with the uninterrupted local run's final maps, poses and run_model.star, bit for bit, and its
 * Auto-refine lines (the stopped run's followed by the continued run's).
 */
class SparkContinueTest {
    /** Stop after this iteration: the uninterrupted run takes 6 (the last one the final). */
    static final int K = 3;

    @TempDir static Path dir;
    static RefineTestData data;
    static Path whole;

    @BeforeAll
    static void uninterrupted() throws Exception {
        data = SparkRefineRuns.data(dir, 100);
        whole = dir.resolve("whole/run");
        refine(options(whole, 30));
        assertTrue(Files.exists(SparkRefineRuns.file(whole, "_class001.mrc")), "the uninterrupted run did not finish");
        assertTrue(Files.exists(SparkRefineRuns.file(whole, "_it00" + (K + 1) + "_optimiser.star")), "needs more than " + K + " iterations");
    }

    @Test
    void sparkRunContinuedLocally() throws Exception {
        stopThenContinue("spark-then-local", spark(), List.of());
    }

    @Test
    void localRunContinuedOnSpark() throws Exception {
        stopThenContinue("local-then-spark", List.of(), spark());
    }

    /** Runs to iteration K with {@code first}'s options, continues with {@code then}'s; compares with the uninterrupted run. */
    private static void stopThenContinue(String name, List<String> first, List<String> then) throws Exception {
        Path stopped = dir.resolve(name + "/run");
        List<String> a = options(stopped, K);
        a.addAll(first);
        refine(a);
        assertFalse(Files.exists(SparkRefineRuns.file(stopped, "_class001.mrc")), "a stopped run writes no final map");
        Path optimiser = SparkRefineRuns.file(stopped, "_it00" + K + "_optimiser.star");
        // the saved options give the rest; --max_iter is saved as K, --j is never saved
        List<String> b = new ArrayList<>(List.of("refine", "--continue", optimiser.toString(), "--max_iter", "30", "--j", Integer.toString(SparkRefineRuns.SLOTS)));
        b.addAll(then);
        refine(b);
        Path continued = SparkRefineRuns.file(stopped, "_ct" + K);
        assertEquals(!first.isEmpty(), onSpark(stopped), name + ": the first part's E-step on Spark");
        assertEquals(!then.isEmpty(), onSpark(continued), name + ": the continued part's E-step on Spark");
        RefineOutputs.assertSameFinalFiles(whole, continued, name);
        List<String> lines = new ArrayList<>(SparkRefineRuns.autoRefineLines(stopped));
        lines.addAll(SparkRefineRuns.autoRefineLines(continued));
        assertEquals(SparkRefineRuns.autoRefineLines(whole), lines, name + ": Auto-refine lines");
    }

    /** SparkRefineRuns' refinement as refine's options, run here with --j SLOTS. */
    private static List<String> options(Path root, int maxIter) throws Exception {
        Files.createDirectories(root.getParent());
        return new ArrayList<>(List.of("refine", "--i", data.input().toString(), "--o", root.toString(), "--ref", data.reference().toString(),
                "--firstiter_cc", "--ini_high", "40", "--sym", "D2", "--particle_diameter", "200", "--ctf", "--flatten_solvent", "--zero_mask",
                "--oversampling", "1", "--healpix_order", "1", "--auto_local_healpix_order", "3", "--offset_range", "3", "--offset_step", "1",
                "--auto_ignore_angles", "--auto_resol_angles", "--norm", "--scale", "--max_iter", Integer.toString(maxIter), "--j", Integer.toString(SparkRefineRuns.SLOTS)));
    }

    /** The options that put the E-step on Spark: local[2], SLOTS partitions per half-set (the sums of --j SLOTS). */
    private static List<String> spark() {
        return List.of("--spark", "local[2]", "--spark_partitions", Integer.toString(SparkRefineRuns.SLOTS),
                "--spark_conf", "spark.driver.host=127.0.0.1", "--spark_conf", "spark.driver.bindAddress=127.0.0.1");
    }

    private static boolean onSpark(Path root) throws Exception {
        return Files.readString(SparkRefineRuns.file(root, ".out")).contains("Expectation backend: Spark local[2]");
    }

    private static void refine(List<String> args) {
        long t0 = System.nanoTime();
        CryoJRun r = CryoJRun.of(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        System.out.printf("%.1f s: %s%n", (System.nanoTime() - t0) / 1e9, String.join(" ", args));
    }
}
