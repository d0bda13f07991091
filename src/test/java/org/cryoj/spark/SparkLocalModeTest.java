package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.refine.RefineTestData;
import org.cryoj.refine.Refiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The E-step through Spark in local mode (local[2]: executors are threads of this JVM, but every
 * plan, task result and merge goes through Spark's serialisation, broadcast and tree aggregation)
 * against the local refinement with --j 4: the same Auto-refine lines, maps and poses.
 */
class SparkLocalModeTest {
    @TempDir Path dir;

    @Test
    void sparkLocalModeEqualsTheLocalRun() throws Exception {
        RefineTestData d = SparkRefineRuns.data(dir, 100);
        Refiner.Outcome local = SparkRefineRuns.local(d, dir.resolve("local/run"));
        Refiner.Outcome spark;
        try (SparkCluster cluster = SparkCluster.connect("local[2]", "CryoJ test", SparkRefineRuns.testConf())) {
            SparkExpectation runner = new SparkExpectation(cluster, SparkRefineRuns.SLOTS, 2);
            spark = new Refiner(SparkRefineRuns.settings(d, dir.resolve("spark/run")), SparkRefineRuns.printing("[spark] "), runner).run(null);
            assertEquals(local.iterations(), runner.iterations().size(), "E-steps on Spark");
            assertTrue(runner.iterations().stream().allMatch(i -> i.tasks() == 2 * SparkRefineRuns.SLOTS), "tasks per E-step");
        }
        assertTrue(local.converged() && spark.converged());
        assertEquals(local.iterations(), spark.iterations());
        SparkRefineRuns.Comparison c = SparkRefineRuns.compare(dir.resolve("local/run"), dir.resolve("spark/run"));
        System.out.println("local[2] vs local --j " + SparkRefineRuns.SLOTS + ": " + c);
        c.assertSameResult();
    }
}
