package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoj.fourier.Fsc;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELION 3.1.3 reads what cryoj refine writes, run in the test on a small simulated D2 refinement
 * (80 particles, box 32, 7.08 Å): relion_refine_mpi --continue from our optimiser file runs an
 * iteration (so MlOptimiser reads our optimiser, sampling, half models and data), and RELION's own
 * files of that iteration have no label ours lack but those of features we do not have;
 * relion_postprocess on our half maps agrees with our FSCs; relion_star_handler copies
 * run_data.star; relion_reconstruct from run_data.star's poses gives our map.
 *
 * <p>FSC agreement, decided: RELION's FINAL RESOLUTION (masked, phase-randomisation corrected, 0.143)
 * lies within one shell of the 0.143 shell of our FSC of the same half maps times the same mask
 * (our masked FSC has no phase-randomisation correction, which moves it by less than a shell at
 * this resolution); RELION's unmasked FSC equals run_model.star's rlnGoldStandardFsc within 0.05 per
 * shell and its 0.143 shell within one.
 */
class RelionReadsRefineFilesTest {
    @TempDir static Path dir;
    static RefineSettings s;
    static Refiner.Outcome outcome;
    static int box;
    static double px;

    /** RELION labels of features this engine does not have (helical, SGD, multi-body, local symmetry, Fourier masks). */
    static final Pattern NOT_APPLICABLE = Pattern.compile("rln(Helical.*|NrHelicalNStart|IgnoreHelicalSymmetry|Sgd.*|BodyStarFile|LocalSymmetryFile|FourierMask)");

    @BeforeAll
    static void refine() throws Exception {
        ExternalTools.require("relion_refine_mpi");
        ExternalTools.require("mpirun");
        RefineTestData d = RefineTestData.create(dir, 32, 7.08, 80, 2.0, 5);
        s = RefineSettings.builder(d.input(), dir.resolve("Refine3D/run"), d.reference()).iniHigh(40).particleDiameter(200)
                .tutorial("D2").sampling(1, 3, 3, 1).threads(2).maxIterations(30)
                .normCorrection(true).scaleCorrection(true).build();
        outcome = new Refiner(s, new RefineListener() {}, new CpuExpectationBackend()).run(null);
        assertTrue(outcome.converged(), outcome.toString());
        box = 32;
        px = 7.08;
    }

