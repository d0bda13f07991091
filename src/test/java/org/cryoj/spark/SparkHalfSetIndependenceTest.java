package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.Refiner;
import org.cryoj.testutil.PoisonedHalfSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold standard's promise on Spark (local[2]; SLOTS partitions per half-set, whose tasks share
 * an executor's projectors and are merged by the tree aggregation): a poisoned half 2 leaves half
 * 1's maps as they were through the iterations before the final one ({@link PoisonedHalfSets}).
 */
class SparkHalfSetIndependenceTest {
    @Test
    void poisonedHalfTwoLeavesHalfOneUntouchedOnSpark(@TempDir Path dir) throws Exception {
        PoisonedHalfSets.Runs runs = PoisonedHalfSets.create(dir, SparkRefineRuns.SLOTS);
        try (SparkCluster cluster = SparkCluster.connect("local[2]", "CryoJ test", SparkRefineRuns.testConf())) {
            Refiner.Outcome clean = onSpark(cluster, runs.clean()), poisoned = onSpark(cluster, runs.poisoned());
            PoisonedHalfSets.assertHalfOneUntouched(runs, clean, poisoned);
        }
    }

    private static Refiner.Outcome onSpark(SparkCluster cluster, RefineSettings s) throws Exception {
        SparkExpectation runner = new SparkExpectation(cluster, SparkRefineRuns.SLOTS, SparkRuns.DEPTH);
        Refiner.Outcome o = new Refiner(s, SparkRefineRuns.QUIET, runner).run(null);
        assertEquals(PoisonedHalfSets.ITERATIONS, runner.iterations().size(), "E-steps on Spark");
        return o;
    }
}
