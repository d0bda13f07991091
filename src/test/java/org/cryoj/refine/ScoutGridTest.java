package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.AngularDistance;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.testutil.NoisyParticle;
import org.junit.jupiter.api.Test;

/**
 * The scout grid: a partition (up to psi halfway points) of the global search into cells one HEALPix
 * order coarser, and a search through it that finds what the exhaustive search finds on noisy particles
 * of the atomic-detail structure.
 */
class ScoutGridTest {
    static final int BOX = AtomicTestData.BOX;
    static final double PX = AtomicTestData.ANGPIX;

    @Test
    void everyOrientationLiesUnderTwoScoutsWithinAScoutStep() {
        SymmetryGroup c1 = SymmetryGroup.parse("C1");
        for (String sym : new String[] {"D2", "C1"}) {
            OrientationSampling os = new OrientationSampling(3, SymmetryGroup.parse(sym), 1);
            ScoutGrid.Cells g = ScoutGrid.global(os, Projector.of(AtomicTestData.truth(), 1, 6), FourierRegion.ofSize(BOX, 12)).cells();
            int[] count = new int[os.globalSize()];
            double worst = 0;
            for (int s = 0; s < g.scouts().size(); s++)
                for (int m : g.members()[s]) {
                    count[m]++;
                    worst = Math.max(worst, AngularDistance.minimumRotationAngle(g.scouts().get(s).angles(), os.global().get(m).angles(), c1));
                }
            for (int m = 0; m < count.length; m++) assertEquals(2, count[m], sym + ": scouts over orientation " + m);
            // a child direction lies within about 3/4 of a scout step of its parent's centre, and the nearest scout psi
            // within half a scout step: together (at right angles) under 1.2 scout steps
            System.out.printf("%s order 3: %d orientations under %d scouts, farthest member %.2f deg (scout step %.1f)%n", sym,
                    count.length, g.scouts().size(), worst, 2 * os.coarseStep());
            assertTrue(worst <= 1.2 * 2 * os.coarseStep(), sym + ": a member " + worst + " deg from its scout");
            assertTrue(g.scouts().size() * 6 <= count.length, sym + ": " + g.scouts().size() + " scouts");
        }
    }

    /**
     * Noisy particles (SNR 0.1, CTF, shifts) of the atomic-detail structure, a global search at order 3
     * with D2: through the scout grid every particle gets the exhaustive search's pose, its Pmax and
     * nearly its significant samples, for at most a third of the exhaustive search's multiply-adds in the
     * coarse pass (these posteriors are broad: Pmax 0.07 to 0.8).
     */
    @Test
    void scoutedGlobalSearchGivesTheExhaustiveSearchPoses() {
        double work = compare();
        assertTrue(work <= 1 / 3.0, "coarse-pass work " + work + " of the exhaustive search's");
    }

