package org.cryoj.refine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotKernel} on the JDK's Vector API (incubator module jdk.incubator.vector): fused
 * multiply-adds on the widest vectors the CPU has. crossAll works on blocks of 4 projections x
 * 2 translations, so each vector loaded feeds several multiply-adds. Loaded only by name from
 * {@link DotKernel#best} (through {@link org.cryoj.simd.VectorApi}), so JVMs without the module never see this class.
 */
final class VectorDotKernel implements DotKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void crossAll(float[][] p, float[][] b, double[] out) {
        int no = p.length, nt = b.length, o = 0;
        for (; o + 3 < no; o += 4) {
            int t = 0;
            for (; t + 1 < nt; t += 2) block(p[o], p[o + 1], p[o + 2], p[o + 3], b[t], b[t + 1], out, o * nt + t, nt);
            for (; t < nt; t++)
                for (int k = 0; k < 4; k++) out[(o + k) * nt + t] = dot(b[t], p[o + k]);
        }
        for (; o < no; o++)
            for (int t = 0; t < nt; t++) out[o * nt + t] = dot(b[t], p[o]);
    }

    /** The 8 sums of 4 projections x 2 translations; out[at + k nt + u] for projection k, translation u. */
    private static void block(float[] p0, float[] p1, float[] p2, float[] p3, float[] b0, float[] b1, double[] out, int at, int nt) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int n = b0.length, up = S.loopBound(n), i = 0;
        for (; i < up; i += S.length()) {
            FloatVector x0 = FloatVector.fromArray(S, b0, i), x1 = FloatVector.fromArray(S, b1, i);
            FloatVector y = FloatVector.fromArray(S, p0, i);
            s00 = x0.fma(y, s00);
            s01 = x1.fma(y, s01);
            y = FloatVector.fromArray(S, p1, i);
            s10 = x0.fma(y, s10);
            s11 = x1.fma(y, s11);
            y = FloatVector.fromArray(S, p2, i);
            s20 = x0.fma(y, s20);
            s21 = x1.fma(y, s21);
            y = FloatVector.fromArray(S, p3, i);
            s30 = x0.fma(y, s30);
            s31 = x1.fma(y, s31);
        }
        // scalars, not an array: an array here escaped and was allocated per call (a global iteration's largest allocation)
        float r0 = s00.reduceLanes(VectorOperators.ADD), r1 = s01.reduceLanes(VectorOperators.ADD);
        float r2 = s10.reduceLanes(VectorOperators.ADD), r3 = s11.reduceLanes(VectorOperators.ADD);
        float r4 = s20.reduceLanes(VectorOperators.ADD), r5 = s21.reduceLanes(VectorOperators.ADD);
        float r6 = s30.reduceLanes(VectorOperators.ADD), r7 = s31.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            r0 += b0[i] * p0[i];
            r1 += b1[i] * p0[i];
            r2 += b0[i] * p1[i];
            r3 += b1[i] * p1[i];
            r4 += b0[i] * p2[i];
            r5 += b1[i] * p2[i];
            r6 += b0[i] * p3[i];
            r7 += b1[i] * p3[i];
        }
        out[at] = r0;
        out[at + 1] = r1;
        out[at + nt] = r2;
        out[at + nt + 1] = r3;
        out[at + 2 * nt] = r4;
        out[at + 2 * nt + 1] = r5;
        out[at + 3 * nt] = r6;
        out[at + 3 * nt + 1] = r7;
    }

    @Override
    public double dot(float[] a, float[] b) {
        FloatVector s = FloatVector.zero(S);
        int n = a.length, up = S.loopBound(n), i = 0;
        for (; i < up; i += S.length()) s = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), s);
        double r = s.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) r += a[i] * b[i];
        return r;
    }

    @Override
    public double weightedSquares(float[] w, float[] p) {
        FloatVector s = FloatVector.zero(S);
        int n = w.length, up = S.loopBound(n), i = 0;
        for (; i < up; i += S.length()) {
            FloatVector y = FloatVector.fromArray(S, p, i);
            s = FloatVector.fromArray(S, w, i).mul(y).fma(y, s);
        }
        double r = s.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) r += w[i] * p[i] * p[i];
        return r;
    }

    @Override
    public String name() { return "SIMD (Vector API, " + S.length() + " floats)"; }
}
