package org.cryoj.refine;

import java.util.List;

/**
 * Where the E-step's arithmetic runs: scores of images against reference projections at
 * translations, the inner loop of the refinement. Implemented on the CPU and on CUDA and OpenCL
 * devices (org.cryoj.gpu), behind the same calls, which hand over whole batches (particles x orientations x
 * translations) so a device can be kept busy.
 */
public interface ExpectationBackend extends AutoCloseable {
    /**
     * Every image against every projection at each of the image's translations (the coarse pass of
     * a global search, where a batch of particles shares the projections).
     *
     * @param projections O arrays of 2K floats (window pixels, interleaved complex); a device backend may keep
     *                    them between calls, keyed by this array object, so an array passed again must hold
     *                    the same values (a global search passes one set for every particle of an iteration)
     * @param cc          cross-correlation instead of likelihood
     * @param out         per image, an array of at least O x T (its translations) that receives the
     *                    scores, index o T + t: diff2 (likelihood) or -CC; the caller's, so that the
     *                    largest arrays of a global search are reused rather than allocated per particle
     */
    void scoreAll(List<ScoringImage> images, float[][] projections, boolean cc, double[][] out);

    /** One image against listed (projection, translation) pairs (the fine pass). */
    double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc);

    /**
     * Whether the backend makes projections itself from {@link CentralSlices} faster than the
     * caller's thread would (a device): then the E-step hands over slices, not projections.
     */
    default boolean projects() { return false; }

    /** {@link #scoreAll(List, float[][], boolean, double[][])} of the projections {@code slices} describe. */
    default void scoreAll(List<ScoringImage> images, CentralSlices slices, boolean cc, double[][] out) {
        scoreAll(images, slices.project(), cc, out);
    }

    /** {@link #scorePairs(ScoringImage, float[][], int[], int[], boolean)} of the projections {@code slices} describe. */
    default double[] scorePairs(ScoringImage image, CentralSlices slices, int[] projection, int[] translation, boolean cc) {
        return scorePairs(image, slices.project(), projection, translation, cc);
    }

    /** For the log: "CPU", a device name, ... */
    String name();

    /** Frees what the backend holds outside the Java heap (device memory, queues); a no-op for the CPU. */
    @Override
    default void close() {}
}
