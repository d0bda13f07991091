package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

class FittedSubtractionTest {

    private static FloatVolume noise(long seed) {
        Random r = new Random(seed);
        float[] d = new float[24 * 24];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new FloatVolume(24, 24, 1, d, 1.5);
    }

    private static FloatVolume times(FloatVolume v, float s) {
        float[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return new FloatVolume(v.nx(), v.ny(), v.nz(), d, v.pixelSize());
    }

    @Test
    void findsTheScaleAndNoBFactorOfAScaledCopy() {
        FloatVolume a = noise(1);
        FittedSubtraction.Fit fit = new FittedSubtraction(a, null, 50, 1.5).fit(times(a, 2.5f));
        assertEquals(0, fit.bfactor());
        assertEquals(2.5, fit.scale(), 1e-5);
    }

    @Test
    void aBFactorSearchWithNoFiniteDifferenceIsRefused() {
        // RELION finds no B-factor either and subtracts the operand unscaled, filtered with an uninitialised B-factor
        FloatVolume x = noise(2);
        x.data()[7] = Float.NaN;
        FittedSubtraction s = new FittedSubtraction(noise(3), null, 20, 1.5);
        assertThrows(IllegalArgumentException.class, () -> s.fit(x));
        assertThrows(IllegalArgumentException.class, () -> s.apply(x));
    }
}
