package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

class ImageAssertTest {

    private static FloatVolume ramp() {
        FloatVolume v = FloatVolume.zeros(4, 3, 2, 1.0);
        for (int i = 0; i < v.data().length; i++) v.data()[i] = i;
        return v;
    }

    @Test
    void equalWithinTolerancePasses() {
        FloatVolume a = ramp(), b = ramp();
        b.set(1, 1, 1, b.get(1, 1, 1) + 0.05f);
        ImageAssert.assertImagesEqual(a, b, 0.1);
    }

    @Test
    void reportsFirstDifferingCoordinateBothValuesAndMaxDifference() {
        FloatVolume a = ramp(), b = ramp();
        b.set(2, 1, 1, 100f);   // index 2 + 4*(1 + 3*1) = 18
        b.set(3, 2, 1, 30f);    // index 23, later in memory order
        AssertionError e = assertThrows(AssertionError.class, () -> ImageAssert.assertImagesEqual(a, b, 0.5));
        String m = e.getMessage();
        assertTrue(m.contains("(x=2, y=1, z=1)"), m);
        assertTrue(m.contains("expected 18.0, actual 100.0"), m);
        assertTrue(m.contains("max difference 82.0"), m);
        assertTrue(m.startsWith("2 of 24"), m);
    }

    @Test
    void nanOnOneSideAndDimensionMismatchFail() {
        FloatVolume a = ramp(), b = ramp();
        b.set(0, 0, 0, Float.NaN);
        assertThrows(AssertionError.class, () -> ImageAssert.assertImagesEqual(a, b, 1e9));
        assertThrows(AssertionError.class, () -> ImageAssert.assertImagesEqual(a, FloatVolume.zeros(4, 3, 1, 1.0), 1e9));
    }

    @Test
    void correlationMatchesHandComputedValues() {
        float[] x = {1, 2, 3, 4};
        assertEquals(1.0, ImageAssert.correlation(x, new float[]{2, 4, 6, 8}), 1e-12);
        assertEquals(-1.0, ImageAssert.correlation(x, new float[]{4, 3, 2, 1}), 1e-12);
        // y = {1, 3, 2, 4}: cov = 4/4 ... by hand: dx = (-1.5,-.5,.5,1.5), dy = (-1.5,.5,-.5,1.5) -> sum 4, ss 5 each -> 0.8
        assertEquals(0.8, ImageAssert.correlation(x, new float[]{1, 3, 2, 4}), 1e-12);
        assertTrue(Double.isNaN(ImageAssert.correlation(x, new float[]{5, 5, 5, 5})));
    }
}
