package org.cryoj.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

/**
 * RELION's loops over a half transform wrap y at nx/2 + 1, not ny/2 + 1: on a 41x38 image the
 * frequency ky = -18 (row 20) is labelled +20. --adjust_power (amplitude, scaleShells) keeps
 * those labels, --power the true ones. Checked on a cosine with ky = +-18, whose transform is
 * 0.5 at (0, 18) and (0, -18) and 0 elsewhere.
 */
class RadialSpectrumTest {
    private static final int NX = 41, NY = 38, KY = 18;

    private static FloatVolume cosineAlongY(double amplitude) {
        FloatVolume v = FloatVolume.zeros(NX, NY, 1, 1.5);
        for (int y = 0; y < NY; y++)
            for (int x = 0; x < NX; x++) v.set(x, y, 0, (float) (amplitude * Math.cos(2 * Math.PI * KY * y / NY)));
        return v;
    }

    /** How many stored frequencies RELION's loops put in shell s (true = false: the true frequencies). */
    private static int count(int s, boolean relionLoops) {
        int n = 0;
        for (int y = 0; y < NY; y++) {
            int ky = relionLoops ? FourierVolume.relionLoopFrequency(y, NY, NX / 2 + 1) : FourierVolume.frequency(y, NY);
            for (int kx = 0; kx <= NX / 2; kx++) if (Math.round(FourierVolume.radius(kx, ky, 0)) == s) n++;
        }
        return n;
    }

    @Test
    void amplitudeCountsRow20InShell20AsRelionDoes() {
        double[] a = RadialSpectrum.amplitude(cosineAlongY(1));
        assertEquals(0.5 / count(18, true), a[18], 1e-6);
        assertEquals(0.5 / count(20, true), a[20], 1e-6);
    }

    @Test
    void powerCountsBothInShell18() {
        double[] p = RadialSpectrum.power(cosineAlongY(1));
        assertEquals(2 * 0.25 / count(18, false), p[18], 1e-6);
        assertEquals(0, p[20], 1e-9);
    }

    @Test
    void scaleShellsScalesRow20ByShell20sFactor() {
        // (0, 18) keeps 0.5, (0, -18) becomes 1.5; the inverse transform takes the Hermitian part, 1 each: 2 cos
        double[] factor = new double[NX];
        Arrays.fill(factor, 1);
        factor[20] = 3;
        FloatVolume out = RadialSpectrum.scaleShells(cosineAlongY(1), factor), want = cosineAlongY(2);
        for (int i = 0; i < want.data().length; i++) assertEquals(want.data()[i], out.data()[i], 1e-5);
    }

    @Test
    void aBoxTooHighForItsWidthIsRefused() {
        // 20x34: row 11 (ky = 11) is labelled -23, past the 20 shells RELION's spectrum holds
        assertThrows(IllegalArgumentException.class, () -> RadialSpectrum.amplitude(FftTest.noise(20, 34, 1, 3)));
        assertThrows(IllegalArgumentException.class, () -> RadialSpectrum.scaleShells(FftTest.noise(20, 34, 1, 3), new double[20]));
    }
}
