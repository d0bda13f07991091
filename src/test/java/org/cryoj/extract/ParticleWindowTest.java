package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Windows of a known ramp micrograph, value x + 1000 y at pixel (x, y). */
class ParticleWindowTest {
    private static final int NX = 64, NY = 48;

    private static float[] ramp() {
        float[] m = new float[NX * NY];
        for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) m[x + NX * y] = x + 1000 * y;
        return m;
    }

    @Test
    void boxCentreSitsOnTheTruncatedCoordinate() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, 10.7, 20.2, 8);
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++)
                assertEquals((6 + i) + 1000 * (16 + j), box[i + 8 * j], "pixel " + i + "," + j);
        assertEquals(10 + 1000 * 20, box[4 + 8 * 4]);   // pixel (size/2, size/2) is the coordinate
    }

    @Test
    void pixelsOutsideRepeatTheNearestEdge() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, 1, NY - 2, 8);
        // x0 = -3, y0 = 42: columns 0..2 repeat column 0, rows beyond 47 repeat row 47
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++) {
                int x = Math.max(0, -3 + i), y = Math.min(NY - 1, 42 + j);
                assertEquals(x + 1000 * y, box[i + 8 * j], "pixel " + i + "," + j);
            }
    }

    @Test
    void negativeFractionTruncatesTowardZero() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, -0.9, 5, 4);
        assertEquals(0 + 1000 * 5, box[2 + 4 * 2]);
    }

    @Test
    void boxWhollyOutsideFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParticleWindow.extract(ramp(), NX, NY, -10, 5, 8));
        assertTrue(e.getMessage().contains("completely outside"), e.getMessage());
        // one column still inside: accepted
        ParticleWindow.extract(ramp(), NX, NY, -3, 5, 8);
    }
}
