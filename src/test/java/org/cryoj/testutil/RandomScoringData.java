package org.cryoj.testutil;

import java.util.Random;

import org.cryoj.refine.ScoringImage;

/**
 * Random E-step inputs for the scoring kernels' contracts and benchmarks: a signal, projections
 * correlated with it (as real ones are, so that no score is near 0) and noisy copies of it as the
 * shifted images.
 */
public final class RandomScoringData {
    private RandomScoringData() {}

    /** n values of standard deviation {@code sigma}. */
    public static float[] gaussian(Random r, int n, float sigma) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (sigma * r.nextGaussian());
        return v;
    }

    /** {@code count} projections: noise plus between 0.2 and 1 times the signal {@code base}. */
    public static float[][] projections(Random r, float[] base, int count) {
        float[][] p = new float[count][];
        for (int o = 0; o < count; o++) {
            float a = 0.2f + 0.8f * r.nextFloat();
            p[o] = gaussian(r, base.length, 0.5f);
            for (int i = 0; i < base.length; i++) p[o][i] += a * base[i];
        }
        return p;
    }

    /** nt noisy copies of the signal over k pixels, positive weights, and the constant as ScoringImage defines it for the mode. */
    public static ScoringImage image(Random r, float[] base, int k, int nt, boolean cc) {
        float[][] shifted = new float[nt][];
        for (int t = 0; t < nt; t++) {
            shifted[t] = gaussian(r, 2 * k, 0.3f);
            for (int i = 0; i < 2 * k; i++) shifted[t][i] += base[i];
        }
        float[] w = new float[k];
        double constant = 0;
        for (int j = 0; j < k; j++) {
            w[j] = 0.1f + r.nextFloat();
            double x2 = shifted[0][2 * j] * shifted[0][2 * j] + shifted[0][2 * j + 1] * shifted[0][2 * j + 1];
            constant += cc ? x2 : x2 * w[j];
        }
        return new ScoringImage(shifted, w, constant);
    }
}
