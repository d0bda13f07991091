package org.cryoj.refine;

import java.util.List;

/** The E-step scores on the calling thread (the refinement runs --j of them in parallel). */
public final class CpuExpectationBackend implements ExpectationBackend {

    @Override
    public double[][] scoreAll(List<ScoringImage> images, float[][] projections, boolean cc) {
        double[][] out = new double[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            ScoringImage img = images.get(i);
            int nt = img.translations();
            double[] s = new double[projections.length * nt];
            for (int o = 0; o < projections.length; o++) {
                float[] p = projections[o];
                double q = quadratic(img.ctf2w(), p);
                for (int t = 0; t < nt; t++) s[o * nt + t] = score(img, q, cross(img.shifted()[t], p), cc);
            }
            out[i] = s;
        }
        return out;
    }

    @Override
    public double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc) {
        double[] q = new double[projections.length];
        boolean[] done = new boolean[projections.length];
        double[] out = new double[projection.length];
        for (int k = 0; k < projection.length; k++) {
            int o = projection[k];
            if (!done[o]) { q[o] = quadratic(image.ctf2w(), projections[o]); done[o] = true; }
            out[k] = score(image, q[o], cross(image.shifted()[translation[k]], projections[o]), cc);
        }
        return out;
    }

    @Override
    public String name() { return "CPU"; }

    private static double score(ScoringImage img, double q, double cross, boolean cc) {
        if (cc) {
            double norm = Math.sqrt(img.constant() * q);
            return norm > 0 ? -cross / norm : 0;
        }
        return img.constant() + q - cross;
    }

    /** sum ctf2w |P|² */
    private static double quadratic(float[] ctf2w, float[] p) {
        double s0 = 0, s1 = 0;
        for (int j = 0; j < ctf2w.length; j++) {
            float re = p[2 * j], im = p[2 * j + 1];
            if ((j & 1) == 0) s0 += ctf2w[j] * (re * re + im * im);
            else s1 += ctf2w[j] * (re * re + im * im);
        }
        return s0 + s1;
    }

    /** sum Re(conj(b) p), four partial sums so the JIT can pipeline them */
    private static double cross(float[] b, float[] p) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = b.length, i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += b[i] * p[i];
            s1 += b[i + 1] * p[i + 1];
            s2 += b[i + 2] * p[i + 2];
            s3 += b[i + 3] * p[i + 3];
        }
        for (; i < n; i++) s0 += b[i] * p[i];
        return (double) s0 + s1 + s2 + s3;
    }
}
