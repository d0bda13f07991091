package org.cryoj.refine;

import org.cryoj.reconstruct.BackProjector;

/**
 * One thread's backprojection sums of a shared global search, per fine orientation: the 2D slice
 * terms (w CTF X and w CTF²) of all its particles at that orientation, splatted into the 3D
 * accumulator once at the end instead of once per particle. With flat posteriors every particle
 * reaches thousands of orientations, and the per-particle splats cost more than the scores.
 * A particle whose posterior is spread evenly over each coarse orientation's children adds its slice
 * once to the coarse orientation's own sums ({@link #parentKey}), which are splatted at each child,
 * a 1/children share each.
 */
final class SliceSums {
    private final GlobalFineProjections orientations;
    private final float[][] data, weight;
    private final int[] kx, ky;

    /**
     * Largest size of the children's sums per thread. They serve the particles whose posterior is not spread over the
     * children; in the first likelihood iteration those are few (77 of the atomic-detail set's 800, each touching ~570
     * of 9,216 child orientations), yet they filled the sums of both threads (2 x 39 MB at size 30) at the refinement's
     * peak of memory. Within 32 MB a thread's sums and the other's stay within the shared projections' budget; above it
     * those particles splat their slices themselves (there ~44,000 slices of 353 pixels: about 0.2 s of CPU time). Where
     * most particles are scored at the children (200 particles too noisy to align, box 32, one thread) that run took
     * 18.6 s instead of 15.9 s (RELION 64 s).
     */
    static final long CHILD_BUDGET_BYTES = 32L << 20;

    SliceSums(GlobalFineProjections orientations) {
        this.orientations = orientations;
        int n = orientations.size() + orientations.parents();
        this.data = new float[n][];
        this.weight = new float[n][];
        kx = orientations.window().kx();
        ky = orientations.window().ky();
    }

    /** Bytes these sums reach when every fine orientation is touched. */
    static long bytes(GlobalFineProjections orientations) {
        return (long) orientations.size() * orientations.window().size() * 12L;
    }

    /** Bytes the coarse orientations' own sums reach (flat posteriors spread over the children only). */
    static long parentBytes(GlobalFineProjections orientations) {
        return (long) orientations.parents() * orientations.window().size() * 12L;
    }

    /** The key of coarse orientation {@code parent}'s own sums, shared out among its children. */
    static int parentKey(GlobalFineProjections orientations, int parent) { return orientations.size() + parent; }

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
        int fine = orientations.size(), perParent = orientations.perParent();
        for (int key = 0; key < data.length; key++) {
            if (data[key] == null) continue;
            if (key < fine) into.backprojectSlice(kx, ky, data[key], weight[key], orientations.matrix(key));
            else {
                float share = 1f / perParent;
                for (int i = 0; i < data[key].length; i++) data[key][i] *= share;
                for (int i = 0; i < weight[key].length; i++) weight[key][i] *= share;
                int parent = key - fine;
                for (int c = 0; c < perParent; c++)
                    into.backprojectSlice(kx, ky, data[key], weight[key], orientations.matrix(parent * perParent + c));
            }
            data[key] = null;
            weight[key] = null;
        }
    }
}