    @Test
    void relionContinuesFromOurOptimiserFileAndWritesTheSameLabels() throws Exception {
        int k = outcome.iterations() - 1; // the last iteration before the final one: local searches
        Path optimiser = s.file(RefineFiles.it(k) + "_optimiser.star");
        Path rr = dir.resolve("Refine3D/relion_ct");
        Files.createDirectories(rr);
        String next = RefineFiles.it(k + 1);
        Path relionOptimiser = rr.resolve("run" + next + "_optimiser.star");
        ProcessBuilder pb = new ProcessBuilder("mpirun", "--allow-run-as-root", "--oversubscribe", "-n", "3", "relion_refine_mpi",
                "--continue", optimiser.toString(), "--o", rr.resolve("run").toString(), "--j", "1")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("relion_ct.log").toFile());
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        Process p = pb.start();
        long deadline = System.nanoTime() + 240_000_000_000L;
        // RELION writes the optimiser file last; once its half-2 model is there too, the iteration is on disc
        while (p.isAlive() && !(Files.exists(relionOptimiser) && Files.exists(rr.resolve("run" + next + "_half2_model.star")))
                && System.nanoTime() < deadline) Thread.sleep(200);
        Thread.sleep(500);
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor();
        String log = Files.readString(dir.resolve("relion_ct.log"));
        assertTrue(Files.exists(relionOptimiser), "relion_refine --continue did not finish an iteration from our files:\n" + log);
        assertTrue(log.contains("Auto-refine: Iteration= " + (k + 1)), log);
        for (String f : new String[] {"_optimiser.star", "_sampling.star", "_data.star", "_half1_model.star"}) {
            Set<String> missing = labels(rr.resolve("run" + next + f));
            missing.removeAll(labels(s.file(next + f).toFile().exists() ? s.file(next + f) : s.file(RefineFiles.it(k) + f)));
            missing.removeIf(l -> NOT_APPLICABLE.matcher(l).matches());
            assertTrue(missing.isEmpty(), "RELION's run_itNNN" + f + " has labels ours lacks: " + missing);
        }
        // --norm: RELION's norm correction after one more iteration from ours stays on our level (same residual convention)
        double ours = StarFile.read(s.file(RefineFiles.it(k) + "_half1_model.star")).block("model_general").table()
                .getDouble(0, "rlnNormCorrectionAverage");
        double theirs = StarFile.read(rr.resolve("run" + next + "_half1_model.star")).block("model_general").table()
                .getDouble(0, "rlnNormCorrectionAverage");
        assertEquals(1, theirs / ours, 0.1, "rlnNormCorrectionAverage: ours " + ours + ", RELION's next " + theirs);
        assertTrue(Math.abs(ours - 1) > 0.05, "the norm correction moved away from 1 (it was estimated): " + ours);
    }

    @Test
    void relionPostprocessAgreesWithOurFsc() throws Exception {
        FloatVolume finalMap = MrcFile.read(s.file("_class001.mrc"));
        double max = 0;
        for (float v : finalMap.data()) max = Math.max(max, v);
        FloatVolume mask = MaskCreator.create(finalMap, new MaskSettings(0.1 * max, 2, 3, 15, Double.NaN, false));
        Path maskFile = dir.resolve("mask.mrc");
        MrcFile.write(maskFile, mask, MrcMode.FLOAT32, true);
        Files.createDirectories(dir.resolve("PostProcess"));
        String out = ExternalTools.runOk(dir, 120, "relion_postprocess", "--i", s.file("_half1_class001_unfil.mrc").toString(),
                "--mask", maskFile.toString(), "--angpix", Double.toString(px), "--o", "PostProcess/postprocess");
        Matcher m = Pattern.compile("FINAL RESOLUTION:\\s+([0-9.]+)").matcher(out);
        assertTrue(m.find(), out);
        int relionShell = (int) Math.round(box * px / Double.parseDouble(m.group(1)));

        // masked: our FSC of the masked half maps, graded at 0.143 like RELION's (phase-randomisation corrected) final FSC
        FloatVolume h1 = MrcFile.read(s.file("_half1_class001_unfil.mrc")), h2 = MrcFile.read(s.file("_half2_class001_unfil.mrc"));
        double[] masked = Fsc.of(times(h1, mask), times(h2, mask)).fsc();
        int ourMasked = lastShellAbove(masked, 0.143);
        assertTrue(Math.abs(ourMasked - relionShell) <= 1, "masked 0.143 shell: ours " + ourMasked + ", RELION's " + relionShell + "\n" + out);

        // unmasked: run_model.star's gold-standard FSC against RELION's unmasked FSC of the same half maps
        StarTable ours = StarFile.read(s.file("_model.star")).block("model_class_1").table();
        StarTable theirs = StarFile.read(dir.resolve("PostProcess/postprocess.star")).block("fsc").table();
        double[] a = column(ours, "rlnGoldStandardFsc"), b = column(theirs, "rlnFourierShellCorrelationUnmaskedMaps");
        assertTrue(Math.abs(lastShellAbove(a, 0.143) - lastShellAbove(b, 0.143)) <= 1,
                "unmasked 0.143 shell: ours " + lastShellAbove(a, 0.143) + ", RELION's " + lastShellAbove(b, 0.143));
        for (int i = 1; i < Math.min(a.length, b.length); i++)
            assertEquals(b[i], a[i], 0.05, "unmasked FSC at shell " + i);
        System.out.printf("relion_postprocess: FINAL RESOLUTION %s A (shell %d); ours masked shell %d, unmasked %d (RELION unmasked %d)%n",
                m.group(1), relionShell, ourMasked, lastShellAbove(a, 0.143), lastShellAbove(b, 0.143));
    }

    @Test
    void relionReadsRunDataStar() throws Exception {
        ExternalTools.runOk(dir, 60, "relion_star_handler", "--i", s.file("_data.star").toString(), "--o", "copy.star");
        StarTable ours = StarFile.read(s.file("_data.star")).block("particles").table();
        StarTable copy = StarFile.read(dir.resolve("copy.star")).block("particles").table();
        assertEquals(ours.rowCount(), copy.rowCount());
        for (int r = 0; r < ours.rowCount(); r++)
            for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnRandomSubset"})
                assertEquals(ours.getDouble(r, l), copy.getDouble(r, l), 1e-4, "particle " + (r + 1) + " " + l);
        // RELION's reconstruction from our poses and our final map agree where the refinement resolved the map
        ExternalTools.runOk(dir, 120, "relion_reconstruct", "--i", s.file("_data.star").toString(), "--o", "relion_rec.mrc",
                "--sym", "D2", "--ctf");
        String fsc = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "relion_rec.mrc", "--fsc", s.file("_class001.mrc").toString());
        int resolved = lastShellAbove(column(StarFile.read(s.file("_model.star")).block("model_class_1").table(), "rlnGoldStandardFsc"), 0.143);
        for (String line : fsc.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !f[0].matches("\\d+")) continue;
            int shell = Integer.parseInt(f[0]);
            if (shell >= 1 && shell <= resolved)
                assertTrue(Double.parseDouble(f[3]) > 0.8, "FSC(relion_reconstruct of run_data.star, run_class001.mrc) at shell " + shell + ": " + line);
        }
    }

    static Set<String> labels(Path star) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(star)) {
            String t = line.trim();
            if (t.startsWith("_rln")) out.add(t.split("\\s+")[0].substring(1));
        }
        return out;
    }

    static double[] column(StarTable t, String label) {
        double[] v = new double[t.rowCount()];
        for (int i = 0; i < v.length; i++) v[i] = t.getDouble(i, label);
        return v;
    }

    /** The last shell before the FSC first drops below the threshold (shell 0 excluded). */
    static int lastShellAbove(double[] fsc, double threshold) {
        for (int i = 1; i < fsc.length; i++) if (fsc[i] < threshold) return i - 1;
        return fsc.length - 1;
    }

    static FloatVolume times(FloatVolume v, FloatVolume mask) {
        float[] d = v.data().clone();
        for (int i = 0; i < d.length; i++) d[i] *= mask.data()[i];
        return new FloatVolume(v.nx(), v.ny(), v.nz(), d, v.pixelSize());
    }

}
