package org.cryoj.extract;

import java.util.Random;

/**
 * relion_preprocess --norm on one square image, in RELION's order: dust removal with the first
 * background statistics, least-squares plane (ramp) fitted to the background and subtracted
 * from the whole image, then the background brought to mean 0 and standard deviation 1.
 */
public final class BackgroundNormaliser {
    private BackgroundNormaliser() {}

    /**
     * Normalises {@code img} (size x size, x fastest) in place.
     *
     * @param whiteDust  threshold in stddevs, <= 0 = off
     * @param blackDust  threshold in stddevs, <= 0 = off
     * @return false when the background is flat (stddev < 1e-10) and, like RELION, the image was
     *         left unscaled
     */
    public static boolean normalise(float[] img, int size, int bgRadius, boolean ramp,
                                    double whiteDust, double blackDust, Random random) {
        if (img.length != (long) size * size)
            throw new IllegalArgumentException("image has " + img.length + " pixels, not " + size + "x" + size);
        BackgroundMask bg = new BackgroundMask(size, bgRadius);
        if (whiteDust > 0 || blackDust > 0) {
            double[] ms = bg.meanAndStddev(img);
            if (whiteDust > 0) DustRemover.remove(img, true, whiteDust, ms[0], ms[1], random);
            if (blackDust > 0) DustRemover.remove(img, false, blackDust, ms[0], ms[1], random);
        }
        if (ramp) subtractRamp(img, bg);
        double[] ms = bg.meanAndStddev(img);
        if (ms[1] < 1e-10) return false;
        for (int i = 0; i < img.length; i++) img[i] = (float) ((img[i] - ms[0]) / ms[1]);
        return true;
    }

    /** Fits v = a*x + b*y + c to the background (centred x, y) and subtracts it everywhere. */
    static void subtractRamp(float[] img, BackgroundMask bg) {
        int size = bg.size();
        // normal equations of the least-squares plane
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, n = 0, sxv = 0, syv = 0, sv = 0;
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++) {
                if (!bg.isBackground(i, j)) continue;
                double x = bg.centred(i), y = bg.centred(j), v = img[i + size * j];
                sxx += x * x; sxy += x * y; sx += x; syy += y * y; sy += y; n++;
                sxv += x * v; syv += y * v; sv += v;
            }
        double[] abc = solve3(new double[][] {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}},
                new double[] {sxv, syv, sv});
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
                img[i + size * j] -= (float) (abc[0] * bg.centred(i) + abc[1] * bg.centred(j) + abc[2]);
    }

    /** Cramer's rule; the background of a box always spans a plane, so the matrix is regular. */
    private static double[] solve3(double[][] m, double[] r) {
        double det = det3(m);
        if (Math.abs(det) < 1e-300) throw new IllegalArgumentException("background too small to fit a ramp");
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] mc = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int row = 0; row < 3; row++) mc[row][c] = r[row];
            out[c] = det3(mc) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
             - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
             + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
