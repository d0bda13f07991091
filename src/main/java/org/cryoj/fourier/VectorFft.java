package org.cryoj.fourier;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward complex FFTs of one length n on many sequences at once, in float, on the JDK's Vector
 * API. Sequence b ("lane" b) keeps element e at {@code offset + e * stride + b} of split real and
 * imaginary arrays, so each butterfly works on whole vectors of lanes and needs no shuffles: the
 * layout a 2D transform has along its slow axis, or along the fast one after a transpose.
 *
 * <p>Stockham autosort, decimation in frequency (each stage reads one buffer and writes another,
 * so no bit reversal), with radix-4, 2, 3 and 5 butterflies and direct sums for larger prime
 * factors. Lanes are done in blocks of {@value #BLOCK} so a block's scratch stays in the cache.
 * Unnormalised, kernel e^(-2 pi i jk / n); the inverse transform is this one applied to (im, re)
 * with the arrays swapped, since ifft(x) = swap(fft(swap(x))).
 *
 * <p>Not thread-safe (scratch buffers). Loaded only by name, by {@link ImageRescaler#of}, where
 * the JVM has the jdk.incubator.vector module.
 */
final class VectorFft {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per block; lane counts must be multiples of {@link #LANE_MULTIPLE}. */
    static final int BLOCK = 64, LANE_MULTIPLE = 16;

    private final int n;
    private final int[] radix;
    /** Per stage: twiddles w^(j u), w = e^(-2 pi i / (length at that stage)), at j (p - 1) + u - 1. */
    private final float[][] twRe, twIm;
    private final float[] ar, ai, br, bi;

    VectorFft(int n) {
        this(n, null);
    }

    /** With the scratch of {@code shared} when it is at least as long (transforms that never run at once). */
    VectorFft(int n, VectorFft shared) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be positive, was " + n);
        if (LANE_MULTIPLE % S.length() != 0 && S.length() % LANE_MULTIPLE != 0)
            throw new IllegalStateException("vector length " + S.length() + " does not divide " + LANE_MULTIPLE);
        this.n = n;
        this.radix = factors(n);
        twRe = new float[radix.length][];
        twIm = new float[radix.length][];
        int len = n;
        for (int k = 0; k < radix.length; k++) {
            int p = radix[k], m = len / p;
            twRe[k] = new float[m * (p - 1)];
            twIm[k] = new float[m * (p - 1)];
            for (int j = 0; j < m; j++)
                for (int u = 1; u < p; u++) {
                    // (j u) mod len keeps the angle small: exact twiddles to float rounding
                    double a = -2 * Math.PI * ((long) j * u % len) / len;
                    twRe[k][j * (p - 1) + u - 1] = (float) Math.cos(a);
                    twIm[k][j * (p - 1) + u - 1] = (float) Math.sin(a);
                }
            len = m;
        }
        boolean share = shared != null && shared.n >= n;
        ar = share ? shared.ar : new float[n * BLOCK];
        ai = share ? shared.ai : new float[n * BLOCK];
        br = share ? shared.br : new float[n * BLOCK];
        bi = share ? shared.bi : new float[n * BLOCK];
    }

    int length() { return n; }

    /** Radix-4 stages first (fewest passes over the data), then 2, 3, 5, then larger primes. */
    static int[] factors(int n) {
        int[] out = new int[32];
        int k = 0, r = n;
        while (r % 4 == 0) { out[k++] = 4; r /= 4; }
        for (int p = 2; r > 1; p++)
            while (r % p == 0) { out[k++] = p; r /= p; }
        return java.util.Arrays.copyOf(out, k);
    }

    /**
     * Transforms {@code lanes} sequences in place.
     *
     * @param lanes a multiple of {@link #LANE_MULTIPLE}; lanes beyond the caller's data are
     *              transformed too and must hold finite numbers
     */
    void forward(float[] re, float[] im, int offset, int stride, int lanes) {
        if (lanes % LANE_MULTIPLE != 0)
            throw new IllegalArgumentException(lanes + " lanes: not a multiple of " + LANE_MULTIPLE);
        if (n == 1) return;
        for (int b = 0; b < lanes; b += BLOCK) transformBlock(re, im, offset + b, stride, Math.min(BLOCK, lanes - b));
    }

    private void transformBlock(float[] re, float[] im, int offset, int stride, int lanes) {
        int stages = radix.length;
        float[] sr = re, si = im;
        int so = offset, ss = stride, len = n, s = 1;
        for (int k = 0; k < stages; k++) {
            int p = radix[k], m = len / p;
            boolean toData = k == stages - 1 && stages > 1;
            float[] dr = toData ? re : k % 2 == 0 ? ar : br, di = toData ? im : k % 2 == 0 ? ai : bi;
            int dOff = toData ? offset : 0, ds = toData ? stride : lanes;
            int inStep = s * m * ss, outStep = s * ds;
            float[] wr = twRe[k], wi = twIm[k];
            for (int j = 0; j < m; j++)
                for (int q = 0; q < s; q++) {
                    int in = so + (q + s * j) * ss, out = dOff + (q + s * p * j) * ds, t = j * (p - 1);
                    switch (p) {
                        case 4 -> radix4(sr, si, in, inStep, dr, di, out, outStep, wr, wi, t, lanes);
                        case 2 -> radix2(sr, si, in, inStep, dr, di, out, outStep, wr[t], wi[t], lanes);
                        case 3 -> radix3(sr, si, in, inStep, dr, di, out, outStep, wr, wi, t, lanes);
                        case 5 -> radix5(sr, si, in, inStep, dr, di, out, outStep, wr, wi, t, lanes);
                        default -> radixP(p, sr, si, in, inStep, dr, di, out, outStep, wr, wi, t, lanes);
                    }
                }
            sr = dr; si = di; so = dOff; ss = ds;
            len = m;
            s *= p;
        }
        if (stages == 1)   // a prime length: one stage, into the scratch; copy back
            for (int e = 0; e < n; e++) {
                System.arraycopy(ar, e * lanes, re, offset + e * stride, lanes);
                System.arraycopy(ai, e * lanes, im, offset + e * stride, lanes);
            }
    }

    private static FloatVector load(float[] a, int i) { return FloatVector.fromArray(S, a, i); }

    private static FloatVector all(float v) { return FloatVector.broadcast(S, v); }

    // Constants and twiddles are broadcast once per call and the sums use fused multiply-adds: each
    // kernel stays small enough for C2 to inline all its vector operations (past its node budget,
    // operations are left as calls on boxed vectors, element by element, allocating).

    private static void radix2(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float w1r, float w1i, int lanes) {
        FloatVector wr = all(w1r), wi = all(w1i);
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i), a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            a0r.add(a1r).intoArray(yr, out + i);
            a0i.add(a1i).intoArray(yi, out + i);
            twiddle(a0r.sub(a1r), a0i.sub(a1i), wr, wi, yr, yi, out + os + i);
        }
    }

    private static final float SIN60 = (float) (Math.sqrt(3) / 2);

    private static void radix3(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        FloatVector w1r = all(wr[t]), w1i = all(wi[t]), w2r = all(wr[t + 1]), w2i = all(wi[t + 1]);
        FloatVector half = all(-0.5f), sin60 = all(SIN60);
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i);
            FloatVector a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            FloatVector a2r = load(xr, in + 2 * is + i), a2i = load(xi, in + 2 * is + i);
            FloatVector sr = a1r.add(a2r), si = a1i.add(a2i);
            FloatVector dr = a1r.sub(a2r).mul(sin60), di = a1i.sub(a2i).mul(sin60);
            a0r.add(sr).intoArray(yr, out + i);
            a0i.add(si).intoArray(yi, out + i);
            FloatVector mr = sr.fma(half, a0r), mi = si.fma(half, a0i);
            // y1 = m - i sin60 (a1 - a2), y2 = m + i sin60 (a1 - a2)
            twiddle(mr.add(di), mi.sub(dr), w1r, w1i, yr, yi, out + os + i);
            twiddle(mr.sub(di), mi.add(dr), w2r, w2i, yr, yi, out + 2 * os + i);
        }
    }

    private static void radix4(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        FloatVector w1r = all(wr[t]), w1i = all(wi[t]), w2r = all(wr[t + 1]), w2i = all(wi[t + 1]);
        FloatVector w3r = all(wr[t + 2]), w3i = all(wi[t + 2]);
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i);
            FloatVector a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            FloatVector a2r = load(xr, in + 2 * is + i), a2i = load(xi, in + 2 * is + i);
            FloatVector a3r = load(xr, in + 3 * is + i), a3i = load(xi, in + 3 * is + i);
            FloatVector s02r = a0r.add(a2r), s02i = a0i.add(a2i), d02r = a0r.sub(a2r), d02i = a0i.sub(a2i);
            FloatVector s13r = a1r.add(a3r), s13i = a1i.add(a3i), d13r = a1r.sub(a3r), d13i = a1i.sub(a3i);
            s02r.add(s13r).intoArray(yr, out + i);
            s02i.add(s13i).intoArray(yi, out + i);
            // y1 = d02 - i d13, y2 = s02 - s13, y3 = d02 + i d13
            twiddle(d02r.add(d13i), d02i.sub(d13r), w1r, w1i, yr, yi, out + os + i);
            twiddle(s02r.sub(s13r), s02i.sub(s13i), w2r, w2i, yr, yi, out + 2 * os + i);
            twiddle(d02r.sub(d13i), d02i.add(d13r), w3r, w3i, yr, yi, out + 3 * os + i);
        }
    }

    private static final float C1 = (float) Math.cos(2 * Math.PI / 5), C2 = (float) Math.cos(4 * Math.PI / 5),
            S1 = (float) Math.sin(2 * Math.PI / 5), S2 = (float) Math.sin(4 * Math.PI / 5);

    /** Radix 5 in three passes over the lanes (output 0, then 1 and 4, then 2 and 3), each a small kernel. */
    private static void radix5(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        radix5Sum(xr, xi, in, is, yr, yi, out, lanes);
        radix5Pair(xr, xi, in, is, yr, yi, out + os, out + 4 * os, C1, C2, S1, S2, wr[t], wi[t], wr[t + 3], wi[t + 3], lanes);
        radix5Pair(xr, xi, in, is, yr, yi, out + 2 * os, out + 3 * os, C2, C1, S2, -S1, wr[t + 1], wi[t + 1], wr[t + 2], wi[t + 2], lanes);
    }

    /** y0 = a0 + a1 + a2 + a3 + a4. */
    private static void radix5Sum(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int lanes) {
        for (int i = 0; i < lanes; i += S.length()) {
            load(xr, in + i).add(load(xr, in + is + i)).add(load(xr, in + 2 * is + i)).add(load(xr, in + 3 * is + i))
                    .add(load(xr, in + 4 * is + i)).intoArray(yr, out + i);
            load(xi, in + i).add(load(xi, in + is + i)).add(load(xi, in + 2 * is + i)).add(load(xi, in + 3 * is + i))
                    .add(load(xi, in + 4 * is + i)).intoArray(yi, out + i);
        }
    }

    /**
     * Outputs u and 5 - u: p -/+ i q with p = a0 + c (a1 + a4) + c' (a2 + a3), q = s (a1 - a4) + s' (a2 - a3);
     * u = 1: (c1, c2, s1, s2), u = 2: (c2, c1, s2, -s1).
     */
    private static void radix5Pair(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int outU, int outV,
                                   float c, float c2, float s, float s2, float wur, float wui, float wvr, float wvi, int lanes) {
        FloatVector cv = all(c), c2v = all(c2), sv = all(s), s2v = all(s2);
        FloatVector wUr = all(wur), wUi = all(wui), wVr = all(wvr), wVi = all(wvi);
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i);
            FloatVector a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            FloatVector a2r = load(xr, in + 2 * is + i), a2i = load(xi, in + 2 * is + i);
            FloatVector a3r = load(xr, in + 3 * is + i), a3i = load(xi, in + 3 * is + i);
            FloatVector a4r = load(xr, in + 4 * is + i), a4i = load(xi, in + 4 * is + i);
            FloatVector pr = a2r.add(a3r).fma(c2v, a1r.add(a4r).fma(cv, a0r));
            FloatVector pi = a2i.add(a3i).fma(c2v, a1i.add(a4i).fma(cv, a0i));
            FloatVector qr = a2r.sub(a3r).fma(s2v, a1r.sub(a4r).mul(sv));
            FloatVector qi = a2i.sub(a3i).fma(s2v, a1i.sub(a4i).mul(sv));
            twiddle(pr.add(qi), pi.sub(qr), wUr, wUi, yr, yi, outU + i);
            twiddle(pr.sub(qi), pi.add(qr), wVr, wVi, yr, yi, outV + i);
        }
    }

    /** Any prime p: y_u = w^u sum_r a_r e^(-2 pi i r u / p), summed in place in the output. */
    private static void radixP(int p, float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        for (int u = 0; u < p; u++) {
            int o = out + u * os;
            System.arraycopy(xr, in, yr, o, lanes);
            System.arraycopy(xi, in, yi, o, lanes);
            for (int r = 1; r < p; r++) {
                double a = -2 * Math.PI * ((long) r * u % p) / p;
                float c = (float) Math.cos(a), s = (float) Math.sin(a);
                int x = in + r * is;
                for (int i = 0; i < lanes; i += S.length()) {
                    FloatVector vr = load(xr, x + i), vi = load(xi, x + i);
                    load(yr, o + i).add(vr.mul(c)).sub(vi.mul(s)).intoArray(yr, o + i);
                    load(yi, o + i).add(vr.mul(s)).add(vi.mul(c)).intoArray(yi, o + i);
                }
            }
            if (u > 0) {
                FloatVector w1r = all(wr[t + u - 1]), w1i = all(wi[t + u - 1]);
                for (int i = 0; i < lanes; i += S.length())
                    twiddle(load(yr, o + i), load(yi, o + i), w1r, w1i, yr, yi, o + i);
            }
        }
    }

    /** Stores (vr + i vi)(wr + i wi). */
    private static void twiddle(FloatVector vr, FloatVector vi, FloatVector wr, FloatVector wi, float[] yr, float[] yi, int at) {
        vr.fma(wr, vi.mul(wi).neg()).intoArray(yr, at);
        vr.fma(wi, vi.mul(wr)).intoArray(yi, at);
    }
}
