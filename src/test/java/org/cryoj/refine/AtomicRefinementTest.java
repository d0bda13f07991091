package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.fourier.Fsc;
import org.cryoj.fourier.FscCurve;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small refinement with detail to Nyquist (pseudo-atomic D2 structure, box 48 at 2.2 Å, Nyquist
 * 4.4 Å, CTF, noise), run to convergence with the tutorial's options: the final map must reach a
 * stated FSC against the true map. On this set the run converges at 7.5 degrees; the final
 * iteration's accuracy estimate on full-size images makes it search at 3.75 degrees, as RELION does.
 * Measured 2026-12-03: FSC 0.5 at 5.28 Å (reported 5.03 Å); with the final iteration left at 7.5
 * degrees (the rule switched off by hand) 6.60 Å, which fails the 6.0 Å gate.
 */
class AtomicRefinementTest {
    @Test
    void reachesHighResolutionAgainstTheTruth(@TempDir Path dir) throws Exception {
        RefineTestData d = AtomicTestData.create(dir, 300, 0.3, 21);
        RefineSettings s = RefineSettings.builder(d.input(), dir.resolve("Refine3D/run"), d.reference()).iniHigh(30)
                .particleDiameter(AtomicTestData.DIAMETER).tutorial("D2").sampling(2, 4, 3, 1).padding(1).pool(30)
                .normCorrection(true).scaleCorrection(true).threads(2).maxIterations(30).build();
        Refiner.Outcome o = new Refiner(s, new RefineListener() {
            @Override public void message(String line) { System.out.println(line); }
        }, new CpuExpectationBackend()).run(null);
        assertTrue(o.converged(), o.toString());
        FloatVolume fin = MrcFile.read(s.file("_class001.mrc"));
        FscCurve fsc = Fsc.of(fin, d.truth());
        System.out.printf("FSC(final, truth) 0.5 at %.2f A, 0.143 at %.2f A; reported %.2f A%n", fsc.resolutionAt(0.5), fsc.resolutionAt(0.143),
                o.resolution());
        assertTrue(fsc.resolutionAt(0.5) < 6.0, "FSC(final map, truth) = 0.5 at " + fsc.resolutionAt(0.5) + " A, must be better than 6.0 A");
    }
}
