package org.cryoj.parity;

/**
 * Dust removal replaces each pixel beyond --white_dust / --black_dust background deviations by
 * Gaussian noise: random in both tools (RELION draws from its own generator), so the dust-removed
 * images cannot be compared pixel by pixel. What must agree is which pixels were replaced. Each
 * tool also extracts the same particles without the dust options; a pixel it did not replace keeps
 * its value up to the normalisation, which the replaced pixels' noise changes: dust output = a x
 * (output without dust) + b + c x + d y on every unreplaced pixel (the ramp and the background
 * statistics moved), to float rounding. The pixels off that plane are the replaced ones.
 *
 * <p>The fit starts from the pixels within one background deviation in the output without dust
 * (thresholds of two deviations and more never replace them, and a blob the dust thresholds take
 * may cover more than half the box), then refits on the pixels it explains to 1e-3 until that set
 * settles; a pixel is "replaced" when it lies more than {@link #OFF_PLANE} off the fit (outputs are
 * in background standard deviations, float rounding is ~1e-6). A replaced pixel's new value lands
 * within that of the plane by chance with probability ~2e-5 x the noise density there, under 1e-6
 * for thresholds of 2 deviations and more.
 */
final class DustCheck {
    static final double OFF_PLANE = 2e-5;

    private DustCheck() {}

    /** Which pixels of a size x size image (dust output, output without dust) lie off the affine plane. */
    static boolean[] replaced(float[] dust, float[] clean, int size) {
        int n = dust.length;
        boolean[] use = new boolean[n];
        for (int p = 0; p < n; p++) use[p] = Math.abs(clean[p]) <= 1;
        double[] beta = null, res = new double[n];
        for (int round = 0; round < 8; round++) {
            beta = fit(dust, clean, size, use);
            if (beta == null) break;
            boolean changed = false;
            for (int p = 0; p < n; p++) {
                res[p] = Math.abs(dust[p] - predict(beta, clean[p], p % size, p / size));
                boolean u = res[p] <= 1e-3 * Math.max(1, Math.abs(dust[p]));
                changed |= u != use[p];
                use[p] = u;
            }
            if (!changed) break;
        }
        boolean[] off = new boolean[n];
        if (beta == null) return off;
        for (int p = 0; p < n; p++) off[p] = res[p] > OFF_PLANE * Math.max(1, Math.abs(dust[p]));
        return off;
    }

    private static double predict(double[] b, double clean, int x, int y) {
        return b[0] * clean + b[1] + b[2] * x + b[3] * y;
    }

    /** Least squares of dust = a clean + b + c x + d y over the used pixels (normal equations, Gaussian elimination). */
    private static double[] fit(float[] dust, float[] clean, int size, boolean[] use) {
        double[][] m = new double[4][5];
        for (int p = 0; p < dust.length; p++) {
            if (!use[p]) continue;
            double[] row = {clean[p], 1, p % size, p / size};
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) m[i][j] += row[i] * row[j];
                m[i][4] += row[i] * dust[p];
            }
        }
        for (int c = 0; c < 4; c++) {
            int pivot = c;
            for (int r = c + 1; r < 4; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            if (Math.abs(m[pivot][c]) < 1e-300) return null;
            double[] t = m[c]; m[c] = m[pivot]; m[pivot] = t;
            for (int r = 0; r < 4; r++) {
                if (r == c) continue;
                double f = m[r][c] / m[c][c];
                for (int k = c; k < 5; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) b[i] = m[i][4] / m[i][i];
        return b;
    }
}
