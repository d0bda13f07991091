package org.cryoj.reconstruct;

import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * The reconstruction step relion_reconstruct runs by default (RELION's BackProjector::reconstruct
 * without --skip_gridding): the inverse of the sampling density is estimated iteratively (Pipe &amp;
 * Menon 1999, eq. 14): starting from 1 at every grid point within the radius, each iteration
 * convolves weight x estimate with a Kaiser-Bessel blob (radius 3.8 padded pixels, alpha 15,
 * order 0: relion_reconstruct's --blob_r 1.9 doubled, --blob_a, --blob_m) by multiplying with
 * the blob's transform in real space, and divides the estimate by the magnitude of the result
 * (at least 1e-6). The data term times the final estimate then goes to real space as in
 * {@link FourierDivision} (window, soft mask outside the box sphere, trilinear gridding
 * correction).
 *
 * <p>The convolution runs on RELION's grid of the Fourier data, 2R + 3 points per side for radius
 * R = rMax x pad, with its index wrap and its blob table (10,000 samples of the transform over
 * [0, 0.5) of the padded frequency, nearest sample below, 0 beyond), so that the weights are
 * RELION's to float precision: the grid's period decides which data wrap into the convolution at
 * the faces, which the gridding correction at --pad 1 magnifies ~40 times in the map's corners
 * (on a 30-point grid instead of RELION's 29 the map differed by 2.5% of its range there, by 0.04%
 * on 29). That size is often prime (131 for box 64 at --pad 2): {@link GridFft} transforms it.
 */
final class IterativeGridding {
    /** relion_reconstruct's blob: --blob_r 1.9 (BackProjector doubles it), --blob_a 15, --blob_m 0. */
    static final double BLOB_RADIUS = 2 * 1.9, BLOB_ALPHA = 15;
    private static final int TABLE_SIZE = 10000;

    private IterativeGridding() {}

    static FloatVolume reconstruct(BackProjector bp, double pixelSize, int iterations) {
        return reconstruct(bp, pixelSize, iterations, 2 * bp.grid().radius() + 3);
    }

    /** On a convolution grid of {@code ps} points per side (at least 2R + 3; RELION's own is 2R + 3). */
    static FloatVolume reconstruct(BackProjector bp, double pixelSize, int iterations, int ps) {
        FourierGrid g = bp.grid();
        int r = g.radius(), r2max = r * r, relionSize = 2 * r + 3;
        float[] data = bp.data(), weight = bp.weight();
        FourierVolume conv = FourierVolume.zeros(ps, ps, ps);
        int hx = conv.hx();
        // Fweight (<= R^2, as RELION's decenter copies it) and the estimate (1 strictly inside R)
        double[] fweight = new double[hx * ps * ps], estimate = new double[fweight.length];
        int[] gridIndex = new int[fweight.length];
        for (int k = 0; k < ps; k++)
            for (int i = 0; i < ps; i++)
                for (int j = 0; j < hx; j++) {
                    int kz = FourierVolume.frequency(k, ps), ky = FourierVolume.frequency(i, ps), n = j + hx * (i + ps * k);
                    int r2 = j * j + ky * ky + kz * kz;
                    gridIndex[n] = r2 <= r2max ? g.index(j, ky, kz) : -1;
                    if (r2 <= r2max) fweight[n] = weight[gridIndex[n]];
                    if (r2 < r2max) estimate[n] = 1;
                }
        // on another grid size (tests) the blob's argument is scaled so that its kernel in Fourier pixels stays RELION's
        float[] blob = blobInRealSpace(ps, g.paddedBox() * (double) ps / relionSize);
        float[] c = conv.data();
        GridFft fft = new GridFft(ps);
        for (int iter = 0; iter < iterations; iter++) {
            for (int n = 0; n < fweight.length; n++) { c[2 * n] = (float) (estimate[n] * fweight[n]); c[2 * n + 1] = 0; }
            float[] real = fft.inverse(c);
            for (int v = 0; v < real.length; v++) real[v] *= blob[v];
            float[] back = fft.forward(real);
            for (int n = 0; n < estimate.length; n++) {
                if (estimate[n] == 0 && gridIndex[n] < 0) continue;
                int j = n % hx, i = (n / hx) % ps, k = n / (hx * ps);
                int ky = FourierVolume.frequency(i, ps), kz = FourierVolume.frequency(k, ps);
                if (j * j + ky * ky + kz * kz >= r2max) continue;
                estimate[n] /= Math.max(1e-6, Math.hypot(back[2 * n], back[2 * n + 1]));
            }
        }
        // the data term times the estimate, on the padded map's transform, strictly inside R
        int p = g.paddedBox();
        FourierVolume out = FourierVolume.zeros(p, p, p);
        float[] od = out.data();
        for (int n = 0; n < estimate.length; n++) {
            if (estimate[n] == 0) continue;
            int j = n % hx, ky = FourierVolume.frequency((n / hx) % ps, ps), kz = FourierVolume.frequency(n / (hx * ps), ps);
            int o = gridIndex[n], q = PaddedTransform.offset(p, j, ky, kz);
            od[q] = (float) (data[2 * o] * estimate[n]);
            od[q + 1] = (float) (data[2 * o + 1] * estimate[n]);
        }
        return PaddedTransform.toMap(out, g, pixelSize);
    }

    /**
     * The blob's normalised transform at each voxel of the ps^3 real-space grid, the distance taken
     * with RELION's wrap (index k stands for k below ps/2, else k - ps) in units of the padded box.
     */
    private static float[] blobInRealSpace(int ps, double paddedBox) {
        double[] table = blobTable();
        float[] m = new float[ps * ps * ps];
        int half = ps / 2, v = 0;
        for (int k = 0; k < ps; k++)
            for (int i = 0; i < ps; i++)
                for (int j = 0; j < ps; j++, v++) {
                    int kp = k < half ? k : k - ps, ip = i < half ? i : i - ps, jp = j < half ? j : j - ps;
                    double w = Math.sqrt((double) kp * kp + ip * ip + jp * jp) / paddedBox;
                    int idx = (int) (w / (0.5 / TABLE_SIZE));
                    m[v] = (float) (idx >= TABLE_SIZE ? 0 : table[idx] / table[0]);
                }
        return m;
    }

    /**
     * RELION's TabFtBlob: the 3D transform of the order-0 Kaiser-Bessel blob at w = i x 0.5 / 10,000,
     * up to factors that cancel in table[i] / table[0]: I_{3/2}(s) / s^{3/2} with
     * s = sqrt(alpha^2 - (2 pi a w)^2), J_{3/2} beyond 2 pi a w = alpha (not reached below w = 0.5
     * for this blob).
     */
    static double[] blobTable() {
        double[] t = new double[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE; i++) {
            double w = i * (0.5 / TABLE_SIZE), x = 2 * Math.PI * BLOB_RADIUS * w;
            double s = Math.sqrt(Math.abs(BLOB_ALPHA * BLOB_ALPHA - x * x));
            t[i] = (x > BLOB_ALPHA ? besselJ15(s) : besselI15(s)) / Math.pow(s, 1.5);
        }
        return t;
    }

    private static double besselI15(double x) {
        return x == 0 ? 0 : Math.sqrt(2 / (Math.PI * x)) * (Math.cosh(x) - Math.sinh(x) / x);
    }

    private static double besselJ15(double x) {
        return x == 0 ? 0 : Math.sqrt(2 / (Math.PI * x)) * (Math.sin(x) / x - Math.cos(x));
    }
}
