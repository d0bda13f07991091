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
        return normalise(img, new BackgroundMask(size, bgRadius), ramp, whiteDust, blackDust, random);
    }

    /** The same with a mask made once for many images of one size. */
    static boolean normalise(float[] img, BackgroundMask bg, boolean ramp, double whiteDust, double blackDust, Random random) {
        int size = bg.size();
        if (img.length != (long) size * size)
            throw new IllegalArgumentException("image has " + img.length + " pixels, not " + size + "x" + size);
        if (whiteDust > 0 || blackDust > 0) {
            double[] ms = bg.meanAndStddev(img);
            if (whiteDust > 0) DustRemover.remove(img, true, whiteDust, ms[0], ms[1], random);
            if (blackDust > 0) DustRemover.remove(img, false, blackDust, ms[0], ms[1], random);
        }
        if (ramp) subtractRamp(img, bg);
        double[] ms = bg.meanAndStddev(img);
        if (ms[1] < 1e-10) return false;
        // in float, a loop the JIT turns into SIMD code (in double it did not: 4x slower); the
        // result is within an ulp or two of the double computation
        float mean = (float) ms[0], scale = (float) (1 / ms[1]);
        for (int i = 0; i < img.length; i++) img[i] = (img[i] - mean) * scale;
        return true;
    }

    /** Fits v = a*x + b*y + c to the background (centred x, y) and subtracts it everywhere. */
    static void subtractRamp(float[] img, BackgroundMask bg) {
        int size = bg.size();
        float[] xs = bg.centredX();
        // the right-hand side of the normal equations, row by row (sums of v and of x v per row,
        // y times the row's sum of v); the matrix depends on the mask alone
        double sxv = 0, syv = 0, sv = 0;
        for (int j = 0; j < size; j++) {
            int row = size * j, a = bg.innerFrom(j), b = bg.innerTo(j);
            double rv0 = 0, rv1 = 0, rxv0 = 0, rxv1 = 0;
            for (int part = 0; part < 2; part++) {
                int i = part == 0 ? 0 : b, end = part == 0 ? a : size;
                for (; i + 1 < end; i += 2) {
                    double v0 = img[row + i], v1 = img[row + i + 1];
                    rv0 += v0; rv1 += v1; rxv0 += xs[i] * v0; rxv1 += xs[i + 1] * v1;
                }
                if (i < end) { double v0 = img[row + i]; rv0 += v0; rxv0 += xs[i] * v0; }
            }
            double rv = rv0 + rv1;
            sxv += rxv0 + rxv1; syv += bg.centred(j) * rv; sv += rv;
        }
        double[] abc = solve3(bg.normalMatrix(), new double[] {sxv, syv, sv});
        // the plane in float (SIMD code; the ramp is small beside the data, so float suffices)
        float ax = (float) abc[0];
        for (int j = 0; j < size; j++) {
            float c = (float) (abc[1] * bg.centred(j) + abc[2]);
            int row = size * j;
            for (int i = 0; i < size; i++) img[row + i] -= ax * xs[i] + c;
        }
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
