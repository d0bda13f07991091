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
}
