package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.fourier.Fsc;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end run on 300 simulated D2 particles (box 48, 4.72 Å, SNR 1, CTF), ~1 min: it must
 * converge and write RELION's final files; the FSC of the final map against the truth is printed.
 * Not yet a quality gate (see the report: the run stalls near 30 Å).
 */
class RefineSmokeTest {
    @Test
    void convergesAndWritesTheFinalFiles(@TempDir Path dir) throws Exception {
        RefineTestData d = RefineTestData.create(dir, 48, 4.72, 300, 1.0, 3);
        RefineSettings s = RefineSettings.builder(d.input(), dir.resolve("Refine3D/run"), d.reference()).iniHigh(40).particleDiameter(200)
                .tutorial("D2").sampling(2, 3, 3, 1).threads(2).maxIterations(25).build();
        Refiner.Outcome o = new Refiner(s, new RefineListener() {
            @Override public void message(String line) { System.out.println(line); }
        }, new CpuExpectationBackend()).run(null);
        assertTrue(o.converged(), o.toString());
        for (String f : new String[] {"_class001.mrc", "_half1_class001_unfil.mrc", "_half2_class001_unfil.mrc", "_model.star", "_data.star", ".out",
                "_it001_optimiser.star", "_it001_sampling.star", "_it001_half1_model.star", "_it001_half2_class001.mrc", "_it001_data.star"})
            assertTrue(Files.exists(s.file(f)), f);
        // the offsets' prior width is re-estimated after the CC iteration too (RELION does; only sigma2_noise is kept):
        // true origins are uniform in +-3 px = +-14.2 A per axis, rms 8.2 A, so it must leave its 10 A start
        var general = org.cryoj.io.star.StarFile.read(s.file("_it001_half1_model.star")).block("model_general").table();
        double sigmaOffset = general.getDouble(0, "rlnSigmaOffsetsAngst");
        // RELION's model.star gives the resolution in Å: after the CC iteration, --ini_high's shell ROUND(226.56 / 40) = 6, 37.76 Å
        assertEquals(37.76, general.getDouble(0, "rlnCurrentResolution"), 0.01);
        assertTrue(sigmaOffset > 6.5 && sigmaOffset < 9.8, "sigma offset after iteration 1: " + sigmaOffset);
        FloatVolume fin = MrcFile.read(s.file("_class001.mrc"));
        System.out.printf("FSC(final, truth) 0.5 resolution: %.1f A%n", Fsc.of(fin, d.truth()).resolutionAt(0.5));
        String keep = System.getProperty("refine.keep");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            for (String f : new String[] {"particles.star", "Refine3D/run_data.star"})
                Files.copy(dir.resolve(f), Path.of(keep, f.replace('/', '_')), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
