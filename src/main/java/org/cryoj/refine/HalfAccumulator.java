package org.cryoj.refine;

import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.FourierGrid;

/**
 * One thread's weighted sums for one half-set in one iteration (RELION's wsum_model): the
 * backprojection (data and weight, with 1/sigma²), the noise power per group and shell, the
 * offsets' second moment and the likelihood and Pmax sums. Merged in a fixed order, so a run
 * gives the same result whatever the thread timing. In a shared global search the particles' slices
 * wait in {@link #slices} until {@link #flushSlices()} (merge does it): read the backprojection after that.
 * Serializable (without waiting slices) so that a cluster's tasks can send their sums back.
 */
final class HalfAccumulator implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final BackProjector backProjector;
    final double[][] noisePower;   // [group][shell] sum of w |X - CTF P|²
    final double[] groupWeight;    // [group] sum of weights (one per particle)
    double offsetPower;            // sum w |origin|², Å²
    double weightSum;
    double logLikelihood;
    double pmaxSum;
    int particles;
    double normSum;                // sum of the particles' new rlnNormCorrection (--norm)
    final double[] scaleXA;        // [group] sum w Re(X conj(CTF P)), CTF without the group scale (--scale)
    final double[] scaleAA;        // [group] sum w |CTF P|²
    transient SliceSums slices;    // per-orientation slice sums not yet in backProjector, or null

    HalfAccumulator(FourierGrid grid, int groups, int shells) {
        backProjector = new BackProjector(grid);
        noisePower = new double[groups][shells];
        groupWeight = new double[groups];
        scaleXA = new double[groups];
        scaleAA = new double[groups];
    }

    void merge(HalfAccumulator o) {
        flushSlices();
        o.flushSlices();
        backProjector.merge(o.backProjector);
        mergeSums(o);
    }

    /**
     * Moves the waiting slice sums into the backprojection and lets go of them: they refer to the iteration's shared
     * projections, which the slot's sums, kept until the M-step, would otherwise hold through the other half-set's E-step.
     */
    void flushSlices() {
        if (slices != null) slices.flush(backProjector);
        slices = null;
    }

    /** Everything but the backprojection (whose data the caller merges or not). */
    void mergeSums(HalfAccumulator o) {
        for (int g = 0; g < noisePower.length; g++) {
            for (int s = 0; s < noisePower[g].length; s++) noisePower[g][s] += o.noisePower[g][s];
            groupWeight[g] += o.groupWeight[g];
            scaleXA[g] += o.scaleXA[g];
            scaleAA[g] += o.scaleAA[g];
        }
        normSum += o.normSum;
        offsetPower += o.offsetPower;
        weightSum += o.weightSum;
        logLikelihood += o.logLikelihood;
        pmaxSum += o.pmaxSum;
        particles += o.particles;
    }

    /** The offsets' new prior width, Å (RELION's sigma2_offset update), or {@code previous} when nothing was added. */
    double sigmaOffset(double previous) {
        return weightSum > 0 ? Math.sqrt(offsetPower / (2 * weightSum)) : previous;
    }
}
