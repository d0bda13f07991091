package org.cryoj.ctf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtfTest {

    @Test
    void wavelengthAt300kVIsTextbookValue() {
        // 300 kV electrons: 0.019687 Å (relativistic), a standard table value.
        assertEquals(0.019687, CtfParameters.of(0, 0, 0, 300, 0, 0).wavelength(), 2e-6);
    }

    @Test
    void zeroFrequencyIsAmplitudeContrastPlusPhaseShift() {
        Ctf c = new Ctf(new CtfParameters(20000, 18000, 10, 300, 2.7, 0.1, 0, 1, 0));
        assertEquals(0.1, c.value(0, 0), 1e-12);
        Ctf pp = new Ctf(new CtfParameters(20000, 18000, 10, 300, 2.7, 0.1, 0, 1, 90));
        // sin(90° + asin(0.1)) = cos(asin(0.1)) = sqrt(0.99)
        assertEquals(Math.sqrt(0.99), pp.value(0, 0), 1e-12);
    }

    @Test
    void firstZeroOfPureDefocusCtf() {
        // Cs = 0, Q0 = 0: CTF = sin(pi lambda dz k^2), first zero at k^2 = 1 / (lambda dz).
        CtfParameters p = CtfParameters.of(15000, 15000, 0, 200, 0, 0);
        Ctf c = new Ctf(p);
        double k0 = Math.sqrt(1 / (p.wavelength() * 15000));
        assertEquals(0, c.value(k0, 0), 1e-9);
        assertEquals(0, c.value(0, k0), 1e-9);
        assertEquals(1, c.value(k0 / Math.sqrt(2), 0), 1e-9);      // maximum halfway in k^2
    }

    @Test
    void astigmatismFollowsDefocusAngle() {
        Ctf c = new Ctf(CtfParameters.of(20000, 10000, 30, 300, 2.7, 0.1));
        double a = Math.toRadians(30);
        assertEquals(20000, c.defocusAt(Math.cos(a), Math.sin(a)), 1e-9);
        assertEquals(10000, c.defocusAt(-Math.sin(a), Math.cos(a)), 1e-9);
    }

    @Test
    void bfactorEnvelopeAndScale() {
        CtfParameters p = new CtfParameters(15000, 15000, 0, 300, 2.7, 0.1, 100, 0.5, 0);
        Ctf damped = new Ctf(p);
        Ctf plain = new Ctf(CtfParameters.of(15000, 15000, 0, 300, 2.7, 0.1));
        double k = 0.1;
        assertEquals(0.5 * Math.exp(-100 * k * k / 4) * plain.value(k, 0), damped.value(k, 0), 1e-12);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThrows(IllegalArgumentException.class, () -> CtfParameters.of(1, 1, 0, 300, 2.7, 1.5));
        assertThrows(IllegalArgumentException.class, () -> CtfParameters.of(1, 1, 0, 0, 2.7, 0.1));
        assertThrows(IllegalArgumentException.class, () -> CtfParameters.of(Double.NaN, 1, 0, 300, 2.7, 0.1));
    }

    @Test
    void halfComplexLayoutMatchesCenteredImage() {
        Ctf c = new Ctf(CtfParameters.of(12000, 9000, -40, 300, 2.7, 0.07));
        int n = 32;
        float[] half = c.halfComplexImage(n, n, 1.3);
        float[] full = c.centeredImage(n, 1.3);
        for (int ky = -n / 2 + 1; ky < n / 2; ky++)
            for (int kx = 0; kx <= n / 2 - 1; kx++) {
                int row = ky >= 0 ? ky : ky + n;
                assertEquals(full[(ky + n / 2) * n + kx + n / 2], half[row * (n / 2 + 1) + kx], 1e-6, "kx=" + kx + " ky=" + ky);
            }
    }

    @Test
    void matchesRelionCtfToolboxSimulation(@TempDir Path dir) throws Exception {
        ExternalTools.require("relion_ctf_toolbox");
        double angpix = 1.5;
        int box = 64;
        ExternalTools.runOk(dir, 60, "relion_ctf_toolbox", "--simulate", "ctf.mrc", "--angpix", "1.5",
                "--box", "64", "--kV", "300", "--Cs", "2.7", "--Q0", "0.1",
                "--defU", "15000", "--defV", "12000", "--defAng", "30", "--phase_shift", "20");
        FloatVolume relion = MrcFile.read(dir.resolve("ctf.mrc"));
        float[] ours = new Ctf(new CtfParameters(15000, 12000, 30, 300, 2.7, 0.1, 0, 1, 20)).centeredImage(box, angpix);
        double maxDiff = 0;
        for (int i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - relion.data()[i]));
        assertEquals(0, maxDiff, 1e-4, "max |ours - relion_ctf_toolbox| over the 64x64 image");
    }
}
