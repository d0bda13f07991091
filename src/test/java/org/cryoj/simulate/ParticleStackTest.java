package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcValidator;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Particle mode against relion_project --ang --ctf run on the particles STAR we wrote. */
class ParticleStackTest {
    @TempDir Path dir;

    /** relion_project's CTF-modulated projections for every row of particles.star. */
    private float[][] relionProjections(Path out) throws Exception {
        ExternalTools.runOk(out, 120, "relion_project", "--i", SimulationTestData.PHANTOM.toAbsolutePath().toString(),
                "--ang", "particles.star", "--ctf", "--o", "relion_proj");
        FloatVolume stack = MrcFile.read(out.resolve("relion_proj.mrcs"));
        return images(stack);
    }

    private static float[][] images(FloatVolume stack) {
        int n = stack.nx() * stack.ny();
        float[][] out = new float[stack.nz()][n];
        for (int i = 0; i < stack.nz(); i++) System.arraycopy(stack.data(), i * n, out[i], 0, n);
        return out;
    }

    @Test
    void noiseFreeParticlesWithCtfAreRelionsProjections() throws Exception {
        ExternalTools.require("relion_project");
        Path out = dir.resolve("clean");
        Simulation.run(SimulationTestData.particles(out, 40, Double.POSITIVE_INFINITY, false));
        float[][] relion = relionProjections(out);
        float[][] ours = images(MrcFile.read(out.resolve(SimulationStars.STACK)));
        assertEquals(40, relion.length);
        double worst = 1;
        for (int i = 0; i < ours.length; i++) worst = Math.min(worst, ImageAssert.correlation(relion[i], ours[i]));
        System.out.printf("simulate vs relion_project --ang --ctf: lowest correlation %.6f over %d particles%n", worst, ours.length);
        assertTrue(worst >= 0.999, "lowest correlation " + worst);
    }

    @Test
    void measuredSnrIsTheAskedOneAndImagesAreNormalised() throws Exception {
        ExternalTools.require("relion_project");
        Path out = dir.resolve("noisy");
        double snr = 0.05;
        Simulation.Result r = Simulation.run(SimulationTestData.particles(out, 300, snr, true));
        float[][] clean = relionProjections(out);
        float[][] noisy = images(MrcFile.read(out.resolve(SimulationStars.STACK)));
        // noisy = a clean + b + noise per image (a, b: the normalisation); SNR = a² var(clean) / var(noise)
        double signal = 0, noise = 0, bgMean = 0, bgStd = 0;
        for (int i = 0; i < noisy.length; i++) {
            double[] ab = fit(clean[i], noisy[i]);
            double vs = variance(clean[i]) * ab[0] * ab[0];
            double vr = 0;
            for (int k = 0; k < clean[i].length; k++) { double e = noisy[i][k] - ab[0] * clean[i][k] - ab[1]; vr += e * e; }
            signal += vs;
            noise += vr / clean[i].length;
            double[] ms = background(noisy[i], 64, 24);
            bgMean += ms[0] / noisy.length;
            bgStd += ms[1] / noisy.length;
        }
        double measured = signal / noise;
        System.out.printf("simulate: asked SNR %.4f, measured %.4f (against relion_project signal, %d particles); background mean %.4f stddev %.4f; noise stddev %.4g%n",
                snr, measured, noisy.length, bgMean, bgStd, r.noiseStddev());
        assertEquals(snr, measured, 0.1 * snr);
        assertEquals(0, bgMean, 1e-4);
        assertEquals(1, bgStd, 1e-4);

        // --start_angles noisy: the STAR holds the earlier job's angles, truth.star the true ones
        StarTable p = StarFile.read(out.resolve("particles.star")).block("particles").table();
        StarTable t = StarFile.read(out.resolve("truth.star")).block("particles").table();
        double sum2 = 0;
        for (int i = 0; i < p.rowCount(); i++) {
            SimulatedParticle sp = r.particles().get(i);
            assertEquals(sp.earlierPose().rot(), p.getDouble(i, "rlnAngleRot"), 1e-5);
            assertEquals(sp.pose().tilt(), t.getDouble(i, "rlnAngleTilt"), 1e-5);
            double a = sp.pose().toMatrix().transpose().multiply(sp.earlierPose().toMatrix()).rotationAngleDeg();
            sum2 += a * a;
        }
        double rms = Math.sqrt(sum2 / p.rowCount());
        System.out.printf("simulate: rms angle between true and earlier poses %.2f deg (asked 5 deg per axis, expected %.2f)%n", rms, 5 * Math.sqrt(3));
        assertEquals(5 * Math.sqrt(3), rms, 0.1 * 5 * Math.sqrt(3));
        for (Path f : new Path[] {out.resolve(SimulationStars.STACK), out.resolve("reference_lp.mrc")})
            assertTrue(MrcValidator.validate(f).isEmpty(), f + ": " + MrcValidator.validate(f));
    }

    /** Least squares y = a x + b. */
    private static double[] fit(float[] x, float[] y) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = x.length;
        for (int k = 0; k < n; k++) { sx += x[k]; sy += y[k]; sxx += x[k] * (double) x[k]; sxy += x[k] * (double) y[k]; }
        double a = (sxy - sx * sy / n) / (sxx - sx * sx / n);
        return new double[] {a, (sy - a * sx) / n};
    }

    private static double variance(float[] x) {
        double s = 0, s2 = 0;
        for (float v : x) { s += v; s2 += v * (double) v; }
        return s2 / x.length - (s / x.length) * (s / x.length);
    }

    /** Mean and stddev of pixels farther than r from the centre (RELION's background). */
    private static double[] background(float[] img, int n, int r) {
        double s = 0, s2 = 0, c = 0;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                int dx = x - n / 2, dy = y - n / 2;
                if (dx * dx + dy * dy <= r * r) continue;
                double v = img[x + n * y];
                s += v; s2 += v * v; c++;
            }
        return new double[] {s / c, Math.sqrt(s2 / c - (s / c) * (s / c))};
    }
}
