package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.extract.SimulatedProject;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.testutil.ExternalTools;
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
        FloatVolume rescaled = ImageHandler.apply(source, new ImageHandlerSettings(Double.NaN, 1.77, 48, 0, 0, false, null));
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
                "run(\"Rescale Map...\", \"i=[" + in + "] o=[" + work.resolve("out.mrc") + "] new_box=31\");",
                "print(\"after\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("before"), out);
        assertTrue(out.contains("Rescale Map... failed: --new_box must be an even number"), out);
        assertFalse(out.contains("after"), "the macro should stop at the failing command:\n" + out);
        assertFalse(out.contains("\tat org.cryoj"), "no stack trace for a user error:\n" + out);
        assertFalse(Files.exists(work.resolve("out.mrc")));
    }

    /**
     * The workflow macro on a simulated RELION project: the reference rescaled and masked, the
     * particles re-extracted (also by a direct macro line) and read back, and the FSC of two
     * noisy half-maps saved as a PNG under Xvfb.
     */
    @Test
    void workflowMacroReextractsParticlesAndShowsTheFsc() throws Exception {
        new SimulatedProject(work);
        FloatVolume truth = Phantoms.d2(32, 3.54);
        MrcFile.write(work.resolve("ref.mrc"), truth, MrcMode.FLOAT32, false);
        for (int h = 1; h <= 2; h++) {
            float[] d = truth.data().clone();
            java.util.Random r = new java.util.Random(h);
            for (int k = 0; k < d.length; k++) d[k] += (float) (0.01 * r.nextGaussian());
            MrcFile.write(work.resolve("half" + h + ".mrc"), new FloatVolume(32, 32, 32, d, 3.54), MrcMode.FLOAT32, false);
        }
        Path macro = work.resolve("workflow.ijm");
        Files.writeString(macro, String.join("\n",
                "runMacro(\"" + Path.of("macros/high_resolution_refinement.ijm").toAbsolutePath() + "\", \"project=["
                        + work + "] extract_size=128 scale=64 ref=ref.mrc rescale_angpix=1.77 new_box=64"
                        + " half1=half1.mrc half2=half2.mrc fsc_png=fsc.png\");",
                "run(\"Re-extract Particles...\", \"project_dir=[" + work + "] i=" + SimulatedProject.MICS_STAR
                        + " reextract_data_star=" + SimulatedProject.DATA_STAR + " o=Extract/job019/ extract_size=128"
                        + " scale=64 bg_radius=24 recenter float16\");",
                "print(\"macro finished\");", ""));
        String out = imagej(macro);
        assertTrue(out.contains("high_resolution_refinement.ijm finished") && out.contains("macro finished"), out);

        assertEquals(64, MrcFile.read(work.resolve("reference_rescaled.mrc")).nx());
        assertEquals(64, MrcFile.read(work.resolve("reference_mask.mrc")).nx());
        for (String job : List.of("Extract/job018/", "Extract/job019/")) {
            StarFile star = StarFile.read(work.resolve(job + "particles.star"));
            assertEquals(24, star.block("particles").table().rowCount(), job);
            assertEquals(64, star.block("optics").table().getInt(0, "rlnImageSize"), job);
            for (int m = 1; m <= 2; m++) {
                FloatVolume stack = MrcFile.read(work.resolve(job + "Movies/mic" + m + ".mrcs"));
                assertEquals(64, stack.nx(), job);
                assertEquals(12, stack.nz(), job);
            }
        }
        assertEquals(MrcMode.FLOAT16, MrcFile.readHeader(work.resolve("Extract/job019/Movies/mic1.mrcs")).mode());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(work.resolve("fsc.png").toFile());
        assertTrue(png != null && png.getWidth() > 100, "fsc.png is a plot image");
        assertTrue(out.contains("Show FSC: Resolution"), out);
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
