package org.cryoj.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.cryoj.fourier.Fft;
import org.cryoj.image.FloatVolume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GridFft (own Bluestein for sizes with factors other than 2, 3, 5) against Fft (JTransforms) on the same cube. */
class GridFftTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {7, 29, 30, 31, 51, 64})
    void forwardAndInverseEqualFft(int n) {
        Random r = new Random(n);
        float[] d = new float[n * n * n];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        FloatVolume v = new FloatVolume(n, n, n, d, 1);
        float[] expected = Fft.forward(v).data();
        GridFft g = new GridFft(n);
        float[] half = g.forward(d);
        double scale = 0;
        for (float x : expected) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], half[i], 1e-5 * scale, "forward, element " + i);
        float[] back = g.inverse(half), fftBack = Fft.inverse(Fft.forward(v), 1).data();
        for (int i = 0; i < d.length; i++) {
            assertEquals(d[i], back[i], 1e-4, "inverse of forward, voxel " + i);
            assertEquals(fftBack[i], back[i], 1e-4, "inverse vs Fft.inverse, voxel " + i);
        }
    }
}
