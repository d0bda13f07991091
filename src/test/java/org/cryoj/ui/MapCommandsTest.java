package org.cryoj.ui;

import static org.cryoj.ui.CommandRunner.assertCanceledNaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.map.Phantoms;
import org.cryoj.ui.command.CreateMaskCommand;
import org.cryoj.ui.command.RescaleMapCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * The commands run headless through SciJava's CommandService, as Fiji and scripts run them.
 * A successful run must write exactly what the library call writes; a bad input must cancel
 * the command with a reason that names the RELION option or field, not end in a stack trace.
 */
class MapCommandsTest {
    private static CommandRunner runner;

    @TempDir Path dir;

    @BeforeAll
    static void startContext() { runner = new CommandRunner(); }

    @AfterAll
    static void stopContext() { runner.close(); }

    private Path phantom() throws Exception {
        Path in = dir.resolve("phantom.mrc");
        MrcFile.write(in, Phantoms.d2(32, 3.54), MrcMode.FLOAT32, false);
        return in;
    }

    private static CommandModule run(Class<? extends Command> c, Object... inputs) throws Exception {
        return runner.run(c, inputs);
    }


    @Test
    void rescaleWritesWhatTheLibraryComputes() throws Exception {
        Path in = phantom(), out = dir.resolve("out.mrc");
        CommandModule m = run(RescaleMapCommand.class, "i", in.toFile(), "o", out.toFile(),
                "angpix", -1.0, "rescale_angpix", 1.77, "new_box", 48);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(out.toFile(), m.getOutput("written"));
        assertTrue(((String) m.getOutput("summary")).contains("48x48x48"));

        FloatVolume got = MrcFile.read(out);
        // 32 px at 3.54 Å rescaled to 1.77 Å is 64 px, then cropped to the asked 48 px
        assertEquals(48, got.nx());
        assertEquals(48, got.nz());
        assertEquals(1.77, got.pixelSize(), 1e-4);
        FloatVolume expected = ImageHandler.apply(MrcFile.read(in),
                ImageHandlerSettings.rebox(Double.NaN, 1.77, 48));
        assertArrayEquals(expected.data(), got.data());
    }

    @Test
    void maskWritesWhatTheLibraryComputes() throws Exception {
        Path in = phantom(), out = dir.resolve("mask.mrc");
        CommandModule m = run(CreateMaskCommand.class, "i", in.toFile(), "o", out.toFile(),
                "lowpass", 15.0, "ini_threshold", 0.02, "extend_inimask", 2.0, "width_soft_edge", 3.0);
        assertFalse(m.isCanceled(), m.getCancelReason());

        FloatVolume got = MrcFile.read(out);
        assertEquals(32, got.nx());
        assertEquals(3.54, got.pixelSize(), 1e-4);
        FloatVolume expected = MaskCreator.create(MrcFile.read(in), new MaskSettings(0.02, 2, 3, 15, Double.NaN, false));
        assertArrayEquals(expected.data(), got.data());
        float max = 0;
        for (float v : got.data()) {
            assertTrue(v >= 0 && v <= 1, "mask value outside [0,1]: " + v);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, "the phantom is above the threshold somewhere");
    }

    @Test
    void rescaleRejectsAMissingInput() throws Exception {
        CommandModule m = run(RescaleMapCommand.class, "i", dir.resolve("nope.mrc").toFile(),
                "o", dir.resolve("out.mrc").toFile(), "rescale_angpix", 1.77);
        assertCanceledNaming(m, "--i", "nope.mrc");
    }

    @Test
    void rescaleRejectsAZeroPixelSize() throws Exception {
        Path in = phantom();
        CommandModule m = run(RescaleMapCommand.class, "i", in.toFile(), "o", dir.resolve("out.mrc").toFile(),
                "angpix", 0.0, "rescale_angpix", 1.77);
        assertCanceledNaming(m, "--angpix");
        assertFalse(Files.exists(dir.resolve("out.mrc")));
    }

    @Test
    void rescaleRejectsABoxBelowTwo() throws Exception {
        Path in = phantom();
        CommandModule m = run(RescaleMapCommand.class, "i", in.toFile(), "o", dir.resolve("out.mrc").toFile(),
                "new_box", 1);
        assertCanceledNaming(m, "--new_box", "1");
    }

    /** relion_image_handler takes odd boxes (ImageHandlerOperationsTest compares them with it). */
    @Test
    void rescaleTakesAnOddBox() throws Exception {
        Path in = phantom(), out = dir.resolve("out.mrc");
        CommandModule m = run(RescaleMapCommand.class, "i", in.toFile(), "o", out.toFile(), "new_box", 63);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(63, MrcFile.read(out).nz());
    }

    @Test
    void rescaleKeepsAnExistingOutputUnlessForced() throws Exception {
        Path in = phantom(), out = dir.resolve("out.mrc");
        Files.writeString(out, "keep me");
        CommandModule m = run(RescaleMapCommand.class, "i", in.toFile(), "o", out.toFile(), "rescale_angpix", 1.77);
        assertCanceledNaming(m, "out.mrc");
        assertEquals("keep me", Files.readString(out));
        m = run(RescaleMapCommand.class, "i", in.toFile(), "o", out.toFile(), "rescale_angpix", 1.77, "force", true);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(64, MrcFile.read(out).nx());
    }

    @Test
    void rescaleNeedsAnInput() throws Exception {
        CommandModule m = run(RescaleMapCommand.class, "o", dir.resolve("out.mrc").toFile());
        assertCanceledNaming(m, "'i'");
    }

    @Test
    void maskRejectsAMissingInput() throws Exception {
        CommandModule m = run(CreateMaskCommand.class, "i", new File(dir.toFile(), "nope.mrc"),
                "o", dir.resolve("mask.mrc").toFile());
        assertCanceledNaming(m, "--i", "nope.mrc");
    }

    @Test
    void maskRejectsAZeroPixelSize() throws Exception {
        Path in = phantom();
        CommandModule m = run(CreateMaskCommand.class, "i", in.toFile(), "o", dir.resolve("mask.mrc").toFile(),
                "angpix", 0.0);
        assertCanceledNaming(m, "--angpix");
    }

    @Test
    void maskRejectsANegativeSoftEdge() throws Exception {
        Path in = phantom();
        CommandModule m = run(CreateMaskCommand.class, "i", in.toFile(), "o", dir.resolve("mask.mrc").toFile(),
                "width_soft_edge", -2.0);
        assertCanceledNaming(m, "--width_soft_edge");
    }

    @Test
    void maskNeverOverwritesItsInput() throws Exception {
        Path in = phantom();
        byte[] before = Files.readAllBytes(in);
        CommandModule m = run(CreateMaskCommand.class, "i", in.toFile(), "o", in.toFile(), "force", true);
        assertCanceledNaming(m, "input");
        assertArrayEquals(before, Files.readAllBytes(in));
    }
}
