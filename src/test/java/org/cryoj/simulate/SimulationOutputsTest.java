package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** truth.star, particles.star and the starting reference read back. */
class SimulationOutputsTest {
    @TempDir Path dir;

    @Test
    void truthAndReferenceReadBack() throws Exception {
        Simulation.Result r = Simulation.run(SimulationTestData.particles(dir, 50, 0.1, false));
        StarFile truth = StarFile.read(dir.resolve("truth.star"));
        StarTable sim = truth.block("simulation").table();
        assertEquals("D2", sim.getString(0, "cryojSymmetry"));
        assertEquals(r.referenceScale(), Double.parseDouble(sim.getString(0, "cryojReferenceScale")), 1e-12);
        StarTable t = truth.block("particles").table();
        StarTable p = StarFile.read(dir.resolve("particles.star")).block("particles").table();
        assertEquals(50, t.rowCount());
        for (int i = 0; i < 50; i++) {
            SimulatedParticle sp = r.particles().get(i);
            assertEquals(sp.originXAngst(), t.getDouble(i, "rlnOriginXAngst"), 1e-6);
            assertTrue(Math.abs(sp.originXAngst()) <= 3 * 3.54 + 1e-9);
            assertEquals(sp.pose().psi(), p.getDouble(i, "rlnAnglePsi"), 1e-6);   // true angles by default
            assertEquals(1 + i % 2, p.getInt(i, "rlnRandomSubset"));
            double du = p.getDouble(i, "rlnDefocusU");
            assertTrue(du >= 10000 && du <= 25000 && p.getDouble(i, "rlnDefocusV") <= du, "defocus " + du);
        }
        // the reference is the truth low-passed to 30 Å times the recorded factor: no power beyond ~30 Å
        FloatVolume truthMap = MrcFile.read(SimulationTestData.PHANTOM);
        FloatVolume ref = MrcFile.read(dir.resolve("reference_lp.mrc"));
        FourierVolume f = Fft.forward(ref), g = Fft.forward(truthMap);
        int cutoff = (int) Math.round(64 * 3.54 / 30) + 2;
        double high = 0, low = 0, ratio = 0;
        for (int kz = -10; kz <= 10; kz++)
            for (int ky = -10; ky <= 10; ky++)
                for (int kx = 0; kx <= 10; kx++) {
                    double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
                    double a = Math.hypot(f.re(kx, ky, kz), f.im(kx, ky, kz));
                    if (k > cutoff) high += a * a;
                    else if (k >= 1 && k <= 3) { low += a * a; ratio = a / Math.hypot(g.re(kx, ky, kz), g.im(kx, ky, kz)); }
                }
        System.out.printf("reference_lp: scale %.4f, power beyond shell %d / below %.2e, last low-shell amplitude ratio %.4f%n",
                r.referenceScale(), cutoff, high / low, ratio);
        assertTrue(high / low < 1e-6, "power beyond the low-pass");
        assertEquals(r.referenceScale(), ratio, 1e-3 * r.referenceScale());
        assertTrue(ImageAssert.correlation(ref.data(), truthMap.data()) > 0.5);
    }

    @Test
    void relionStarHandlerReadsTheParticlesStar() throws Exception {
        ExternalTools.require("relion_star_handler");
        Simulation.run(SimulationTestData.particles(dir, 31, Double.POSITIVE_INFINITY, true));
        ExternalTools.runOk(dir, 60, "relion_star_handler", "--i", "particles.star", "--o", "half1.star",
                "--select", "rlnRandomSubset", "--minval", "1", "--maxval", "1");
        StarFile half = StarFile.read(dir.resolve("half1.star"));
        assertEquals(16, half.block("particles").table().rowCount());
        assertEquals(64, half.block("optics").table().getInt(0, "rlnImageSize"));
    }

    @Test
    void badSettingsNameTheirOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(
                SimulationTestData.PHANTOM, Double.NaN, "D2", 10, 63, SimulationSettings.Mode.PARTICLES, 1024, 0,
                300, 2.7, 0.1, 1.0, 2.5, 0.05, 0, 0.05, 2, 7.08, 32, 5, 3, false, 30, 1, dir, 1, false));
        assertTrue(e.getMessage().contains("--box"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(
                SimulationTestData.PHANTOM, Double.NaN, "D2", 10, 64, SimulationSettings.Mode.PARTICLES, 1024, 0,
                300, 2.7, 0.1, 2.0, 1.5, 0.05, 0, 0.05, 2, 7.08, 32, 5, 3, false, 30, 1, dir, 1, false));
        assertTrue(e.getMessage().contains("--defocus_min"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimulationSettings(
                SimulationTestData.PHANTOM, Double.NaN, "X7", 10, 64, SimulationSettings.Mode.PARTICLES, 1024, 0,
                300, 2.7, 0.1, 1.0, 2.5, 0.05, 0, 0.05, 2, 7.08, 32, 5, 3, false, 30, 1, dir, 1, false));
        assertTrue(e.getMessage().contains("--sym"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(SimulationTestData.micrographs(dir.resolve("m"), 10, 64, 1)));
    }
}