    /** Both searches on the same particles; returns the scouted coarse pass's work as a fraction of the exhaustive one's. */
    private static double compare() {
        FloatVolume truth = AtomicTestData.truth();
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        int order = 3;
        OrientationSampling os = new OrientationSampling(order, d2, 1);
        Projector proj = Projector.of(truth, 2);
        int coarseSize = 24, scoutSize = coarseSize / 2;
        FourierRegion fine = FourierRegion.ofSize(BOX, BOX), coarse = FourierRegion.ofSize(BOX, coarseSize);
        Projector coarseProjector = Projector.of(truth, 2, coarseSize / 2);
        SamplingState sampling = new SamplingState(order, 2 * PX, 1 * PX, false, 0);
        float[][] global = ParticleExpectation.project(os.global(), coarseProjector, coarse);
        // signal power of a typical projection, for the noise level; RELION's sigma2 of white noise under this FFT's 1/N^2
        double signal = NoisyParticle.signalVariance(proj, new Pose(10, 70, 30, 0, 0).matrix(), PX);
        double snr = 0.1, sigma = Math.sqrt(signal / snr);
        double[][] inv = new double[1][BOX / 2 + 1];
        java.util.Arrays.fill(inv[0], 2.0 * BOX * BOX / (sigma * sigma));
        IterationModel exhaustive = new IterationModel(BOX, PX, coarse, fine, coarseProjector, proj, os, sampling, 1, 0.999, global,
                null, inv, 10, false, true, Maximisation.particleMask(BOX, AtomicTestData.DIAMETER, PX), true, 1, false, 1, new double[] {1});
        FourierRegion scoutWindow = FourierRegion.ofSize(BOX, scoutSize);
        IterationModel scouted = exhaustive.withScout(ScoutGrid.global(os, coarseProjector, scoutWindow));
        CountingBackend countA = new CountingBackend(), countB = new CountingBackend();
        ParticleExpectation a = new ParticleExpectation(exhaustive, countA);
        ParticleExpectation b = new ParticleExpectation(scouted, countB);
        Random rnd = new Random(23);
        for (int trial = 0; trial < 12; trial++) {
            Pose truePose = new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)),
                    rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 4 - 2, rnd.nextDouble() * 4 - 2);
            alignBoth(a, b, proj, truePose, new Pose(0, 0, 0, 0, 0), sigma, rnd, trial, d2, 1e-3, 0.01, false);
        }
        return work(countA, countB);
    }

    /**
     * A local search at HEALPix order 4 (3.75 deg) with D2 around a prior a few degrees off each particle's
     * true pose, on the whole window, SNR 0.5: through the local scout window (half the size) at least 10 of
     * 12 particles get the exhaustive search's pose and its Pmax within 1%, the others a pose of higher Pmax, for
     * at most half the coarse pass's multiply-adds. The significant samples' count may differ: the orientations
     * the scout window rules out carry about 1e-4 of the weight, and without them the posterior's tail is
     * normalised over fewer samples (58 against 46 in one trial, same pose).
     */
    @Test
    void scoutedLocalSearchGivesTheExhaustiveSearchPoses() {
        localScoutMatchesExhaustiveSearch(List.of(FourierRegion.ofSize(BOX, BOX / 2)), 0.5);
    }

    /**
     * As above through a ladder of two scout windows (a quarter and half the size, as a coarse window of 128 pixels
     * or more gets): the quarter-size window keeps four times as many best orientations, the same tolerance holds.
     */
    @Test
    void localScoutLadderGivesTheExhaustiveSearchPoses() {
        localScoutMatchesExhaustiveSearch(List.of(FourierRegion.ofSize(BOX, BOX / 4), FourierRegion.ofSize(BOX, BOX / 2)), 0.5);
    }

    @Test
    void localScoutWindowsHalveDownToTheSmallestUsefulWindow() {
        assertEquals(List.of(59, 119), ParticleExpectation.localScoutSizes(119), "box 256's coarse size 238");
        assertEquals(List.of(39, 78), ParticleExpectation.localScoutSizes(78));
        assertEquals(List.of(48), ParticleExpectation.localScoutSizes(48), "box 96's coarse size 96");
        assertEquals(List.of(24), ParticleExpectation.localScoutSizes(24));
        assertEquals(List.of(32, 64, 128), ParticleExpectation.localScoutSizes(128));
    }

    private static void localScoutMatchesExhaustiveSearch(List<FourierRegion> scoutWindows, double maxWork) {
        FloatVolume truth = AtomicTestData.truth();
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        OrientationSampling os = new OrientationSampling(4, d2, 1);
        Projector proj = Projector.of(truth, 2);
        FourierRegion window = FourierRegion.ofSize(BOX, BOX);
        SamplingState sampling = new SamplingState(4, 2 * PX, 1 * PX, true, 3.75);
        // SNR 0.5: a local search's particles are those the refinement could align
        double signal = NoisyParticle.signalVariance(proj, new Pose(10, 70, 30, 0, 0).matrix(), PX);
        double sigma = Math.sqrt(signal / 0.5);
        double[][] inv = new double[1][BOX / 2 + 1];
        java.util.Arrays.fill(inv[0], 2.0 * BOX * BOX / (sigma * sigma));
        IterationModel exhaustive = new IterationModel(BOX, PX, window, window, proj, proj, os, sampling, 1, 0.999, null,
                null, inv, 10, false, true, Maximisation.particleMask(BOX, AtomicTestData.DIAMETER, PX), true, 1, false, 1, new double[] {1});
        IterationModel scouted = exhaustive.withLocalScout(scoutWindows);
        CountingBackend countA = new CountingBackend(), countB = new CountingBackend();
        ParticleExpectation a = new ParticleExpectation(exhaustive, countA), b = new ParticleExpectation(scouted, countB);
        Random rnd = new Random(29);
        int same = 0;
        for (int trial = 0; trial < 12; trial++) {
            Pose truePose = new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)),
                    rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 4 - 2, rnd.nextDouble() * 4 - 2);
            // the previous iteration's pose: each angle a few degrees off
            Pose prior = new Pose(truePose.rot() + 4 * rnd.nextGaussian(), truePose.tilt() + 2 * rnd.nextGaussian(),
                    truePose.psi() + 4 * rnd.nextGaussian(), truePose.originX(), truePose.originY());
            if (alignBoth(a, b, proj, truePose, prior, sigma, rnd, trial, d2, 0.01, -1, true)) same++;
        }
        assertTrue(same >= 10, same + " of 12 particles with the exhaustive search's pose");
        assertTrue(work(countA, countB) <= maxWork, "coarse-pass work of the scouted local search");
    }

    /**
     * One noisy particle (CTF, shift) aligned by both searches, which must give the same pose, Pmax within
     * {@code pmaxTolerance} and the same number of significant samples within {@code sigTolerance} (relative, at
     * least one; negative: not compared), or, where {@code allowBetter}, another pose of higher Pmax (returns false).
     */
    private static boolean alignBoth(ParticleExpectation a, ParticleExpectation b, Projector proj, Pose truePose, Pose prior, double sigma,
                                     Random rnd, int trial, SymmetryGroup sym, double pmaxTolerance, double sigTolerance, boolean allowBetter) {
        CtfParameters ctfp = CtfParameters.of(12000 + 500 * trial, 11500 + 500 * trial, 30, 300, 2.7, 0.1);
        float[] img = NoisyParticle.image(proj, truePose.matrix(), ctfp, PX, truePose.originX(), truePose.originY(), 1, sigma, rnd);
        RefineParticle p = new RefineParticle(0, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
        ParticleExpectation.Result ra = a.align(a.prepare(trial, p, img.clone(), 1), prior,
                new HalfAccumulator(new FourierGrid(BOX, 1, BOX / 2), 1, BOX / 2 + 1));
        ParticleExpectation.Result rb = b.align(b.prepare(trial, p, img.clone(), 1), prior,
                new HalfAccumulator(new FourierGrid(BOX, 1, BOX / 2), 1, BOX / 2 + 1));
        double err = AngularDistance.minimumRotationAngle(ra.pose().angles(), truePose.angles(), sym);
        System.out.printf("trial %d: exhaustive error %.2f deg, pmax %.4f, %d significant; scout pmax %.4f, %d significant%n",
                trial, err, ra.pmax(), ra.significantSamples(), rb.pmax(), rb.significantSamples());
        if (allowBetter && !ra.pose().equals(rb.pose())) {
            // the scouted search renormalised over fewer coarse samples kept a parent the exhaustive search's
            // significance cut dropped, and found a better pose under it
            assertTrue(rb.pmax() > ra.pmax(), "trial " + trial + ": another pose with a lower Pmax");
            return false;
        }
        assertEquals(ra.pose(), rb.pose(), "trial " + trial);
        assertEquals(ra.pmax(), rb.pmax(), pmaxTolerance * ra.pmax(), "trial " + trial);
        if (sigTolerance >= 0)
            assertTrue(Math.abs(ra.significantSamples() - rb.significantSamples()) <= Math.max(1, ra.significantSamples() * sigTolerance),
                    "trial " + trial + ": " + ra.significantSamples() + " vs " + rb.significantSamples() + " significant samples");
        return true;
    }

    private static double work(CountingBackend exhaustive, CountingBackend scouted) {
        double work = (double) scouted.coarseFloats / exhaustive.coarseFloats;
        System.out.printf("coarse-pass work %.3f of the exhaustive search's%n", work);
        return work;
    }

    /** The CPU backend, counting the projection values scored in coarse passes. */
    private static final class CountingBackend implements ExpectationBackend {
        private final CpuExpectationBackend cpu = new CpuExpectationBackend();
        long coarseFloats;

        @Override
        public void scoreAll(java.util.List<ScoringImage> images, float[][] projections, boolean cc, double[][] out) {
            for (float[] p : projections) coarseFloats += p.length;
            cpu.scoreAll(images, projections, cc, out);
        }

        @Override
        public double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc) {
            return cpu.scorePairs(image, projections, projection, translation, cc);
        }

        @Override
        public String name() { return "counting " + cpu.name(); }
    }
}
