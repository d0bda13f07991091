package org.cryoj.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

/** The batched float rescaler against FourierWindow.resize (JTransforms in double), size by size. */
class ImageRescalerTest {

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[n * n];
        // a smooth ramp plus noise: DC, low and high frequencies all present
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) d[x + n * y] = (float) (3 + 0.01 * x - 0.02 * y + r.nextGaussian());
        return d;
    }

    /** Largest |difference| over the RMS of the reference (float rounding: below 1e-6; 3e-6 with a length-97 direct sum). */
    private static double relativeError(int n, int m, long seed) {
        float[] in = noise(n, seed);
        float[] expected = FourierWindow.resize(new FloatVolume(n, n, 1, in.clone(), 1.0), m, 1.0).data();
        ImageRescaler fast = new VectorImageRescaler(n, m);
        float[] out = new float[m * m];
        fast.rescale(in, out);
        fast.rescale(noise(n, seed + 1), new float[m * m]);   // buffers reused: no state leaks into the next call
        fast.rescale(in, out);
        double rms = 0, worst = 0;
        for (int i = 0; i < out.length; i++) {
            rms += expected[i] * (double) expected[i];
            worst = Math.max(worst, Math.abs(out[i] - expected[i]));
        }
        return worst / Math.sqrt(rms / out.length);
    }

    @Test
    void equalsFourierWindowResizeToFloatRounding() {
        int[][] sizes = {{360, 256}, {96, 64}, {64, 96}, {256, 360}, {128, 128}, {2, 2}, {4, 2}, {2, 6}, {10, 6}, {6, 10},
                {194, 96}, {96, 194}, {154, 100}, {50, 30}, {48, 46}, {22, 14}, {26, 34}, {384, 256}, {200, 200}};
        for (int[] s : sizes) {
            double e = relativeError(s[0], s[1], s[0] * 1000L + s[1]);
            System.out.printf("rescale %d -> %d: max |fast - JTransforms| / rms %.2e%n", s[0], s[1], e);
            assertTrue(e < 5e-6, s[0] + " -> " + s[1] + ": relative error " + e);
        }
    }

    @Test
    void ofChoosesTheVectorFormAndRefusesBadSizes() {
        assertEquals(VectorImageRescaler.class, ImageRescaler.of(360, 256).getClass(), "tests run with jdk.incubator.vector");
        assertTrue(!(ImageRescaler.of(9, 4) instanceof VectorImageRescaler), "odd sizes take FourierWindow's path");
        float[] out = new float[16];
        ImageRescaler.of(9, 4).rescale(noise(9, 1), out);
        assertThrows(IllegalArgumentException.class, () -> ImageRescaler.of(360, 256).rescale(new float[10], new float[256 * 256]));
        assertThrows(IllegalArgumentException.class, () -> ImageRescaler.of(0, 4));
    }

    @Test
    void batchedFftEqualsTheDefinitionForMixedAndPrimeLengths() {
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16, 30, 49, 97, 360}) {
            int lanes = 32;
            SplittableRandom r = new SplittableRandom(n);
            float[] re = new float[n * lanes], im = new float[n * lanes];
            for (int i = 0; i < re.length; i++) { re[i] = (float) r.nextGaussian(); im[i] = (float) r.nextGaussian(); }
            float[] r0 = re.clone(), i0 = im.clone();
            new VectorFft(n).forward(re, im, 0, lanes, lanes);
            double worst = 0;
            for (int b = 0; b < lanes; b += 7)
                for (int k = 0; k < n; k++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < n; j++) {
                        double a = -2 * Math.PI * ((long) j * k % n) / n;
                        sr += r0[j * lanes + b] * Math.cos(a) - i0[j * lanes + b] * Math.sin(a);
                        si += r0[j * lanes + b] * Math.sin(a) + i0[j * lanes + b] * Math.cos(a);
                    }
                    worst = Math.max(worst, Math.hypot(sr - re[k * lanes + b], si - im[k * lanes + b]) / Math.sqrt(n));
                }
            assertTrue(worst < 1e-5, "length " + n + ": error " + worst);
        }
    }
}
