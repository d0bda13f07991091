package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.testutil.NoisyParticle;
import org.junit.jupiter.api.Test;

/**
 * --norm and --scale against simulated particles with known errors, aligned against the true map.
 * A normalisation error multiplies a whole image (signal and noise) by c: the new norm correction
 * must be c times the real-space stddev of the masked noise over the half transform's pixels
 * within Nyquist, s sqrt(mean(mask²) 2K / N) (K such pixels, N in the image), which is RELION's
 * sqrt(2 x residual power). An intensity-scale error multiplies only a group's signal by g: the
 * group's sum XA / sum AA must be g.
 */
class NormScaleCorrectionTest {
    static final int BOX = 48;
    static final double PX = 4.72, DIAMETER = 200;

    private final FloatVolume truth = Phantoms.d2(BOX, PX);
    private final Projector proj = Projector.of(truth, 2, 16);
    private final FourierRegion fine = FourierRegion.ofSize(BOX, 32), coarse = FourierRegion.ofSize(BOX, 24);
    private final float[] mask = Maximisation.particleMask(BOX, DIAMETER, PX);
    private double noise = 2.0 * RefineTestData.projectionStd(truth);

    private ParticleExpectation expectation(boolean norm, double[] groupScale) {
        OrientationSampling os = new OrientationSampling(3, SymmetryGroup.parse("D2"), 1);
        SamplingState sampling = new SamplingState(3, 2 * PX, 1 * PX, true, 2 * os.fineStep());
        double m2 = 0;
        for (float v : mask) m2 += v * v;
        double sigma2 = noise * noise * (m2 / mask.length) / (2.0 * mask.length);
        double[][] inv = new double[groupScale.length][BOX / 2 + 1];
        for (double[] row : inv) java.util.Arrays.fill(row, 1 / sigma2);
        IterationModel m = new IterationModel(BOX, PX, coarse, fine, Projector.of(truth, 2, 12), proj, os, sampling, 1, 0.999, null, null,
                inv, 10, false, true, mask, true, 1, norm, 1, groupScale);
        return new ParticleExpectation(m, new CpuExpectationBackend());
    }

    /** CTF x projection x signalScale plus white noise, all times imageScale. */
    private float[] particle(Pose pose, CtfParameters ctfp, double signalScale, double imageScale, Random rnd) {
        float[] img = NoisyParticle.image(proj, pose.matrix(), ctfp, PX, pose.originX(), pose.originY(), signalScale, noise, rnd);
        for (int k = 0; k < img.length; k++) img[k] *= (float) imageScale;
        return img;
    }

    private static Pose randomPose(Random rnd) {
        return new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)), rnd.nextDouble() * 360 - 180,
                rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1);
    }

    @Test
    void normCorrectionIsTheImagesScaleTimesTheMaskedNoiseStddev() {
        ParticleExpectation e = expectation(true, new double[] {1});
        HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, 16), 1, BOX / 2 + 1);
        double m2 = 0;
        for (float v : mask) m2 += v * v;
        int k = 0;
        for (int n : Maximisation.pixelsPerShell(BOX)) k += n;
        double unit = noise * Math.sqrt(m2 / mask.length * 2.0 * k / mask.length);
        double[] scales = {0.7, 1.0, 1.4};
        Random rnd = new Random(3);
        for (int i = 0; i < 12; i++) {
            double c = scales[i % 3];
            Pose pose = randomPose(rnd);
            CtfParameters ctfp = CtfParameters.of(12000 + 300 * i, 11800 + 300 * i, 30, 300, 2.7, 0.1);
            float[] img = particle(pose, ctfp, 1, c, rnd);
            RefineParticle p = new RefineParticle(i, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
            ParticleExpectation.Result r = e.align(e.prepare(i, p, img, 1), pose, acc);
            assertEquals(c, r.norm() / unit, 0.05 * c, "particle " + i);
        }
        // an image already corrected by an earlier norm (images scaled by average / norm) comes out at that norm again
        Pose pose = randomPose(rnd);
        CtfParameters ctfp = CtfParameters.of(15000, 14800, 30, 300, 2.7, 0.1);
        float[] img = particle(pose, ctfp, 1, 1.4, rnd);
        RefineParticle p = new RefineParticle(99, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
        double first = e.align(e.prepare(99, p, img.clone(), 1), pose, acc).norm();
        double second = e.align(e.prepare(99, p, img.clone(), first / unit), pose, acc).norm();
        assertEquals(first / unit, second / unit, 0.02 * first / unit, "the correction is a fixed point once applied");
    }

    @Test
    void scaleSumsGiveEachGroupsSignalScale() {
        // sharp posteriors: at low SNR the weights favour poses that fit the noise, which biases XA upwards
        noise = 0.5 * RefineTestData.projectionStd(truth);
        double[] truthScale = {1.0, 0.6};
        ParticleExpectation e = expectation(false, new double[] {1, 1});
        HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, 16), 2, BOX / 2 + 1);
        Random rnd = new Random(8);
        for (int i = 0; i < 24; i++) {
            int g = i % 2;
            Pose pose = randomPose(rnd);
            CtfParameters ctfp = CtfParameters.of(12000 + 300 * i, 11800 + 300 * i, 30, 300, 2.7, 0.1);
            RefineParticle p = new RefineParticle(i, new ImageReference(1, "x.mrcs"), ctfp, g, 1);
            e.align(e.prepare(i, p, particle(pose, ctfp, truthScale[g], 1, rnd), 1), pose, acc);
        }
        for (int g = 0; g < 2; g++) assertEquals(truthScale[g], acc.scaleXA[g] / acc.scaleAA[g], 0.05, "group " + (g + 1));
        // normalised to a particle-weighted mean of 1: 1.0 and 0.6 with 12 particles each -> 1.25 and 0.75
        double[] scale = Maximisation.groupScale(new double[] {1.0, 0.6}, new double[] {1, 1}, new double[] {12, 12});
        assertArrayEquals(new double[] {1.25, 0.75}, scale, 1e-12);
    }

    @Test
    void aGroupScaleAlreadyInTheCtfIsTakenOutOfTheSums() {
        // the group's CTF already carries the scale 0.6: the sums must still report 0.6 (not 1), as RELION divides it out
        noise = 0.5 * RefineTestData.projectionStd(truth);
        ParticleExpectation e = expectation(false, new double[] {0.6});
        HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, 16), 1, BOX / 2 + 1);
        Random rnd = new Random(9);
        for (int i = 0; i < 12; i++) {
            Pose pose = randomPose(rnd);
            CtfParameters ctfp = CtfParameters.of(12000 + 300 * i, 11800 + 300 * i, 30, 300, 2.7, 0.1);
            RefineParticle p = new RefineParticle(i, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
            e.align(e.prepare(i, p, particle(pose, ctfp, 0.6, 1, rnd), 1), pose, acc);
        }
        assertEquals(0.6, acc.scaleXA[0] / acc.scaleAA[0], 0.05);
    }
}
