package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoj.extract.SimulatedProject;
import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.simulate.Simulation;
import org.cryoj.simulate.SimulationSettings;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageJ 1 as the real client: Debian's {@code imagej} under a virtual display runs macros that
 * call our menu commands, with the plugin installed as a user would install it
 * ({@link ImageJInstall}, a HOME per test).
 */
class ImageJMacroTest {
    @TempDir Path home;
    @TempDir Path work;
    private ImageJInstall install;
    private Path ijDir;

    @BeforeEach
    void installPlugin() throws Exception {
        install = ImageJInstall.into(home);
        ijDir = install.ijDir;
    }

    @Test
    void macrosRunBothCommandsAndTheExampleMacros() throws Exception {
        Path in = work.resolve("phantom in.mrc");   // a space, to exercise [bracketed] values
        MrcFile.write(in, Phantoms.d2(32, 3.54), MrcMode.FLOAT32, false);
        Path macro = work.resolve("run.ijm");
        Files.writeString(macro, String.join("\n",
                "run(\"Rescale Map...\", \"i=[" + in + "] o=[" + work.resolve("rescaled.mrc") + "] rescale_angpix=1.77 new_box=48\");",
                "run(\"Create Cryo-EM Mask...\", \"i=[" + in + "] o=[" + work.resolve("mask.mrc")
                        + "] lowpass=15 ini_threshold=0.02 extend_inimask=2 width_soft_edge=3\");",
                "runMacro(\"" + Path.of("macros/rescale_map.ijm").toAbsolutePath() + "\", \"in=[" + in
                        + "] out=[" + work.resolve("example_rescaled.mrc") + "] rescale_angpix=1.77 new_box=48\");",
                "runMacro(\"" + Path.of("macros/create_mask.ijm").toAbsolutePath() + "\", \"in=[" + in
                        + "] out=[" + work.resolve("example_mask.mrc") + "] extend_inimask=2\");",
                "print(\"macro finished\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("macro finished"), out);

        FloatVolume source = MrcFile.read(in);
        FloatVolume rescaled = ImageHandler.apply(source, ImageHandlerSettings.rebox(Double.NaN, 1.77, 48));
        FloatVolume mask = MaskCreator.create(source, new MaskSettings(0.02, 2, 3, 15, Double.NaN, false));
        for (String name : List.of("rescaled.mrc", "example_rescaled.mrc")) {
            FloatVolume got = MrcFile.read(work.resolve(name));
            assertEquals(48, got.nx(), name);
            assertEquals(1.77, got.pixelSize(), 1e-4, name);
            assertArrayEquals(rescaled.data(), got.data(), name);
        }
        for (String name : List.of("mask.mrc", "example_mask.mrc")) {
            FloatVolume got = MrcFile.read(work.resolve(name));
            assertEquals(32, got.nx(), name);
            assertEquals(3.54, got.pixelSize(), 1e-4, name);
            assertArrayEquals(mask.data(), got.data(), name);
        }
    }

    @Test
    void aBadOptionStopsTheMacroWithAMessage() throws Exception {
        Path in = work.resolve("in.mrc");
        MrcFile.write(in, Phantoms.d2(16, 3.54), MrcMode.FLOAT32, false);
        Path macro = work.resolve("bad.ijm");
        Files.writeString(macro, String.join("\n",
                "print(\"before\");",
                "run(\"Rescale Map...\", \"i=[" + in + "] o=[" + work.resolve("out.mrc") + "] new_box=1\");",
                "print(\"after\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("before"), out);
        assertTrue(out.contains("Rescale Map... failed: --new_box must be a number of pixels >= 2"), out);
        assertFalse(out.contains("after"), "the macro should stop at the failing command:\n" + out);
        assertFalse(out.contains("\tat org.cryoj"), "no stack trace for a user error:\n" + out);
        assertFalse(Files.exists(work.resolve("out.mrc")));
    }

    /** Re-extract Particles... from a recorded-style macro line: project folder, re-centring, float16 stacks. */
    @Test
    void reextractRunsFromAMacroLine() throws Exception {
        new SimulatedProject(work);
        Path macro = work.resolve("reextract.ijm");
        Files.writeString(macro, String.join("\n",
                "run(\"Re-extract Particles...\", \"project_dir=[" + work + "] i=" + SimulatedProject.MICS_STAR
                        + " reextract_data_star=" + SimulatedProject.DATA_STAR + " o=Extract/job019/ extract_size=128"
                        + " scale=64 bg_radius=24 recenter float16\");",
                "print(\"macro finished\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("Re-extract Particles: 24 particles") && out.contains("macro finished"), out);
        StarFile star = StarFile.read(work.resolve("Extract/job019/particles.star"));
        assertEquals(24, star.block("particles").table().rowCount());
        assertEquals(64, star.block("optics").table().getInt(0, "rlnImageSize"));
        for (int m = 1; m <= 2; m++) {
            FloatVolume stack = MrcFile.read(work.resolve("Extract/job019/Movies/mic" + m + ".mrcs"));
            assertEquals(64, stack.nx());
            assertEquals(12, stack.nz());
        }
        assertEquals(MrcMode.FLOAT16, MrcFile.readHeader(work.resolve("Extract/job019/Movies/mic1.mrcs")).mode());
    }

    /**
     * The tutorial's whole high-resolution refinement step in ImageJ with windows, as a user runs
     * macros/high_resolution_refinement.ijm: on a simulated D2 project (150 particles in
     * micrographs, box 32, an earlier map at twice the pixel size) it re-extracts, rescales the
     * earlier map, masks it, runs 3D Auto-refine to convergence, and saves the FSC plot and the
     * final map's slices. The Log window must hold the Auto-refine: lines; the maps must pass
     * mrcfile-validate and resemble the simulation's true map.
     */
    @Test
    void workflowMacroRunsTheTutorialStepToTheFinalMap() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        MrcFile.write(work.resolve("truth.mrc"), truth, MrcMode.FLOAT32, false);
        Simulation.run(new SimulationSettings(work.resolve("truth.mrc"), Double.NaN, "D2", 150, 32,
                SimulationSettings.Mode.MICROGRAPHS, 512, 0, 300, 2.7, 0.1, 1.0, 2.5, 0.05, 0, 0.2, 2, 7.08, 16, 5, 3,
                false, 40, 1, work, 1, false));
        // the earlier Class3D map at the earlier job's sampling, as the tutorial has it
        FloatVolume earlier = ImageHandler.apply(MrcFile.read(work.resolve("reference_lp.mrc")),
                ImageHandlerSettings.rebox(Double.NaN, 7.08, 16));
        Files.createDirectories(work.resolve("Class3D/job016"));
        MrcFile.write(work.resolve("Class3D/job016/run_it025_class001.mrc"), earlier, MrcMode.FLOAT32, false);
        double maskThreshold = 0.2 * ImageStatistics.of(earlier.data()).max();

        Path log = work.resolve("log.txt");
        Path macro = work.resolve("workflow.ijm");
        Files.writeString(macro, String.join("\n",
                "runMacro(\"" + Path.of("macros/high_resolution_refinement.ijm").toAbsolutePath() + "\", \"project=[" + work
                        + "] mics=micrographs_ctf.star data=particles_picked_refined.star extract_size=32 scale=-1 bg_radius=12"
                        + " float16=true ref=Class3D/job016/run_it025_class001.mrc angpix=7.08 rescale_angpix=3.54 new_box=32"
                        + " ref_out=Class3D/job016/run_it025_class001_box32.mrc mask_out=Class3D/job016/mask_box32.mrc"
                        + " mask_threshold=" + maskThreshold + " sym=D2 ini_high=40 particle_diameter=100 pad=1 pool=30 j=1"
                        + " max_iter=20\");",
                // with windows, print() and the commands' lines go to the Log window only
                "File.saveString(getInfo(\"log\"), \"" + log + "\");",
                "run(\"Quit\");", ""));
        String out = install.withWindows(work, macro, 1024, 768, 420);
        assertTrue(Files.exists(log), "the macro did not finish:\n" + out);
        String logText = Files.readString(log);
        assertTrue(logText.contains("high_resolution_refinement.ijm finished"), logText);
        assertTrue(logText.contains("Re-extract Particles: 150 particles"), logText);
        assertTrue(logText.contains("Auto-refine: Iteration= 1") && logText.contains("Auto-refine: Resolution="), logText);
        assertTrue(logText.contains("Auto-refine: + Final resolution (without masking) is:"), logText);
        Matcher summary = Pattern.compile("3D Auto-refine: converged after \\d+ iterations, ([0-9.]+) A").matcher(logText);
        assertTrue(summary.find(), logText);
        double resolution = Double.parseDouble(summary.group(1));
        assertTrue(resolution >= 2 * 3.54 && resolution < 30, "resolution in A between Nyquist and 30 A: " + resolution);

        Path job = work.resolve("Refine3D/job019");
        StarTable extracted = StarFile.read(work.resolve("Extract/job018/particles.star")).block("particles").table();
        assertEquals(150, extracted.rowCount());
        Path stack = work.resolve(ImageReference.parse(extracted.getString(0, "rlnImageName")).file());
        assertEquals(MrcMode.FLOAT16, MrcFile.readHeader(stack).mode(), stack.toString());
        assertEquals(150, StarFile.read(job.resolve("run_data.star")).block("particles").table().rowCount());
        assertTrue(Files.exists(job.resolve("run_model.star")));
        for (String map : List.of("Class3D/job016/run_it025_class001_box32.mrc", "Class3D/job016/mask_box32.mrc",
                "Refine3D/job019/run_class001.mrc", "Refine3D/job019/run_half1_class001_unfil.mrc",
                "Refine3D/job019/run_half2_class001_unfil.mrc")) {
            FloatVolume v = MrcFile.read(work.resolve(map));
            assertEquals(32, v.nx(), map);
            assertEquals(3.54, v.pixelSize(), 1e-3, map);
            assertEquals(List.of(), ExternalTools.mrcfileComplaints(work.resolve(map)), map);
        }
        // the refined map against the simulation's truth, independently of what the run reports:
        // closer to it than the 40 A reference the refinement started from
        double start = ImageAssert.correlation(truth.data(),
                MrcFile.read(work.resolve("Class3D/job016/run_it025_class001_box32.mrc")).data());
        double refined = ImageAssert.correlation(truth.data(), MrcFile.read(job.resolve("run_class001.mrc")).data());
        assertTrue(refined > 0.9 && refined > start, "correlation with the true map: refined " + refined + ", reference " + start);
        for (String png : List.of("run_fsc.png", "run_class001_slices.png", "run_iterations.png"))
            ScreenshotTest.readNonBlank(job.resolve(png));
    }

    /** Reconstruct... from a macro line gives the library's map for the same settings. */
    @Test
    void reconstructRunsFromAMacro() throws Exception {
        Path star = SimulatedParticles.write(work, Phantoms.d2(32, 3.54), 60, 0.0, 3);
        Path macro = work.resolve("reconstruct.ijm");
        Files.writeString(macro, String.join("\n",
                "run(\"Reconstruct...\", \"i=[" + star + "] o=[" + work.resolve("macro.mrc") + "] sym=D2 ctf pad=2 j=2\");",
                "print(\"macro finished\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("Reconstruct: ") && out.contains("macro finished"), out);
        Reconstructor.run(new ReconstructSettings(star, work.resolve("library.mrc"), "D2", true, 2, Double.NaN, Double.NaN, 2, false));
        assertArrayEquals(MrcFile.read(work.resolve("library.mrc")).data(), MrcFile.read(work.resolve("macro.mrc")).data());
    }

    /** Our names must reach our plugin in the command table of both ImageJ 1.52 (Debian) and 1.54 (our Maven dependency). */
    @Test
    void menuCommandsAreOursAndUnique() throws Exception {
        Path macro = work.resolve("list.ijm");
        Files.writeString(macro, String.join("\n",
                "List.setCommands;",
                "print(\"RM=\" + List.get(\"Rescale Map...\"));",
                "print(\"CM=\" + List.get(\"Create Cryo-EM Mask...\"));",
                "print(\"RX=\" + List.get(\"Re-extract Particles...\"));",
                "print(\"SM=\" + List.get(\"Show Map and Mask...\"));",
                "print(\"SF=\" + List.get(\"Show FSC...\"));",
                "print(\"RC=\" + List.get(\"Reconstruct...\"));",
                "print(\"AR=\" + List.get(\"3D Auto-refine...\"));",
                "print(\"IJ=\" + List.get(\"Create Mask\"));", ""));
        String plugin = "org.cryoj.ui.ij1.CommandPlugin(\"org.cryoj.ui.command.";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String out : List.of(imagej(macro),
                ExternalTools.run(work, 60, "xvfb-run", "-a", java, "-cp", ImageJInstall.location(ij.ImageJ.class).toString(),
                        "ij.ImageJ", "-ijpath", ijDir.toString(), "-batch", macro.toString()).output())) {
            assertTrue(out.contains("RM=" + plugin + "RescaleMapCommand\")"), out);
            assertTrue(out.contains("CM=" + plugin + "CreateMaskCommand\")"), out);
            assertTrue(out.contains("RX=" + plugin + "ReextractParticlesCommand\")"), out);
            assertTrue(out.contains("SM=" + plugin + "ShowMapCommand\")"), out);
            assertTrue(out.contains("SF=" + plugin + "ShowFscCommand\")"), out);
            assertTrue(out.contains("RC=" + plugin + "ReconstructParticlesCommand\")"), out);
            assertTrue(out.contains("AR=" + plugin + "AutoRefineCommand\")"), out);
            assertTrue(out.contains("IJ=ij.plugin.Selection(\"mask\")"), "ImageJ's own Create Mask is untouched:\n" + out);
            assertFalse(out.toLowerCase().contains("duplicate"), out);
        }
    }

    private String imagej(Path macro) throws IOException, InterruptedException {
        return install.batch(work, macro);
    }
}
