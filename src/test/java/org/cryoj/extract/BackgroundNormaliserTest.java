package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Normalisation of synthetic images: plane + noise in the background, a bright disc inside. */
class BackgroundNormaliserTest {
    private static final int N = 64, R = 24;

    private static boolean background(int i, int j) {
        int x = i - N / 2, y = j - N / 2;
        return x * x + y * y > R * R;
    }

    private static double[] backgroundStats(float[] img) {
        double s = 0, s2 = 0; int n = 0;
        for (int j = 0; j < N; j++) for (int i = 0; i < N; i++)
            if (background(i, j)) { s += img[i + N * j]; s2 += img[i + N * j] * (double) img[i + N * j]; n++; }
        double m = s / n;
        return new double[] {m, Math.sqrt(s2 / n - m * m)};
    }

    /** Plane 0.3x - 0.2y + 5 plus N(0, 2) noise; the disc inside the radius is 100 + noise. */
    private static float[] image(float[] noise) {
        float[] img = new float[N * N];
        for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) {
            double plane = 0.3 * (i - N / 2) - 0.2 * (j - N / 2) + 5;
            img[i + N * j] = (float) (plane + noise[i + N * j] + (background(i, j) ? 0 : 100));
        }
        return img;
    }

    private static float[] noise(long seed) {
        Random r = new Random(seed);
        float[] n = new float[N * N];
        for (int i = 0; i < n.length; i++) n[i] = (float) (2 * r.nextGaussian());
        return n;
    }

    private static double backgroundCorrelation(float[] a, float[] b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0; int n = 0;
        for (int j = 0; j < N; j++) for (int i = 0; i < N; i++) if (background(i, j)) {
            double x = a[i + N * j], y = b[i + N * j];
            sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; n++;
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa * sa / n / n) * (sbb / n - sb * sb / n / n));
    }

    @Test
    void rampIsRemovedAndBackgroundBecomesMeanZeroStddevOne() {
        float[] noise = noise(1);
        float[] img = image(noise);
        assertTrue(BackgroundNormaliser.normalise(img, N, R, true, -1, -1, new Random(0)));
        double[] ms = backgroundStats(img);
        assertEquals(0, ms[0], 1e-5);
        assertEquals(1, ms[1], 1e-5);
        // what is left in the background is the noise itself (the plane explained ~10x its stddev)
        assertTrue(backgroundCorrelation(img, noise) > 0.995, "correlation " + backgroundCorrelation(img, noise));
        // and the disc stands (100 - 0) / ~2 = ~50 stddevs above the background
        assertEquals(50, img[N / 2 + N * (N / 2)], 6);
    }

    @Test
    void withoutRampOnlyTheMeanIsSubtracted() {
        float[] noise = noise(2);
        float[] img = image(noise);
        BackgroundNormaliser.normalise(img, N, R, false, -1, -1, new Random(0));
        double[] ms = backgroundStats(img);
        assertEquals(0, ms[0], 1e-5);
        assertEquals(1, ms[1], 1e-5);
        assertTrue(backgroundCorrelation(img, noise) < 0.5, "the ramp should remain");
    }

    @Test
    void flatBackgroundIsLeftUnscaled() {
        float[] img = new float[N * N];
        java.util.Arrays.fill(img, 3f);
        assertFalse(BackgroundNormaliser.normalise(img, N, R, true, -1, -1, new Random(0)));
    }

    @Test
    void radiusLargerThanHalfTheBoxFails() {
        assertThrows(IllegalArgumentException.class,
                () -> BackgroundNormaliser.normalise(new float[N * N], N, N / 2 + 1, true, -1, -1, new Random(0)));
    }

    @Test
    void dustAboveThresholdIsReplacedByBackgroundNoise() {
        Random r = new Random(3);
        float[] img = new float[N * N];
        for (int i = 0; i < img.length; i++) img[i] = (float) r.nextGaussian();
        int[] white = {5, 700, 2222}, black = {17, 3000};
        for (int i : white) img[i] = 50;
        for (int i : black) img[i] = -50;
        float[] whiteOnly = img.clone();
        assertEquals(white.length, DustRemover.remove(whiteOnly, true, 5, 0, 1, new Random(4)));
        for (int i : white) assertTrue(Math.abs(whiteOnly[i]) < 6, "white dust left at " + i);
        for (int i : black) assertEquals(-50, whiteOnly[i]);
        assertEquals(black.length, DustRemover.remove(whiteOnly, false, 5, 0, 1, new Random(4)));
        for (int i : black) assertTrue(Math.abs(whiteOnly[i]) < 6, "black dust left at " + i);
    }

    /**
     * relion_preprocess's normalisation written out pixel by pixel in double (the arithmetic of
     * CryoJ's first version): plane fitted to the background by the normal equations, subtracted,
     * then (v - mean) / stddev of the background.
     */
    private static float[] definition(float[] in, int n, int r) {
        float[] img = in.clone();
        double[][] m = new double[3][3];
        double[] rhs = new double[3];
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            long x = i - n / 2, y = j - n / 2;
            if (x * x + y * y <= (long) r * r) continue;
            double[] f = {x, y, 1};
            for (int a = 0; a < 3; a++) { rhs[a] += f[a] * img[i + n * j]; for (int b = 0; b < 3; b++) m[a][b] += f[a] * f[b]; }
        }
        double[] abc = solve(m, rhs);
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++)
            img[i + n * j] -= (float) (abc[0] * (i - n / 2) + abc[1] * (j - n / 2) + abc[2]);
        double s = 0, s2 = 0; long cnt = 0;
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            long x = i - n / 2, y = j - n / 2;
            if (x * x + y * y > (long) r * r) { s += img[i + n * j]; s2 += img[i + n * j] * (double) img[i + n * j]; cnt++; }
        }
        double mean = s / cnt, sd = Math.sqrt(s2 / cnt - mean * mean);
        for (int k = 0; k < img.length; k++) img[k] = (float) ((img[k] - mean) / sd);
        return img;
    }

    /** Gaussian elimination with partial pivoting, 3 x 3. */
    private static double[] solve(double[][] a, double[] b) {
        double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[] r = b.clone();
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int k = c + 1; k < 3; k++) if (Math.abs(m[k][c]) > Math.abs(m[p][c])) p = k;
            double[] t = m[c]; m[c] = m[p]; m[p] = t; double tr = r[c]; r[c] = r[p]; r[p] = tr;
            for (int k = c + 1; k < 3; k++) {
                double f = m[k][c] / m[c][c];
                for (int q = c; q < 3; q++) m[k][q] -= f * m[c][q];
                r[k] -= f * r[c];
            }
        }
        double[] x = new double[3];
        for (int c = 2; c >= 0; c--) {
            double v = r[c];
            for (int q = c + 1; q < 3; q++) v -= m[c][q] * x[q];
            x[c] = v / m[c][c];
        }
        return x;
    }

    @Test
    void equalsThePixelByPixelDefinitionToFloatRounding() {
        for (int[] nr : new int[][] {{64, 24}, {256, 96}, {65, 20}, {30, 15}, {8, 0}}) {
            int n = nr[0], r = nr[1];
            Random rnd = new Random(n);
            float[] img = new float[n * n];
            for (int j = 0; j < n; j++) for (int i = 0; i < n; i++)
                img[i + n * j] = (float) (40 + 0.7 * (i - n / 2) - 0.4 * (j - n / 2) + 3 * rnd.nextGaussian());
            float[] expected = definition(img, n, r);
            float[] got = img.clone();
            assertTrue(BackgroundNormaliser.normalise(got, n, r, true, -1, -1, new Random(0)));
            // the plane is subtracted in float: a few ulps of the input's magnitude, in units of the
            // background's standard deviation (3), plus float rounding of the result
            float maxIn = 0;
            for (float v : img) maxIn = Math.max(maxIn, Math.abs(v));
            double worst = 0;
            for (int k = 0; k < got.length; k++)
                worst = Math.max(worst, Math.abs(got[k] - expected[k]) / (2 * Math.ulp(maxIn) / 3 + Math.ulp(expected[k])));
            System.out.printf("normalise %d px, radius %d: worst difference %.2f of the tolerance%n", n, r, worst);
            assertTrue(worst <= 1, n + " px, radius " + r + ": off by " + worst + " of the float tolerance");
        }
    }
}
