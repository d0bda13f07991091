package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Significance, translation grid, SSNR/tau2 arithmetic and the auto-sampling state machine against hand-worked values. */
class RefineUnitsTest {

    @Test
    void significantSamplesAreTheSmallestSetHoldingTheFraction() {
        double[] w = {0.05, 0.5, 0.0005, 0.3, 0.1495, 0.0};
        // sorted: 0.5, 0.3, 0.1495, 0.05 -> 0.9995 >= 0.999 with four; three hold only 0.9495
        assertArrayEquals(new int[] {0, 1, 3, 4}, Significance.significant(w, 0.999));
        assertArrayEquals(new int[] {1}, Significance.significant(w, 0.5));
        double[] p = Significance.normalisedWeights(new double[] {Math.log(2), Math.log(6), Double.NEGATIVE_INFINITY});
        assertArrayEquals(new double[] {0.25, 0.75, 0}, p, 1e-12);
    }

    @Test
    void significantSamplesEqualAFullSortOnPeakedFlatAndTiedWeights() {
        java.util.Random r = new java.util.Random(2);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(3000);
            double[] w = new double[n];
            int kind = trial % 3;
            for (int i = 0; i < n; i++)
                w[i] = kind == 0 ? Math.exp(-30 * r.nextDouble()) : kind == 1 ? 1 + 1e-3 * r.nextDouble() : r.nextInt(4);
            if (kind == 2) w[0] = 1; // at least one positive weight
            double fraction = trial % 2 == 0 ? 0.999 : 0.9;
            // reference: every index sorted by weight, fewest reaching the fraction, ties at the threshold kept
            Integer[] all = new Integer[n];
            double total = 0;
            for (int i = 0; i < n; i++) { all[i] = i; total += w[i]; }
            java.util.Arrays.sort(all, (a, b) -> Double.compare(w[b], w[a]));
            double sum = 0;
            int k = 0;
            while (k < n && sum < fraction * total) sum += w[all[k++]];
            double threshold = w[all[k - 1]];
            while (k < n && w[all[k]] == threshold) k++;
            int[] got = Significance.significant(w, fraction);
            assertEquals(k, got.length, "trial " + trial);
            double[] expected = new double[k], kept = new double[k];
            for (int i = 0; i < k; i++) {
                expected[i] = w[all[i]];
                kept[i] = w[got[i]];
                if (i > 0) assertTrue(got[i] > got[i - 1], "trial " + trial + ": indices in increasing order");
            }
            java.util.Arrays.sort(expected);
            java.util.Arrays.sort(kept);
            assertArrayEquals(expected, kept, 0, "trial " + trial);
        }
    }

    @Test
    void globalSearchSizesAreRelionsOrientationCounts() {
        // RELION 3.1.3's sampling: 12 x 4^order directions x 6 x 2^order psi in C1; the asymmetric unit of D2 holds a quarter
        org.cryoj.geometry.SymmetryGroup c1 = org.cryoj.geometry.SymmetryGroup.parse("C1"), d2 = org.cryoj.geometry.SymmetryGroup.parse("D2");
        assertEquals(4608, new OrientationSampling(2, c1, 1).globalSize());
        assertEquals(1152, new OrientationSampling(2, d2, 1).globalSize());
        OrientationSampling order3 = new OrientationSampling(3, d2, 1);
        assertEquals(9216, order3.globalSize());
        assertEquals(order3.globalSize(), order3.global().size());
        assertSame(order3.global(), order3.global(), "made once");
    }

    @Test
    void perturbedOrientationsAreTheGridTurnedByRelionsRotation() {
        org.cryoj.geometry.SymmetryGroup d2 = org.cryoj.geometry.SymmetryGroup.parse("D2");
        double r = 0.37;
        OrientationSampling fixed = new OrientationSampling(3, d2, 1), turned = new OrientationSampling(3, d2, 1, r);
        // RELION: A' = A R(p, p, p), p = r x the coarse step (7.5 degrees at order 3)
        double p = r * 7.5;
        org.cryoj.geometry.Rotation3 turn = new org.cryoj.geometry.EulerAngles(p, p, p).toMatrix();
        for (int i : new int[] {0, 17, 4000, 9215}) {
            Orientation g = fixed.global().get(i), t = turned.global().get(i);
            org.cryoj.geometry.Rotation3 want = new org.cryoj.geometry.EulerAngles(g.rot(), g.tilt(), g.psi()).toMatrix().multiply(turn);
            double[][] got = t.matrix();
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertEquals(want.get(a, b), got[a][b], 1e-12);
            // the angles a pose gets are those of the turned matrix
            org.cryoj.geometry.Rotation3 back = t.angles().toMatrix();
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertEquals(want.get(a, b), back.get(a, b), 1e-9);
            // children keep the turn
            Orientation child = turned.children(t).get(3), plain = fixed.children(g).get(3);
            org.cryoj.geometry.Rotation3 wantChild = new org.cryoj.geometry.EulerAngles(plain.rot(), plain.tilt(), plain.psi()).toMatrix().multiply(turn);
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertEquals(wantChild.get(a, b), child.matrix()[a][b], 1e-12);
        }
        // one draw per iteration, in [-factor, factor], the same again for --continue
        double[] draws = new double[50];
        for (int k = 0; k < draws.length; k++) {
            draws[k] = OrientationSampling.randomPerturbation(0.5, 7, k + 1);
            assertTrue(Math.abs(draws[k]) <= 0.5);
            assertEquals(draws[k], OrientationSampling.randomPerturbation(0.5, 7, k + 1));
        }
        assertTrue(java.util.Arrays.stream(draws).distinct().count() == draws.length, "a new perturbation every iteration");
        assertTrue(java.util.Arrays.stream(draws).anyMatch(v -> v < -0.25) && java.util.Arrays.stream(draws).anyMatch(v -> v > 0.25));
        assertEquals(0, OrientationSampling.randomPerturbation(0, 7, 3));
    }

    @Test
    void translationGridIsTheDiscOfStepMultiples() {
        List<double[]> g = TranslationGrid.coarse(5, 2);
        // (ix, iy) with (2ix)² + (2iy)² <= 25: ix² + iy² <= 6 -> 21 points
        assertEquals(21, g.size());
        assertTrue(g.stream().allMatch(t -> t[0] * t[0] + t[1] * t[1] <= 25 + 1e-9));
        List<double[]> fine = TranslationGrid.oversampled(new double[] {2, 0}, 2, 1);
        assertEquals(4, fine.size());
        assertArrayEquals(new double[] {1.5, -0.5}, fine.get(0), 1e-12);
        assertArrayEquals(new double[] {2.5, 0.5}, fine.get(3), 1e-12);
    }

    @Test
    void lowResolutionJoinAveragesBothHalvesWithinRelionsRadius() {
        // box 64 at 3.54 A, join at 40 A: CEIL(64 x 3.54 / 40) = CEIL(5.66) = 6 shells, x2 padding = 12 padded
        org.cryoj.reconstruct.FourierGrid g = new org.cryoj.reconstruct.FourierGrid(64, 2, 20);
        org.cryoj.reconstruct.BackProjector a = new org.cryoj.reconstruct.BackProjector(g), b = new org.cryoj.reconstruct.BackProjector(g);
        java.util.Arrays.fill(a.data(), 1f);
        java.util.Arrays.fill(a.weight(), 2f);
        java.util.Arrays.fill(b.data(), 3f);
        java.util.Arrays.fill(b.weight(), 6f);
        Maximisation.joinAtLowResolution(a, b, 40, 3.54);
        int in = g.index(12, 0, 0), diag = g.index(7, 7, 7), out = g.index(13, 0, 0);
        // averaged (not summed): a half keeps one half-set's weight, so its reference sigma2 is not halved
        assertEquals(2f, a.data()[2 * in], 0f);
        assertEquals(2f, b.data()[2 * in + 1], 0f);
        assertEquals(4f, a.weight()[in], 0f);
        assertEquals(4f, b.weight()[in], 0f);
        assertEquals(1f, a.data()[2 * diag], 0f, "|(7,7,7)| = 12.1 lies outside the radius 12");
        assertEquals(1f, a.data()[2 * out], 0f);
        assertEquals(6f, b.weight()[out], 0f);
    }

    @Test
    void ssnrAndTau2FollowTheFsc() {
        double[] fsc = {1, 0.9, 0.5, 0.143, 0, -0.2};
        double[] ssnr = Maximisation.ssnr(fsc, false);
        assertEquals(0.999 / 0.001, ssnr[0], 1e-6);
        assertEquals(9, ssnr[1], 1e-9);
        assertEquals(1, ssnr[2], 1e-12);
        assertEquals(0.143 / 0.857, ssnr[3], 1e-12);
        assertEquals(0.001 / 0.999, ssnr[4], 1e-12);
        assertEquals(0.001 / 0.999, ssnr[5], 1e-12);
        double whole = Math.sqrt(2 * 0.5 / 1.5);
        assertEquals(whole / (1 - whole), Maximisation.ssnr(fsc, true)[2], 1e-12);
        assertArrayEquals(new double[] {9 * 2, 1 * 3}, Maximisation.tau2(new double[] {9, 1}, new double[] {2, 3}), 1e-12);
        // SSNR >= 1 up to shell 7, below from 8: resolution shell 7; never below shell 5
        double[] s = new double[20];
        for (int i = 0; i < 20; i++) s[i] = i < 8 ? 2 : 0.5;
        assertEquals(7, Maximisation.resolutionShell(s));
        // a dip at shell 2 that recovers up to 7: RELION's check from the high side keeps 7
        s[2] = 0.1;
        assertEquals(7, Maximisation.resolutionShell(s));
        for (int i = 3; i < 8; i++) s[i] = 0.5;
        assertEquals(5, Maximisation.resolutionShell(s));
        assertEquals(2 * (7 + 10), Maximisation.nextImageSize(7, 64, 0.05, true, 10));
        assertEquals(2 * (7 + 8), Maximisation.nextImageSize(7, 64, 0.5, true, 10));
        assertEquals(64, Maximisation.nextImageSize(30, 64, 0.5, true, 10));
    }

    @Test
    void autoSamplingStepsFinerGoesLocalAndConverges() {
        RefineSettings s = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc")).iniHigh(40).particleDiameter(200)
                .sampling(2, 4, 5, 2).build();
        AutoSampling a = AutoSampling.initial(new SamplingState(2, 10, 4, false, 0), 40);
        // resolution improves: no change of sampling
        a = a.withResolution(1 / 20.0).withChanges(10, 3, 1).withAccuracy(2, 1);
        assertEquals(0, a.nrIterWoResolGain());
        assertEquals(2, a.updateAngularSampling(s).sampling().healpixOrder());
        // resolution stalls and the changes stall (within 3% of the smallest): order + 1, counters reset
        a = a.withResolution(1 / 20.0).withChanges(10.1, 3.05, 1);
        assertEquals(1, a.nrIterWoResolGain());
        assertEquals(1, a.nrIterWoLargeChanges());
        AutoSampling b = a.updateAngularSampling(s);
        assertEquals(3, b.sampling().healpixOrder());
        assertFalse(b.sampling().localSearches());
        assertEquals(0, b.nrIterWoResolGain());
        // offsets: step min(1.5, 0.75 x 1) x 2 = 1.5; range 5 x 3.05 = 15.25 capped at 1.3 x 10 = 13, halved to 6.5, then step 6.5 / 4
        assertEquals(6.5, b.sampling().offsetRange(), 1e-9);
        assertEquals(6.5 / 4, b.sampling().offsetStep(), 1e-9);
        // stalls again: order 4 = --auto_local_healpix_order -> local, sigma 2 x fine step (1.875) = 3.75
        b = b.withResolution(1 / 20.0).withChanges(5, 1, 1).withResolution(1 / 20.0).withChanges(5, 1, 1);
        AutoSampling c = b.updateAngularSampling(s);
        assertEquals(4, c.sampling().healpixOrder());
        assertTrue(c.sampling().localSearches());
        assertEquals(3.75, c.sampling().sigmaAngles(), 1e-12);
        assertFalse(c.checkConvergence(s).hasConverged());
        // step 1.875 < 0.75 x accuracy 3: fine enough; with both counters at 1 it converges
        c = c.withAccuracy(3, 1).withResolution(1 / 20.0).withChanges(1, 0.5, 1).withChanges(1, 0.5, 1);
        AutoSampling d = c.updateAngularSampling(s);
        assertTrue(d.hasFineEnoughAngularSampling());
        assertEquals(4, d.sampling().healpixOrder());
        assertTrue(d.checkConvergence(s).hasConverged());
        assertTrue(d.checkConvergence(s).convergenceLines(7).contains("Refinement has converged"));
    }

    /**
     * CryoJ's convergence check counts the sampling fine enough when its step is below 0.75 x the latest accuracy, so the
     * first iteration at the finest order whose resolution and changes stall converges; RELION's (--exhaustive_search)
     * notes it at the next update, one iteration more at the finest sampling.
     */
    @Test
    void aFineEnoughStepConvergesAnIterationSooner() {
        RefineSettings.Builder b = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc")).iniHigh(40)
                .particleDiameter(200).tutorial("C1").sampling(2, 4, 5, 2);
        RefineSettings cryoj = b.build(), relion = b.exhaustiveSearch(true).build();
        // at order 3 (fine step 3.75), stalled, accuracy 3: on to order 4 (fine step 1.875 < 0.75 x 3), not yet fine enough
        AutoSampling a = AutoSampling.initial(new SamplingState(3, 10, 4, false, 0), 40).withResolution(1 / 20.0)
                .withChanges(10, 3, 1).withResolution(1 / 20.0).withChanges(10, 3, 1).withAccuracy(3, 1).updateAngularSampling(cryoj);
        assertEquals(4, a.sampling().healpixOrder());
        assertFalse(a.hasFineEnoughAngularSampling());
        // the first iteration at order 4 stalls: CryoJ's check converges, RELION's marks the step fine enough at the next update
        a = a.withAccuracy(3, 1).withResolution(1 / 20.0).withChanges(0.5, 0.5, 1).withChanges(0.5, 0.5, 1);
        assertTrue(a.checkConvergence(cryoj).hasConverged());
        assertFalse(a.checkConvergence(relion).hasConverged());
        AutoSampling next = a.updateAngularSampling(relion);
        assertTrue(next.hasFineEnoughAngularSampling());
        assertEquals(4, next.sampling().healpixOrder());
        assertTrue(next.checkConvergence(relion).hasConverged());
    }

    /**
     * The accuracy estimated when the order changes comes from the coarser iterations' reference (9.9 deg at box 256's
     * iteration 2) and improves after it (0.19 deg three iterations on): a step fine enough for the old estimate must not
     * stop the refinement once the resolution and changes stall.
     */
    @Test
    void aStepFineEnoughOnlyForAnOldAccuracyDoesNotConverge() {
        RefineSettings s = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc")).iniHigh(40)
                .particleDiameter(200).tutorial("C1").sampling(2, 4, 5, 2).build();
        AutoSampling a = AutoSampling.initial(new SamplingState(2, 10, 4, false, 0), 40).withResolution(1 / 20.0)
                .withChanges(10, 3, 1).withResolution(1 / 20.0).withChanges(10, 3, 1).withAccuracy(9.86, 2.5).updateAngularSampling(s);
        assertEquals(3, a.sampling().healpixOrder());
        a = a.withAccuracy(0.19, 0.12).withResolution(1 / 20.0).withChanges(0.5, 0.5, 1).withChanges(0.5, 0.5, 1);
        assertFalse(a.checkConvergence(s).hasConverged());
        assertEquals(4, a.updateAngularSampling(s).sampling().healpixOrder());
    }

    /**
     * After iteration 1 there is no accuracy estimate yet (RELION's 999): with --auto_ignore_angles and a resolution that
     * did not gain, the step must not count as fine enough (it did, and the box-256 refinement stopped after iteration 1).
     */
    @Test
    void noAccuracyEstimateIsNeverFineEnough() {
        RefineSettings s = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc")).iniHigh(50)
                .particleDiameter(150).tutorial("D2").autoIgnoreAngles(true).build();
        AutoSampling a = AutoSampling.initial(new SamplingState(2, 5, 1, false, 0), 50).withResolution(1 / 53.1);
        assertEquals(1, a.nrIterWoResolGain());
        assertFalse(a.checkConvergence(s).hasConverged());
    }

    @Test
    void autoResolAnglesStepsFinerWithoutAStall() {
        RefineSettings s = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc")).iniHigh(40).particleDiameter(200).tutorial("C1").build();
        // 8 A needs 360 / ceil(pi 200 / 8) = 4.5 degree steps; order 2 oversampled is 7.5: finer at once with --auto_ignore_angles
        AutoSampling a = AutoSampling.initial(new SamplingState(2, 10, 4, false, 0), 40).withResolution(1 / 8.0).withAccuracy(1, 1);
        assertEquals(3, a.updateAngularSampling(s).sampling().healpixOrder());
        // but not straight into local searches: order 3 + 1 = auto_local 4 waits for a resolution stall
        AutoSampling b = a.updateAngularSampling(s).withResolution(1 / 6.0);
        assertEquals(3, b.updateAngularSampling(s).sampling().healpixOrder());
    }
}
