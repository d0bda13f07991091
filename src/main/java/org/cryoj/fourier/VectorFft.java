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
        ar = new float[n * BLOCK];
        ai = new float[n * BLOCK];
        br = new float[n * BLOCK];
        bi = new float[n * BLOCK];
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

    private static void radix2(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float w1r, float w1i, int lanes) {
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i), a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            a0r.add(a1r).intoArray(yr, out + i);
            a0i.add(a1i).intoArray(yi, out + i);
            FloatVector dr = a0r.sub(a1r), di = a0i.sub(a1i);
            dr.mul(w1r).sub(di.mul(w1i)).intoArray(yr, out + os + i);
            dr.mul(w1i).add(di.mul(w1r)).intoArray(yi, out + os + i);
        }
    }

    private static final float SIN60 = (float) (Math.sqrt(3) / 2);

    private static void radix3(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        float w1r = wr[t], w1i = wi[t], w2r = wr[t + 1], w2i = wi[t + 1];
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i);
            FloatVector a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            FloatVector a2r = load(xr, in + 2 * is + i), a2i = load(xi, in + 2 * is + i);
            FloatVector sr = a1r.add(a2r), si = a1i.add(a2i), dr = a1r.sub(a2r), di = a1i.sub(a2i);
            a0r.add(sr).intoArray(yr, out + i);
            a0i.add(si).intoArray(yi, out + i);
            FloatVector mr = a0r.sub(sr.mul(0.5f)), mi = a0i.sub(si.mul(0.5f));
            // y1 = m - i sin60 d, y2 = m + i sin60 d
            FloatVector y1r = mr.add(di.mul(SIN60)), y1i = mi.sub(dr.mul(SIN60));
            FloatVector y2r = mr.sub(di.mul(SIN60)), y2i = mi.add(dr.mul(SIN60));
            twiddle(y1r, y1i, w1r, w1i, yr, yi, out + os + i);
            twiddle(y2r, y2i, w2r, w2i, yr, yi, out + 2 * os + i);
        }
    }

    private static void radix4(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        float w1r = wr[t], w1i = wi[t], w2r = wr[t + 1], w2i = wi[t + 1], w3r = wr[t + 2], w3i = wi[t + 2];
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

    private static void radix5(float[] xr, float[] xi, int in, int is, float[] yr, float[] yi, int out, int os,
                               float[] wr, float[] wi, int t, int lanes) {
        for (int i = 0; i < lanes; i += S.length()) {
            FloatVector a0r = load(xr, in + i), a0i = load(xi, in + i);
            FloatVector a1r = load(xr, in + is + i), a1i = load(xi, in + is + i);
            FloatVector a2r = load(xr, in + 2 * is + i), a2i = load(xi, in + 2 * is + i);
            FloatVector a3r = load(xr, in + 3 * is + i), a3i = load(xi, in + 3 * is + i);
            FloatVector a4r = load(xr, in + 4 * is + i), a4i = load(xi, in + 4 * is + i);
            FloatVector b1r = a1r.add(a4r), b1i = a1i.add(a4i), d1r = a1r.sub(a4r), d1i = a1i.sub(a4i);
            FloatVector b2r = a2r.add(a3r), b2i = a2i.add(a3i), d2r = a2r.sub(a3r), d2i = a2i.sub(a3i);
            a0r.add(b1r).add(b2r).intoArray(yr, out + i);
            a0i.add(b1i).add(b2i).intoArray(yi, out + i);
            // y1,4 = p1 -/+ i q1 with p1 = a0 + c1 b1 + c2 b2, q1 = s1 d1 + s2 d2;
            // y2,3 = p2 -/+ i q2 with p2 = a0 + c2 b1 + c1 b2, q2 = s2 d1 - s1 d2
            FloatVector p1r = a0r.add(b1r.mul(C1)).add(b2r.mul(C2)), p1i = a0i.add(b1i.mul(C1)).add(b2i.mul(C2));
            FloatVector q1r = d1r.mul(S1).add(d2r.mul(S2)), q1i = d1i.mul(S1).add(d2i.mul(S2));
            FloatVector p2r = a0r.add(b1r.mul(C2)).add(b2r.mul(C1)), p2i = a0i.add(b1i.mul(C2)).add(b2i.mul(C1));
            FloatVector q2r = d1r.mul(S2).sub(d2r.mul(S1)), q2i = d1i.mul(S2).sub(d2i.mul(S1));
            twiddle(p1r.add(q1i), p1i.sub(q1r), wr[t], wi[t], yr, yi, out + os + i);
            twiddle(p2r.add(q2i), p2i.sub(q2r), wr[t + 1], wi[t + 1], yr, yi, out + 2 * os + i);
            twiddle(p2r.sub(q2i), p2i.add(q2r), wr[t + 2], wi[t + 2], yr, yi, out + 3 * os + i);
            twiddle(p1r.sub(q1i), p1i.add(q1r), wr[t + 3], wi[t + 3], yr, yi, out + 4 * os + i);
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
                float w1r = wr[t + u - 1], w1i = wi[t + u - 1];
                for (int i = 0; i < lanes; i += S.length())
                    twiddle(load(yr, o + i), load(yi, o + i), w1r, w1i, yr, yi, o + i);
            }
        }
    }

    /** Stores (vr + i vi)(wr + i wi). */
    private static void twiddle(FloatVector vr, FloatVector vi, float wr, float wi, float[] yr, float[] yi, int at) {
        vr.mul(wr).sub(vi.mul(wi)).intoArray(yr, at);
        vr.mul(wi).add(vi.mul(wr)).intoArray(yi, at);
    }
}
