package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * RELION 3.1.3's rules around the final iteration on scripted inputs, each expected value worked
 * out by hand from the rule in ml_optimiser.cpp (updateAngularSampling, updateCurrentResolution,
 * the MPI iterate's incr_size / has_high_fsc_at_limit), not from our own output.
 */
class FinalIterationRulesTest {
    private static final RefineSettings TUTORIAL = RefineSettings.builder(Path.of("in.star"), Path.of("run"), Path.of("ref.mrc"))
            .iniHigh(50).particleDiameter(150).tutorial("D2").build();

    /** A run converged at HEALPix order 2 (7.5 degrees oversampled): fine enough for an accuracy of 12 degrees. */
    private static AutoSampling convergedAtOrder2() {
        AutoSampling a = AutoSampling.initial(new SamplingState(2, 5 * 1.77, 2 * 1.77, false, 0), 1 / 56.64)
                .withResolution(1 / 8.5).withChanges(3, 0.8, 1).withAccuracy(12, 1.2);
        a = a.withResolution(1 / 8.5).withChanges(3.05, 0.81, 1);   // no gain in resolution, changes stalled
        a = a.updateAngularSampling(TUTORIAL);                      // 7.5 < 0.75 x 12: fine enough
        assertTrue(a.hasFineEnoughAngularSampling());
        assertEquals(2, a.sampling().healpixOrder());
        a = a.checkConvergence(TUTORIAL);
        assertTrue(a.hasConverged());
        return a;
    }

    @Test
    void finalIterationGoesOneOrderFinerWhenTheNewAccuracyAsksForIt() {
        // the full-size images of the final iteration give 4 degrees: 7.5 is not below 0.75 x 4 = 3
        AutoSampling last = convergedAtOrder2().withAccuracy(4, 0.9).updateAngularSampling(TUTORIAL);
        assertTrue(last.hasConverged(), "still the final iteration");
        assertEquals(3, last.sampling().healpixOrder());
        assertEquals(3.75, last.sampling().angularStep(1), 1e-12);
        assertFalse(last.sampling().localSearches(), "order 3 < --auto_local_healpix_order 4");
        // offsets: step min(1.5, 0.75 x 0.9) x 2 = 1.35 A; range 5 x 0.81 = 4.05 A (<= 1.3 x 8.85, >= 1.5 x 1.35, <= 4 x 1.35)
        assertEquals(1.35, last.sampling().offsetStep(), 1e-12);
        assertEquals(4.05, last.sampling().offsetRange(), 1e-12);
        assertEquals(0.675, last.sampling().offsetStep(1), 1e-12);
    }

    @Test
    void finalIterationKeepsTheSamplingWhenItIsStillFineEnough() {
        AutoSampling last = convergedAtOrder2().withAccuracy(11, 0.9).updateAngularSampling(TUTORIAL);
        assertTrue(last.hasConverged());
        assertEquals(2, last.sampling().healpixOrder());
        assertTrue(last.hasFineEnoughAngularSampling());
    }

    @Test
    void finalIterationAtTheLocalOrderSearchesLocally() {
        RefineSettings s = TUTORIAL.toBuilder().sampling(1, 3, 5, 2).build();   // local from order 3
        AutoSampling last = convergedAtOrder2().withAccuracy(4, 0.9).updateAngularSampling(s);
        assertEquals(3, last.sampling().healpixOrder());
        assertTrue(last.sampling().localSearches());
        assertEquals(2 * 3.75, last.sampling().sigmaAngles(), 1e-12);
    }

    @Test
    void reportedResolutionIsRelionsDataVersusPriorShell() {
        double[] dvp = new double[49];   // box 96: shells 0..48
        for (int i = 0; i < dvp.length; i++) dvp[i] = i <= 20 ? 5 : 0.2;
        // last shell >= 1 is 20; RELION breaks at 21 and steps back one: 20
        assertEquals(20, Maximisation.resolutionShell(dvp));
        // a dip at 12 that recovers up to 20: the outermost shell > 1 (20) is more than 3 shells beyond 11
        dvp[12] = 0.8;
        assertEquals(20, Maximisation.resolutionShell(dvp));
        // a dip at 18: 17 vs 20 is not more than 3 shells, so 17
        dvp[12] = 5;
        dvp[18] = 0.8;
        assertEquals(17, Maximisation.resolutionShell(dvp));
        // the search from the high side starts at shell box/2 - 1 and needs > 1, not >= 1
        for (int i = 0; i < dvp.length; i++) dvp[i] = i <= 10 ? 5 : 0.2;
        dvp[47] = 1;
        assertEquals(10, Maximisation.resolutionShell(dvp));
        dvp[47] = 1.01;
        assertEquals(47, Maximisation.resolutionShell(dvp));
        dvp[47] = 0.2;
        dvp[48] = 7;   // Nyquist itself is never looked at
        assertEquals(10, Maximisation.resolutionShell(dvp));
        // a dip right at shell 2 with data up to 10 beyond it: 10, from the high side
        dvp[48] = 0.2;
        dvp[2] = 0.5;
        assertEquals(10, Maximisation.resolutionShell(dvp));
        // never below minres_map = 5
        for (int i = 0; i < dvp.length; i++) dvp[i] = i <= 3 ? 5 : 0.2;
        assertEquals(5, Maximisation.resolutionShell(dvp));
    }

    @Test
    void incrementSizeCoversTheFscFallAndOnlyGrows() {
        double[] fsc = new double[49];
        for (int i = 0; i < fsc.length; i++) fsc[i] = i < 10 ? 0.9 : i < 18 ? 0.3 : 0.05;
        // below 0.5 first at 10, below 0.143 first at 18: 18 - 10 + 5 = 13 shells
        assertEquals(13, Maximisation.incrementSize(fsc, 10));
        assertEquals(15, Maximisation.incrementSize(fsc, 15));
        for (int i = 0; i < fsc.length; i++) fsc[i] = i < 10 ? 0.9 : 0.05;
        assertEquals(10, Maximisation.incrementSize(fsc, 10));
        // image size: resolution shell + increment, or + a quarter box while the FSC at the edge was high and Pmax > 0.1
        assertEquals(2 * (20 + 13), Maximisation.nextImageSize(20, 96, 0.5, false, 13));
        assertEquals(2 * (20 + 12), Maximisation.nextImageSize(20, 96, 0.5, true, 13));
        assertEquals(2 * (20 + 13), Maximisation.nextImageSize(20, 96, 0.05, true, 13));
        assertEquals(96, Maximisation.nextImageSize(40, 96, 0.5, true, 13));
    }
}
