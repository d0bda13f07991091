package org.cryoj.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

class FscAndFilterTest {

    @Test
    void fscOfAMapWithItselfIsOne() {
        FloatVolume v = FftTest.noise(24, 24, 24, 11).withPixelSize(2.0);
        FscCurve c = Fsc.of(v, v.copy());
        assertEquals(13, c.shells());
        for (int s = 0; s < c.shells(); s++) assertEquals(1.0, c.fsc()[s], 1e-6);
        assertEquals(24 * 2.0 / 12, c.resolutionAt(0.143), 1e-12);
        assertEquals(24 * 2.0 / 6, c.resolution(6), 1e-12);
    }

    @Test
    void fscOfIndependentNoiseIsNearZero() {
        FscCurve c = Fsc.of(FftTest.noise(32, 32, 32, 1), FftTest.noise(32, 32, 32, 2));
        // shell s holds ~2 pi s^2 independent terms: |FSC| ~ 1/sqrt(that), 5 sigma below 0.2 from shell 4
        for (int s = 4; s < c.shells(); s++) assertTrue(Math.abs(c.fsc()[s]) < 0.2, "shell " + s + ": " + c.fsc()[s]);
        assertEquals(Double.POSITIVE_INFINITY, c.resolutionAt(0.5));
    }

    @Test
    void fscOfSignalPlusNoiseCrossesWhereTheSignalStops() {
        // the same low-passed signal plus independent noise: edge shells 9-11 = 8.9-7.3 A
        int n = 40;
        double apix = 2;
        FloatVolume signal = FourierFilters.lowPass(FftTest.noise(n, n, n, 5).withPixelSize(apix), 8, apix, 2);
        FloatVolume a = add(signal, FftTest.noise(n, n, n, 6), 0.05), b = add(signal, FftTest.noise(n, n, n, 7), 0.05);
        FscCurve c = Fsc.of(a, b);
        double res = c.resolutionAt(0.143);
        assertTrue(res >= 7.0 && res <= 9.0, "resolution " + res);
    }

    static FloatVolume add(FloatVolume s, FloatVolume noise, double scale) {
        float[] d = s.data().clone();
        for (int i = 0; i < d.length; i++) d[i] += (float) (scale * noise.data()[i]);
        return new FloatVolume(s.nx(), s.ny(), s.nz(), d, s.pixelSize());
    }

    @Test
    void lowPassKeepsLowWavesAndRemovesHighOnes() {
        int n = 32;
        double apix = 1.5;
        // filter at 12 A -> shell ROUND(32*1.5/12) = 4, cosine edge from shell 3 to 5
        FloatVolume low = FftTest.wave(n, new int[][]{{2, 1, 0}});       // |k| ~ 2.2
        FloatVolume high = FftTest.wave(n, new int[][]{{5, 3, 1}});      // |k| ~ 5.9
        FloatVolume lowF = FourierFilters.lowPass(low.withPixelSize(apix), 12, apix, 2);
        FloatVolume highF = FourierFilters.lowPass(high.withPixelSize(apix), 12, apix, 2);
        for (int i = 0; i < low.data().length; i++) {
            assertEquals(low.data()[i], lowF.data()[i], 1e-5);
            assertEquals(0.3, highF.data()[i], 1e-5);   // only the constant term survives
        }
        // and at the edge midpoint (|k| = 4) the weight is 0.5: a wave at (4,0,0) halves
        FloatVolume edge = FftTest.wave(n, new int[][]{{4, 0, 0}});
        FloatVolume edgeF = FourierFilters.lowPass(edge.withPixelSize(apix), 12, apix, 2);
        for (int i = 0; i < edge.data().length; i++)
            assertEquals(0.3 + 0.5 * (edge.data()[i] - 0.3), edgeF.data()[i], 1e-5);
        // high-pass is the complement
        FloatVolume edgeH = FourierFilters.highPass(edge.withPixelSize(apix), 12, apix, 2);
        for (int i = 0; i < edge.data().length; i++)
            assertEquals(0.5 * (edge.data()[i] - 0.3), edgeH.data()[i], 1e-5);
    }
}
