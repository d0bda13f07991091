package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

/** Settings validation and the order of the per-particle operations. */
class ParticleProcessorTest {

    private static ExtractSettings settings(int extract, int scale, boolean norm, int bgRadius, boolean invert) {
        return new ExtractSettings(extract, scale, norm, true, bgRadius, -1, -1, invert, false,
                false, 0, 0, 0, -1, false, 1, false);
    }

    @Test
    void settingsAreValidatedWithRelionOptionNames() {
        assertMessage("--extract_size", () -> settings(33, -1, false, -1, false));
        assertMessage("--extract_size", () -> settings(0, -1, false, -1, false));
        assertMessage("--scale", () -> settings(32, 15, false, -1, false));
        assertMessage("--bg_radius", () -> settings(32, 16, true, 9, false));
        assertMessage("--white_dust", () -> new ExtractSettings(32, -1, false, true, -1, 5, -1, false, false,
                false, 0, 0, 0, -1, false, 1, false));
        assertMessage("--j", () -> new ExtractSettings(32, -1, false, true, -1, -1, -1, false, false,
                false, 0, 0, 0, -1, false, 0, false));
    }

    private static void assertMessage(String option, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }

    @Test
    void defaultsFollowRelionsGui() {
        ExtractSettings s = settings(256, 100, true, -1, false);
        assertEquals(100, s.outputSize());
        assertEquals(37, s.backgroundRadius());           // (int) (0.75 * 100 / 2)
        assertEquals(1.2 * 256 / 100, s.outputPixelSize(1.2), 1e-12);
        assertEquals(1.2, settings(256, -1, false, -1, false).outputPixelSize(1.2));
    }

    @Test
    void invertedWindowWithoutOtherOperations() {
        FloatVolume mic = FloatVolume.zeros(40, 30, 1, 1.5);
        for (int i = 0; i < mic.data().length; i++) mic.data()[i] = i;
        Rescaler unused = (n, m) -> { throw new AssertionError("no rescale asked for"); };
        FloatVolume p = new ParticleProcessor(settings(8, -1, false, -1, true), unused).process(mic, 20, 15, new Random(0));
        assertEquals(8, p.nx());
        assertEquals(1.5, p.pixelSize());
        assertEquals(-(20 + 40 * 15), p.get(4, 4, 0));
        assertEquals(-(16 + 40 * 11), p.get(0, 0, 0));
    }

    @Test
    void rescaleHappensBeforeNormalisation() {
        FloatVolume mic = FloatVolume.zeros(40, 30, 1, 1.0);
        Random r = new Random(5);
        for (int i = 0; i < mic.data().length; i++) mic.data()[i] = (float) (7 + 3 * r.nextGaussian());
        // a stand-in rescaler (every other pixel) is enough to see the order and the output pixel size
        Rescaler subsample = (n, m) -> (in, out) -> {
            int f = n / m;
            for (int y = 0; y < m; y++) for (int x = 0; x < m; x++) out[x + m * y] = in[f * x + n * f * y];
        };
        FloatVolume p = new ParticleProcessor(settings(16, 8, true, 2, false), subsample).process(mic, 20, 15, new Random(0));
        assertEquals(8, p.nx());
        assertEquals(2.0, p.pixelSize(), 1e-12);
        double s = 0, s2 = 0; int n = 0;
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) {
            int dx = x - 4, dy = y - 4;
            if (dx * dx + dy * dy > 4) { s += p.get(x, y, 0); s2 += p.get(x, y, 0) * p.get(x, y, 0); n++; }
        }
        assertEquals(0, s / n, 1e-5);
        assertEquals(1, Math.sqrt(s2 / n - (s / n) * (s / n)), 1e-5);
    }
}
