package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.AngularDistance;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.testutil.NoisyParticle;
import org.junit.jupiter.api.Test;

/** The E-step on noiseless simulated particles: the true pose comes back within a sampling step. */
class ParticleExpectationTest {
    static final int BOX = 48;
    static final double PX = 4.72;

    @Test
    void globalSearchRecoversTheTruePoseOfNoiselessParticles() {
        check(false, false);
    }

    @Test
    void crossCorrelationPassRecoversTheTruePose() {
        check(false, true);
    }

    @Test
    void perturbedGlobalSearchRecoversTheTruePose() {
        check(false, false, 0.45);
    }

    @Test
    void perturbedLocalSearchRecoversTheTruePose() {
        check(true, false, -0.4);
    }

    @Test
    void localSearchRecoversTheTruePoseNearItsPrior() {
        check(true, false);
    }

    /**
     * Flat posteriors (a noise image, a weak noise model) make every coarse sample significant, so
     * the fine pass reaches all 9,216 fine orientations of order 2 with D2; projecting them one at a
     * time, in the default blocks, all at once, or from the iteration's shared set must give the same
     * pose and M-step sums.
     */
    @Test
    void fineOrientationsInBlocksGiveTheSameSumsAsAllAtOnce() {
        FloatVolume truth = Phantoms.d2(BOX, PX);
        OrientationSampling os = new OrientationSampling(2, SymmetryGroup.parse("D2"), 1);
        FourierRegion fine = FourierRegion.ofSize(BOX, 32), coarse = FourierRegion.ofSize(BOX, 16);
        SamplingState sampling = new SamplingState(2, 1 * PX, 1 * PX, false, 0);
        double[][] inv = new double[1][BOX / 2 + 1];
        java.util.Arrays.fill(inv[0], 1e-4);
        Projector coarseProjector = Projector.of(truth, 1, 8);
        float[][] global = ParticleExpectation.project(os.global(), coarseProjector, coarse);
        Projector fineProjector = Projector.of(truth, 1, 16);
        IterationModel m = new IterationModel(BOX, PX, coarse, fine, coarseProjector, fineProjector, os, sampling, 1, 0.999,
                global, null, inv, 10, false, true, Maximisation.particleMask(BOX, 220, PX), true, 1, true, 1, new double[] {1});
        // the same with the fine projections made once and shared, as a refinement's global search does when they fit
        GlobalFineProjections shared = GlobalFineProjections.of(os, fineProjector, fine, Long.MAX_VALUE);
        IterationModel sharing = new IterationModel(BOX, PX, coarse, fine, coarseProjector, fineProjector, os, sampling, 1, 0.999,
                global, shared, inv, 10, false, true, Maximisation.particleMask(BOX, 220, PX), true, 1, true, 1, new double[] {1});
        Random rnd = new Random(5);
        float[] noise = new float[BOX * BOX];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) rnd.nextGaussian();
        RefineParticle p = new RefineParticle(0, new ImageReference(1, "x.mrcs"), CtfParameters.of(15000, 14500, 30, 300, 2.7, 0.1), 0, 1);
        HalfAccumulator[] acc = new HalfAccumulator[4];
        ParticleExpectation.Result[] r = new ParticleExpectation.Result[4];
        long[] blockBytes = {1, ParticleExpectation.FINE_BLOCK_BYTES / 16, Long.MAX_VALUE, 1};
        boolean sharedSummed = false;
        for (int k = 0; k < 4; k++) {
            ParticleExpectation e = new ParticleExpectation(k == 3 ? sharing : m, new CpuExpectationBackend(), blockBytes[k]);
            acc[k] = new HalfAccumulator(new FourierGrid(BOX, 1, 16), 1, BOX / 2 + 1);
            r[k] = e.align(e.prepare(0, p, noise.clone(), 1), new Pose(0, 0, 0, 0, 0), acc[k]);
            if (k == 3) sharedSummed = acc[k].slices != null;
            acc[k].flushSlices();
        }
        assertTrue(r[2].significantSamples() > 20_000, "posteriors are flat: " + r[2].significantSamples() + " significant samples");
        assertTrue(sharedSummed, "the shared search summed slices per orientation");
        for (int k : new int[] {0, 1, 3}) {
            assertEquals(r[2].pose(), r[k].pose());
            assertEquals(r[2].significantSamples(), r[k].significantSamples());
            assertEquals(r[2].pmax(), r[k].pmax(), 1e-12);
            assertEquals(r[2].norm(), r[k].norm(), 1e-9 * r[2].norm());
            for (int s = 0; s < acc[2].noisePower[0].length; s++)
                assertEquals(acc[2].noisePower[0][s], acc[k].noisePower[0][s], 1e-9 * acc[2].noisePower[0][s], "noise shell " + s);
            float[] want = acc[2].backProjector.data(), got = acc[k].backProjector.data();
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-6f * (1 + Math.abs(want[i])), "backprojection " + i);
        }
    }

    private static void check(boolean local, boolean cc) {
        check(local, cc, 0);
    }

    private static void check(boolean local, boolean cc, double perturbation) {
        FloatVolume truth = Phantoms.d2(BOX, PX);
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        int order = local ? 3 : 2;
        OrientationSampling os = new OrientationSampling(order, d2, 1, perturbation);
        Projector proj = Projector.of(truth, 2);
        FourierRegion fine = FourierRegion.ofSize(BOX, BOX), coarse = FourierRegion.ofSize(BOX, 24);
        SamplingState sampling = new SamplingState(order, 3 * PX, 1 * PX, local, local ? 2 * os.fineStep() : 0);
        double[][] inv = new double[1][BOX / 2 + 1];
        java.util.Arrays.fill(inv[0], 1e6);
        float[][] global = local ? null : ParticleExpectation.project(os.global(), Projector.of(truth, 2, 12), coarse);
        IterationModel m = new IterationModel(BOX, PX, coarse, fine, Projector.of(truth, 2, 12), proj, os, sampling, 1, 0.999, global,
                global == null ? null : GlobalFineProjections.of(os, proj, fine, GlobalFineProjections.BUDGET_BYTES),
                inv, 10, cc, true, Maximisation.particleMask(BOX, 220, PX), true, 1, false, 1, new double[] {1});
        ParticleExpectation e = new ParticleExpectation(m, new CpuExpectationBackend());
        Random rnd = new Random(11);
        for (int trial = 0; trial < 4; trial++) {
            Pose truePose = new Pose(rnd.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1)),
                    rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 4 - 2, rnd.nextDouble() * 4 - 2);
            if (local) {
                // priors come from the previous iteration's best poses, which lie in the asymmetric unit
                Orientation g = os.global().get(rnd.nextInt(os.global().size()));
                truePose = new Pose(g.rot() + rnd.nextDouble() * 4 - 2, g.tilt() + rnd.nextDouble() * 4 - 2, g.psi() + rnd.nextDouble() * 4 - 2,
                        truePose.originX(), truePose.originY());
            }
            CtfParameters ctfp = CtfParameters.of(15000, 14500, 30, 300, 2.7, 0.1);
            float[] img = NoisyParticle.image(proj, truePose.matrix(), ctfp, PX, truePose.originX(), truePose.originY(), 1, 0, null);
            RefineParticle p = new RefineParticle(0, new ImageReference(1, "x.mrcs"), ctfp, 0, 1);
            HalfAccumulator acc = new HalfAccumulator(new FourierGrid(BOX, 1, BOX / 2), 1, BOX / 2 + 1);
            Pose prior = local ? new Pose(truePose.rot() + 3, truePose.tilt() - 2, truePose.psi() + 2, 0, 0) : new Pose(0, 0, 0, 0, 0);
            ParticleExpectation.Prepared prepared = e.prepare(0, p, img, 1);
            ParticleExpectation.Result r = e.align(prepared, prior, acc);
            double err = AngularDistance.minimumRotationAngle(r.pose().angles(), truePose.angles(), d2);
            double shift = Math.hypot(r.pose().originX() - truePose.originX(), r.pose().originY() - truePose.originY());
            System.out.printf("%s%s: angular error %.2f deg (fine step %.2f), shift error %.2f px, pmax %.3f, %d significant%n",
                    local ? "local" : "global", cc ? " CC" : "", err, os.fineStep(), shift, r.pmax(), r.significantSamples());
            assertTrue(err <= os.fineStep() * 1.5, "angular error " + err);
            assertTrue(shift <= 0.5, "shift error " + shift);
            assertEquals(1.0, acc.groupWeight[0], 1e-9, "weights sum to 1");
            assertSumsAreThoseOfTheBestPose(prepared, r, acc, proj, inv[0]);
        }
    }

    /**
     * Noiseless particles with 1/sigma² = 10^6 have one sample holding (nearly) all the posterior, so
     * the M-step sums must be those of that pose alone, written out here from their definitions:
     * noise power per shell |X e_t - CTF A|² and the backprojection of the shifted unmasked image
     * with weights CTF / sigma² (through BackProjector's whole-image path).
     */
    private static void assertSumsAreThoseOfTheBestPose(ParticleExpectation.Prepared img, ParticleExpectation.Result r, HalfAccumulator acc,
                                                        Projector proj, double[] invSigma2) {
        assertTrue(r.pmax() > 0.999, "one pose holds the posterior: pmax " + r.pmax());
        int n = BOX, hx = n / 2 + 1;
        double[][] a = r.pose().matrix();
        float[] model = proj.project(a).data(), ctf = img.ctf();
        double[] noise = new double[hx];
        float[] shifted = new float[2 * hx * n], weights = new float[hx * n];
        for (int i = 0; i < n; i++) {
            int ky = i <= n / 2 ? i : i - n;
            for (int kx = 0; kx < hx; kx++) {
                int q = kx + hx * i, shell = (int) Math.round(Math.hypot(kx, ky));
                if (shell > n / 2) continue;
                double phase = -2 * Math.PI * (kx * r.pose().originX() + ky * r.pose().originY()) / n, cr = Math.cos(phase), ci = Math.sin(phase);
                double xr = img.masked()[2 * q] * cr - img.masked()[2 * q + 1] * ci, xi = img.masked()[2 * q] * ci + img.masked()[2 * q + 1] * cr;
                double dr = xr - ctf[q] * model[2 * q], di = xi - ctf[q] * model[2 * q + 1];
                noise[shell] += dr * dr + di * di;
                shifted[2 * q] = (float) (img.unmasked()[2 * q] * cr - img.unmasked()[2 * q + 1] * ci);
                shifted[2 * q + 1] = (float) (img.unmasked()[2 * q] * ci + img.unmasked()[2 * q + 1] * cr);
                weights[q] = (float) invSigma2[shell];
            }
        }
        for (int shell = 1; shell < n / 2; shell++)
            assertEquals(noise[shell], acc.noisePower[0][shell], 0.01 * noise[shell] + 1e-6 * noise[1], "noise power, shell " + shell);
        org.cryoj.reconstruct.BackProjector expected = new org.cryoj.reconstruct.BackProjector(acc.backProjector.grid());
        expected.backproject(shifted, ctf, weights, a);
        acc.flushSlices();
        float[] want = expected.data(), got = acc.backProjector.data();
        double scale = 0;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 0.01 * scale, "backprojected data " + i);
    }
}
