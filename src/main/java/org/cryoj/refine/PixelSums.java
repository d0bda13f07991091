package org.cryoj.refine;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.simd.VectorApi;

/**
 * One particle's M-step terms per window pixel, orientation by orientation: its slice (w CTF X P / W and
 * w CTF²) at each significant orientation, and its noise and intensity-scale sums over them all. Per
 * orientation only the weighted sum P of the translations' phase factors is needed: a shift keeps each
 * pixel's power, so sum_t w_t |X e_t - A|^2 = W |X|^2 - 2 Re(X P conj(A)) + W |A|^2 with W = sum_t w_t, and
 * the backprojected image is X P / W.
 *
 * <p>Arrays are planar (real parts, then imaginary parts) and doubles, so that the per-pixel loops run on vectors
 * (with flat posteriors they run for 10^4 orientations per particle): the JIT vectorises the phase sums, and
 * {@link VectorPixelSums} the terms, which the JIT left scalar. One instance per thread, reused particle
 * after particle: allocated per particle, these arrays and the E-step's other per-particle arrays were 47 GB
 * of allocation in the atomic-detail refinement (a young collection every 30 ms); reused, that run is about 2 s
 * (3-4%) faster, with the same maps.
 *
 * <p>{@link #of} gives the Vector API version of the per-pixel terms where the JVM has the module (the same
 * numbers, lane by lane), else this plain one.
 */
class PixelSums {
    final int k;
    final double[] xmR, xmI, xrR, xrI, c, xPower, invS2, positive, noisePixel, xaPixel, aaPixel;
    final double[] phaseSum, pR, pI, outR, outI, outW;
    private final List<double[]> phases = new ArrayList<>();

    /** Sums over a window of {@code k} pixels: {@link VectorPixelSums} where the Vector API is there, else plain Java. */
    static PixelSums of(int k) {
        return VectorApi.instanceOr(PixelSums.class, "org.cryoj.refine.VectorPixelSums", why -> new PixelSums(k), k);
    }

    /** Sums over a window of {@code k} pixels, in plain Java. */
    PixelSums(int k) {
        this.k = k;
        xmR = new double[k]; xmI = new double[k]; xrR = new double[k]; xrI = new double[k]; c = new double[k];
        xPower = new double[k]; invS2 = new double[k]; positive = new double[k];
        noisePixel = new double[k]; xaPixel = new double[k]; aaPixel = new double[k];
        phaseSum = new double[2 * k]; pR = new double[k]; pI = new double[k];
        outR = new double[k]; outI = new double[k]; outW = new double[k];
    }

    int size() { return k; }

    /**
     * Starts a particle: its masked (noise, scale) and unmasked (backprojection) window pixels, interleaved complex,
     * the CTF at them and the noise model; the sums are zero.
     */
    void start(float[] xMasked, float[] xRaw, float[] ctfW, double[] invSigma2, FourierRegion rf) {
        for (int j = 0; j < k; j++) {
            xmR[j] = xMasked[2 * j];
            xmI[j] = xMasked[2 * j + 1];
            xrR[j] = xRaw[2 * j];
            xrI[j] = xRaw[2 * j + 1];
            c[j] = ctfW[j];
            xPower[j] = xmR[j] * xmR[j] + xmI[j] * xmI[j];
            invS2[j] = invSigma2[rf.shell(j)];
            positive[j] = rf.shell(j) > 0 ? 1 : 0;
        }
        java.util.Arrays.fill(noisePixel, 0);
        java.util.Arrays.fill(xaPixel, 0);
        java.util.Arrays.fill(aaPixel, 0);
    }

    /** Planar phase array number i of this particle (2k doubles, for the caller to fill). */
    double[] phases(int i) {
        while (phases.size() <= i) phases.add(new double[2 * k]);
        return phases.get(i);
    }

    /** The orientation's P, planar: zero until the caller adds its translations' weighted phase factors. */
    double[] clearedPhaseSum() {
        java.util.Arrays.fill(phaseSum, 0);
        return phaseSum;
    }

    /**
     * Adds the orientation whose projection is {@code p} (interleaved complex), weight {@code wo} (the sum of its
     * samples' normalised weights; P in {@link #clearedPhaseSum} on that scale) to the sums, and its slice terms to
     * {@code data} (interleaved complex) and {@code weight}.
     */
    void addOrientation(float[] p, double wo, float[] data, float[] weight) {
        for (int j = 0; j < k; j++) {
            pR[j] = p[2 * j];
            pI[j] = p[2 * j + 1];
        }
        addTerms(0, wo);
        for (int j = 0; j < k; j++) {
            data[2 * j] += (float) outR[j];
            data[2 * j + 1] += (float) outI[j];
            weight[j] += (float) outW[j];
        }
    }

    /**
     * The per-pixel terms of {@link #addOrientation} from pixel {@code from} on: noise, scale and slice terms from pR,
     * pI (the projection) and phaseSum into noisePixel, xaPixel, aaPixel and outR, outI, outW. Here one pixel at a time;
     * {@link VectorPixelSums} does the same operations in the same order on several at once.
     */
    void addTerms(int from, double wo) {
        double invWo = 1 / wo;
        for (int j = from; j < k; j++) {
            double pr = phaseSum[j], pi = phaseSum[k + j];
            double ar = c[j] * pR[j], ai = c[j] * pI[j];
            // X P for the masked image (noise, scale) and the unmasked one (backprojection)
            double sr = xmR[j] * pr - xmI[j] * pi, si = xmR[j] * pi + xmI[j] * pr;
            double a2 = ar * ar + ai * ai, sa = sr * ar + si * ai;
            noisePixel[j] += wo * (xPower[j] + a2) - 2 * sa;
            xaPixel[j] += positive[j] * sa;
            aaPixel[j] += positive[j] * wo * a2;
            // the backprojected terms: w CTF X P / W and w CTF², w = W / sigma²
            double cw = wo * invS2[j] * c[j];
            outR[j] = cw * ((xrR[j] * pr - xrI[j] * pi) * invWo);
            outI[j] = cw * ((xrR[j] * pi + xrI[j] * pr) * invWo);
            outW[j] = cw * c[j];
        }
    }

    /** The particle's totals over its orientations: weighted residual power, and the intensity-scale sums X.A and A.A. */
    record Totals(double residual, double xa, double aa) {}

    /** Adds the weighted residual power per shell to {@code noise}; returns the totals. */
    Totals finish(FourierRegion rf, double[] noise) {
        double residual = 0, xa = 0, aa = 0;
        for (int j = 0; j < k; j++) {
            noise[rf.shell(j)] += noisePixel[j];
            residual += noisePixel[j];
            xa += xaPixel[j];
            aa += aaPixel[j];
        }
        return new Totals(residual, xa, aa);
    }
}
