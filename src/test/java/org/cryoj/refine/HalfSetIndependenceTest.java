package org.cryoj.refine;

import java.nio.file.Path;

import org.cryoj.testutil.PoisonedHalfSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gold standard's promise on this machine's threads (--j 2): a poisoned half 2 leaves half 1's
 * maps as they were, iteration after iteration ({@link PoisonedHalfSets}).
 */
class HalfSetIndependenceTest {
    @Test
    void poisonedHalfTwoLeavesHalfOneUntouched(@TempDir Path dir) throws Exception {
        PoisonedHalfSets.Runs runs = PoisonedHalfSets.create(dir, 2);
        Refiner.Outcome clean = new Refiner(runs.clean(), new RefineListener() {}, new CpuExpectationBackend()).run(null);
        Refiner.Outcome poisoned = new Refiner(runs.poisoned(), new RefineListener() {}, new CpuExpectationBackend()).run(null);
        PoisonedHalfSets.assertHalfOneUntouched(runs, clean, poisoned);
    }
}
