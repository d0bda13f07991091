package org.cryoj.refine;

/** {@link DotKernel} in plain Java: independent partial sums so the JIT can overlap them. */
final class ScalarDotKernel implements DotKernel {
    private final String why;

    ScalarDotKernel(String why) { this.why = why; }

    @Override
    public void crossAll(float[][] p, float[][] b, double[] out) {
        int nt = b.length;
        for (int o = 0; o < p.length; o++)
            for (int t = 0; t < nt; t++) out[o * nt + t] = dot(b[t], p[o]);
    }

    @Override
    public double dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = a.length, i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (double) s0 + s1 + s2 + s3;
    }

    @Override
    public double weightedSquares(float[] w, float[] p) {
        float s0 = 0, s1 = 0;
        int n = w.length, i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += w[i] * p[i] * p[i];
            s1 += w[i + 1] * p[i + 1] * p[i + 1];
        }
        for (; i < n; i++) s0 += w[i] * p[i] * p[i];
        return (double) s0 + s1;
    }

    @Override
    public String name() { return "scalar (" + why + ")"; }
}
