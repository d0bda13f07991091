package org.cryoj.refine;

import org.cryoj.reconstruct.BackProjector;

/**
 * One thread's backprojection sums of a shared global search, per fine orientation: the 2D slice
 * terms (w CTF X and w CTF²) of all its particles at that orientation, splatted into the 3D
 * accumulator once at the end instead of once per particle. With flat posteriors every particle
 * reaches thousands of orientations, and the per-particle splats cost more than the scores.
 */
final class SliceSums {
    private final GlobalFineProjections orientations;
    private final float[][] data, weight;
    private final int[] kx, ky;

    SliceSums(GlobalFineProjections orientations) {
        this.orientations = orientations;
        int n = orientations.size();
        this.data = new float[n][];
        this.weight = new float[n][];
        kx = orientations.window().kx();
        ky = orientations.window().ky();
    }

    /** Bytes these sums reach when every orientation is touched. */
    static long bytes(GlobalFineProjections orientations) {
        return (long) orientations.size() * orientations.window().size() * 12L;
    }

    /** The data sums (w CTF X, interleaved complex per window pixel) at fine orientation {@code key}, to add a particle's slice to. */
    float[] data(int key) {
        if (data[key] == null) {
            data[key] = new float[2 * kx.length];
            weight[key] = new float[kx.length];
        }
        return data[key];
    }

    /** The weight sums (w CTF² per window pixel) at fine orientation {@code key}. */
    float[] weight(int key) {
        data(key);
        return weight[key];
    }

    /** Splats every orientation's sums into {@code into} (in orientation order, so the result does not depend on timing) and clears them. */
    void flush(BackProjector into) {
        for (int key = 0; key < data.length; key++) {
            if (data[key] == null) continue;
            into.backprojectSlice(kx, ky, data[key], weight[key], orientations.matrix(key));
            data[key] = null;
            weight[key] = null;
        }
    }
}
