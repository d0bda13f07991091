package org.cryoj.refine;

import java.util.List;

/**
 * The E-step scores on the calling thread (the refinement runs --j of them in parallel), with
 * the sums of products in a {@link DotKernel}: SIMD where the JVM offers the Vector API.
 */
public final class CpuExpectationBackend implements ExpectationBackend {
    private final DotKernel kernel;

    public CpuExpectationBackend() { this(DotKernel.best()); }

    CpuExpectationBackend(DotKernel kernel) { this.kernel = kernel; }

    @Override
    public void scoreAll(List<ScoringImage> images, float[][] projections, boolean cc, double[][] out) {
        double[] q = new double[projections.length];
        for (int i = 0; i < images.size(); i++) {
            ScoringImage img = images.get(i);
            float[] w = interleaved(img.ctf2w());
            for (int o = 0; o < projections.length; o++) q[o] = kernel.weightedSquares(w, projections[o]);
            int nt = img.translations();
            double[] s = out[i];
            kernel.crossAll(projections, img.shifted(), s);
            for (int o = 0; o < projections.length; o++)
                for (int t = 0; t < nt; t++) s[o * nt + t] = img.score(q[o], s[o * nt + t], cc);
        }
    }

    @Override
    public double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc) {
        double[] q = new double[projections.length];
        boolean[] done = new boolean[projections.length];
        double[] out = new double[projection.length];
        float[] w = interleaved(image.ctf2w());
        for (int k = 0; k < projection.length; k++) {
            int o = projection[k];
            if (!done[o]) { q[o] = kernel.weightedSquares(w, projections[o]); done[o] = true; }
            out[k] = image.score(q[o], kernel.dot(image.shifted()[translation[k]], projections[o]), cc);
        }
        return out;
    }

    @Override
    public String name() { return "CPU, " + kernel.name(); }

    /** The per-pixel weights once per real and imaginary part, to match the interleaved projections. */
    private static float[] interleaved(float[] perPixel) {
        float[] w = new float[2 * perPixel.length];
        for (int j = 0; j < perPixel.length; j++) w[2 * j] = w[2 * j + 1] = perPixel[j];
        return w;
    }
}
