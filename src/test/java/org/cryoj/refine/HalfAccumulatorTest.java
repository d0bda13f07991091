package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.junit.jupiter.api.Test;

class HalfAccumulatorTest {
    static final int BOX = AtomicTestData.BOX, WINDOW = 16;

    /**
     * A slot's sums live until the M-step, through the other half-set's E-step: once their slice sums are in the
     * backprojection they must not keep the iteration's shared projections (tens of MB) reachable. Fails (checked)
     * when flushSlices keeps its SliceSums.
     */
    @Test
    void flushedSumsLetGoOfTheSharedProjections() {
        OrientationSampling os = new OrientationSampling(2, SymmetryGroup.parse("D2"), 1);
        FourierRegion window = FourierRegion.ofSize(BOX, WINDOW);
        GlobalFineProjections shared = GlobalFineProjections.of(os, Projector.of(AtomicTestData.truth(), 1, WINDOW / 2), window,
                Long.MAX_VALUE);
        HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, WINDOW / 2), 1, BOX / 2 + 1);
        acc.slices = new SliceSums(shared);
        java.util.Arrays.fill(acc.slices.data(3), 1f);
        java.util.Arrays.fill(acc.slices.weight(3), 1f);
        WeakReference<GlobalFineProjections> projections = new WeakReference<>(shared);
        shared = null;

        acc.flushSlices();
        for (int i = 0; i < 10 && projections.get() != null; i++) System.gc();

        assertNull(projections.get(), "the flushed sums still reach the shared projections");
        double sum = 0;
        for (float v : acc.backProjector.data()) sum += Math.abs(v);
        assertTrue(sum > 0, "the slice sums did not reach the backprojection");
    }
}
