package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.testutil.NoisyParticle;
import org.junit.jupiter.api.Test;

/**
 * Flat posteriors spread over the oversampled children unscored (ParticleExpectation.alignSpread) against the scored
 * children of RELION's search, on a global search at HEALPix order 2 with D2 (the first likelihood iteration's), noisy
 * CTF particles of the atomic-detail structure, coarse window 16 and current size 24 of box 48 (as 22 and 30 of box 96).
 */
class FlatSpreadTest {
    static final int BOX = AtomicTestData.BOX, COARSE = 16, CURRENT = 24, PARTICLES = 12;
    static final double PX = AtomicTestData.ANGPIX;

    /**
     * Particles too noisy to align (SNR 0.01 and 0.003 on the current-size window: no coarse orientation holds more than
     * a few % of the weight) and particles on their way to aligning (SNR 0.02 and 0.03: some spread, some scored): the
     * half-set's backprojected data correlate at least 0.97 with the scored children's, its weights 0.997, its noise
     * power is within 0.1%, and each spread particle's own data at least 0.7 (a particle whose best coarse sample holds
     * up to 15% shares its weight evenly among children the scores would tell apart). Spreading up to 30% of the weight
     * fails this (half-set data 0.94 at SNR 0.03, a particle 0.30: checked).
     */
    @Test
    void flatPosteriorsSpreadOverTheChildrenKeepTheHalfSetsSums() {
        for (double snr : new double[] {0.003, 0.01, 0.02, 0.03}) {
            Sums s = alignAll(snr, ParticleExpectation.FLAT_SPREAD_PMAX);
            assertTrue(s.spread >= (snr <= 0.01 ? PARTICLES / 2 : 1), "SNR " + snr + ": only " + s.spread + " particles spread");
            assertTrue(s.dataCorrelation >= 0.97, "SNR " + snr + ": half-set data correlation " + s.dataCorrelation);
            assertTrue(s.weightCorrelation >= 0.997, "SNR " + snr + ": half-set weight correlation " + s.weightCorrelation);
            assertEquals(1, s.noiseRatio, 1e-3, "SNR " + snr + ": noise power ratio");
            assertTrue(s.worstParticle >= 0.7, "SNR " + snr + ": a spread particle's data correlation " + s.worstParticle);
        }
    }

    /** Particles that align (SNR 0.1) have their children scored: the same sums, bit for bit, as RELION's search. */
    @Test
    void alignableParticlesHaveTheirChildrenScored() {
        Sums s = alignAll(0.1, ParticleExpectation.FLAT_SPREAD_PMAX);
        assertEquals(0, s.spread);
        assertArrayEquals(s.exact.backProjector.data(), s.spreadSums.backProjector.data());
        assertArrayEquals(s.exact.noisePower[0], s.spreadSums.noisePower[0]);
    }

    private record Sums(int spread, double dataCorrelation, double weightCorrelation, double noiseRatio, double worstParticle,
                        HalfAccumulator exact, HalfAccumulator spreadSums) {}

    /** Both searches on the same particles, each particle into its own sums, then the half-set's sums merged. */
    private static Sums alignAll(double snr, double spreadPmax) {
        FloatVolume truth = AtomicTestData.truth();
        OrientationSampling os = new OrientationSampling(2, SymmetryGroup.parse("D2"), 1);
        FourierRegion coarse = FourierRegion.ofSize(BOX, COARSE), fine = FourierRegion.ofSize(BOX, CURRENT);
        Projector coarseProjector = Projector.of(truth, 1, COARSE / 2), fineProjector = Projector.of(truth, 1, CURRENT / 2);
        Projector full = Projector.of(truth, 2);
        double sigma = Math.sqrt(NoisyParticle.signalVariance(full, new Pose(10, 70, 30, 0, 0).matrix(), PX) / snr);
        // white noise of that stddev as RELION's sigma2 under this FFT's 1/N^2 scale
        double[][] inv = new double[1][BOX / 2 + 1];
        java.util.Arrays.fill(inv[0], 2.0 * BOX * BOX / (sigma * sigma));
        IterationModel exact = new IterationModel(BOX, PX, coarse, fine, coarseProjector, fineProjector, os,
                new SamplingState(2, 2 * PX, PX, false, 0), 1, 0.999, ParticleExpectation.project(os.global(), coarseProjector, coarse),
                GlobalFineProjections.of(os, fineProjector, fine, Long.MAX_VALUE), inv, 10, false, true,
                Maximisation.particleMask(BOX, AtomicTestData.DIAMETER, PX), true, 1, false, 1, new double[] {1});
        IterationModel spread = exact.withFlatSpread(spreadPmax);
        FourierGrid grid = new FourierGrid(BOX, 1, CURRENT / 2);
        HalfAccumulator sumA = new HalfAccumulator(grid, 1, BOX / 2 + 1), sumB = new HalfAccumulator(grid, 1, BOX / 2 + 1);
        Random rnd = new Random(11);
        int spreadCount = 0;
        double worst = 1;
        for (int i = 0; i < PARTICLES; i++) {
            Pose truePose = new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)),
                    rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1);
            CtfParameters ctf = CtfParameters.of(12000 + 700 * i, 11600 + 700 * i, 30, 300, 2.7, 0.1);
            float[] img = NoisyParticle.image(full, truePose.matrix(), ctf, PX, truePose.originX(), truePose.originY(), 1, sigma, rnd);
            RefineParticle p = new RefineParticle(i, new ImageReference(1, "x.mrcs"), ctf, 0, 1);
            HalfAccumulator a = new HalfAccumulator(grid, 1, BOX / 2 + 1), b = new HalfAccumulator(grid, 1, BOX / 2 + 1);
            ParticleExpectation ea = new ParticleExpectation(exact, new CpuExpectationBackend());
            ParticleExpectation eb = new ParticleExpectation(spread, new CpuExpectationBackend());
            ParticleExpectation.Result ra = ea.align(ea.prepare(i, p, img.clone(), 1), new Pose(0, 0, 0, 0, 0), a);
            ParticleExpectation.Result rb = eb.align(eb.prepare(i, p, img.clone(), 1), new Pose(0, 0, 0, 0, 0), b);
            a.flushSlices();
            b.flushSlices();
            if (!ra.equals(rb)) {
                spreadCount++;
                worst = Math.min(worst, correlation(a.backProjector.data(), b.backProjector.data()));
            }
            sumA.merge(a);
            sumB.merge(b);
        }
        return new Sums(spreadCount, correlation(sumA.backProjector.data(), sumB.backProjector.data()),
                correlation(sumA.backProjector.weight(), sumB.backProjector.weight()), total(sumB.noisePower[0]) / total(sumA.noisePower[0]),
                worst, sumA, sumB);
    }

    private static double total(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    private static double correlation(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
