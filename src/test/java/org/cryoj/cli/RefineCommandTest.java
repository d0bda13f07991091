package org.cryoj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.gpu.GpuDetector;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.SimulatedParticles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** ./cryoj refine as a user meets it: through CryoJ's root command, its help and its one-line errors. */
class RefineCommandTest {
    @TempDir Path dir;
    Path star, ref;
    final StringWriter out = new StringWriter(), err = new StringWriter();

    @BeforeEach
    void data() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        star = SimulatedParticles.write(dir, truth, 40, 0.0, 3);
        ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
    }

    int cryoj(String... args) {
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** The RELION 3.1 tutorial's Refine3D command line (job019), less --norm --scale, on tiny data. */
    List<String> tutorial(String... extra) {
        List<String> a = new ArrayList<>(List.of("refine", "--o", dir.resolve("Refine3D/job019/run").toString(), "--auto_refine",
                "--split_random_halves", "--i", star.toString(), "--ref", ref.toString(), "--firstiter_cc", "--ini_high", "50",
                "--dont_combine_weights_via_disc", "--preread_images", "--pool", "30", "--pad", "2", "--ctf", "--particle_diameter", "100",
                "--flatten_solvent", "--zero_mask", "--oversampling", "1", "--healpix_order", "2", "--auto_local_healpix_order", "4",
                "--offset_range", "5", "--offset_step", "2", "--sym", "D2", "--low_resol_join_halves", "40", "--norm", "--scale", "--j", "2",
                "--max_iter", "1"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void helpListsRelionsOptions() {
        assertEquals(0, cryoj("refine", "--help"));
        String help = out.toString();
        for (String o : new String[] {"--i", "--o", "--ref", "--continue", "--auto_refine", "--split_random_halves", "--firstiter_cc",
                "--ini_high", "--sym", "--particle_diameter", "--ctf", "--flatten_solvent", "--zero_mask", "--solvent_mask", "--oversampling",
                "--healpix_order", "--auto_local_healpix_order", "--offset_range", "--offset_step", "--auto_ignore_angles",
                "--auto_resol_angles", "--pad", "--pool", "--preread_images", "--j", "--gpu", "--tau2_fudge", "--low_resol_join_halves",
                "--dont_combine_weights_via_disc", "--random_seed", "--max_iter"})
            assertTrue(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(o) + "(?![A-Za-z_])").matcher(help).find(), "refine --help lacks " + o + ":\n" + help);
    }

    @Test
    void acceptsTheTutorialCommandLine() throws Exception {
        assertEquals(0, cryoj(tutorial().toArray(String[]::new)), err.toString());
        assertTrue(Files.exists(dir.resolve("Refine3D/job019/run_it001_optimiser.star")));
        assertTrue(out.toString().contains("Stopped after 1 iterations"), out.toString());
        // RELION's GUI command always has --norm --scale: they are on in the files, as RELION writes them
        String optimiser = Files.readString(dir.resolve("Refine3D/job019/run_it001_optimiser.star"));
        assertTrue(optimiser.matches("(?s).*_rlnDoCorrectNorm\\s+1\\b.*") && optimiser.matches("(?s).*_rlnDoCorrectScale\\s+1\\b.*"), optimiser);
    }

    @Test
    void unsupportedOptionsFailNamingThem() {
        assertEquals(2, cryoj(tutorial("--K", "3").toArray(String[]::new)));
        assertTrue(err.toString().contains("--K"), err.toString());
    }

    @Test
    void missingInputsAndBadSymmetryFailWithOneLine() {
        for (String[] c : new String[][] {{"--i", "(input particles STAR file) is required"}, {"--ref", "(initial reference map) is required"}}) {
            List<String> a = tutorial();
            int i = a.indexOf(c[0]);
            a.remove(i + 1);
            a.remove(i);
            err.getBuffer().setLength(0);
            assertEquals(1, cryoj(a.toArray(String[]::new)));
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
            assertTrue(err.toString().contains(c[0] + " " + c[1]), err.toString());
        }
        List<String> a = tutorial();
        a.set(a.indexOf("D2"), "X9");
        err.getBuffer().setLength(0);
        assertEquals(1, cryoj(a.toArray(String[]::new)));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("X9"), err.toString());
        assertTrue(Files.notExists(dir.resolve("Refine3D/job019/run_it000_optimiser.star")), "nothing written on a bad --sym");
    }

    @Test
    void badReferencesAndParticleFilesAreExplained() throws Exception {
        // a reference of another box: the message says how to rescale it with our image_handler
        Path small = dir.resolve("small.mrc");
        MrcFile.write(small, Phantoms.d2(16, 7.08), MrcMode.FLOAT32, false);
        assertOneLineError(tutorialWith("--ref", small.toString()), "--ref must be a 32^3 map", "cryoj image_handler", "--new_box 32");
        // another pixel size
        Path px = dir.resolve("px.mrc");
        MrcFile.write(px, Phantoms.d2(32, 3.0), MrcMode.FLOAT32, false);
        assertOneLineError(tutorialWith("--ref", px.toString()), "3.0000 A/px", "--rescale_angpix 3.5400");
        // a NaN in the reference
        FloatVolume bad = MrcFile.read(ref).copy();
        bad.set(5, 6, 7, Float.NaN);
        Path nan = dir.resolve("nan.mrc");
        MrcFile.write(nan, bad, MrcMode.FLOAT32, false);
        assertOneLineError(tutorialWith("--ref", nan.toString()), "non-finite", "(5, 6, 7)");
        // a particles file without particles, and one whose images are missing
        String text = Files.readString(star);
        int header = text.lastIndexOf("_rln");
        Path empty = dir.resolve("empty.star");
        Files.writeString(empty, text.substring(0, text.indexOf('\n', header) + 1));
        assertOneLineError(tutorialWith("--i", empty.toString()), "needs at least 2 particles");
        List<String> lines = new ArrayList<>(Files.readAllLines(star));
        int first = lines.size() - 1;
        while (!lines.get(first).contains("@")) first--;
        String line = lines.get(first);
        String image = line.substring(line.indexOf('@') + 1).split("\\s+")[0];
        lines.set(first, line.replace(image, image.replace(".mrcs", "_gone.mrcs")));
        Path missing = dir.resolve("missing.star");
        Files.write(missing, lines);
        assertOneLineError(tutorialWith("--i", missing.toString()), "_gone.mrcs");
        assertTrue(Files.notExists(dir.resolve("Refine3D/job019/run_it000_optimiser.star")), "nothing written on bad input");
    }

    private List<String> tutorialWith(String option, String value) {
        List<String> a = tutorial();
        a.set(a.indexOf(option) + 1, value);
        return a;
    }

    private void assertOneLineError(List<String> args, String... words) {
        err.getBuffer().setLength(0);
        assertEquals(1, cryoj(args.toArray(String[]::new)), out.toString());
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        for (String w : words) assertTrue(e.contains(w), "error should name '" + w + "': " + e);
    }

    @Test
    void gpuRequestSaysWhichBackendRunsInOneLine() {
        assertEquals(0, cryoj(tutorial("--gpu", "").toArray(String[]::new)), err.toString());
        String text = out.toString();
        assertEquals(1, text.lines().filter(l -> l.startsWith("Compute:")).count(), text);
        if (GpuDetector.status().gpus().isEmpty()) assertTrue(text.contains("using the CPU backend"), text);
        else assertTrue(text.matches("(?s).*Compute: (CUDA|OpenCL)( and OpenCL)? backend on .*|.*could not start.*"), text);   // a GPU machine
        if (!GpuDetector.status().available())
            assertTrue(text.contains("Compute: --gpu asked for a GPU but none is usable: " + GpuDetector.status().reason() + "; using the CPU backend"), text);
    }
}
