package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.fourier.Fft;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.testutil.NoisyParticle;
import org.junit.jupiter.api.Test;

/**
 * The noise model's scale against the simulator's: particles = CTF x projection of the true map
 * plus white noise of a known real-space variance s². Aligned against the true map, the M-step's
 * sigma2 must equal the noise variance of one real or imaginary part of a Fourier pixel of the
 * masked image in Fft.forward's scale (divided by the pixel count N): s² mean(mask²) / (2 N).
 * That is the scale the likelihood -|X - CTF P|² / (2 sigma2) needs to be a true log-likelihood;
 * both inside the current size (residuals) and beyond it (image power).
 */
class NoiseEstimateTest {
    static final int BOX = 48;
    static final double PX = 4.72, DIAMETER = 200;

    @Test
    void mStepSigma2EqualsTheSimulatedNoiseInTheFftScale() {
        FloatVolume truth = Phantoms.d2(BOX, PX);
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        OrientationSampling os = new OrientationSampling(3, d2, 1);
        Projector proj = Projector.of(truth, 2, 16);
        FourierRegion fine = FourierRegion.ofSize(BOX, 32), coarse = FourierRegion.ofSize(BOX, 24);
        SamplingState sampling = new SamplingState(3, 2 * PX, 1 * PX, true, 2 * os.fineStep());
        double noise = 2.0 * RefineTestData.projectionStd(truth);
        float[] mask = Maximisation.particleMask(BOX, DIAMETER, PX);
        double m2 = 0;
        for (float v : mask) m2 += v * v;
        double expected = noise * noise * (m2 / mask.length) / (2.0 * mask.length);
        int shells = BOX / 2 + 1;
        double[][] inv = new double[1][shells];
        java.util.Arrays.fill(inv[0], 1 / expected);
        IterationModel m = new IterationModel(BOX, PX, coarse, fine, Projector.of(truth, 2, 12), proj, os, sampling, 1, 0.999, null, null,
                inv, 10, false, true, mask, true, 1, false, 1, new double[] {1});
        ParticleExpectation e = new ParticleExpectation(m, new CpuExpectationBackend());
        HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, 16), 1, shells);
        Random rnd = new Random(5);
        for (int i = 0; i < 20; i++) {
            Pose pose = new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)), rnd.nextDouble() * 360 - 180,
                    rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1);
            CtfParameters ctfp = CtfParameters.of(12000 + 300 * i, 11800 + 300 * i, 30, 300, 2.7, 0.1);
            float[] img = NoisyParticle.image(proj, pose.matrix(), ctfp, PX, pose.originX(), pose.originY(), 1, noise, rnd);
            RefineParticle p = new RefineParticle(i, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
            e.align(e.prepare(i, p, img, 1), pose, acc);
        }
        double[] sigma2 = Maximisation.sigma2(acc.noisePower[0], acc.groupWeight[0], BOX, new double[shells]);
        for (int s = 3; s < 23; s++)
            assertEquals(1.0, sigma2[s] / expected, 0.15, "shell " + s + (s > fine.radius() ? " (beyond the current size)" : ""));
    }
}
