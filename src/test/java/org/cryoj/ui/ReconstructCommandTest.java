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

import org.cryoj.fourier.Fsc;
import org.cryoj.fourier.FscCurve;
import org.cryoj.gpu.GpuDevice;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.testutil.OpenClTestDevice;
import org.cryoj.ui.command.ReconstructParticlesCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Reconstruct... headless through CommandService, as Fiji and scripts run it: on simulated
 * particles of a known phantom the map matches the phantom and equals what the library writes;
 * bad input cancels the command with a reason naming the relion_reconstruct option.
 */
class ReconstructCommandTest {
    private static final int BOX = 32;
    private static final double ANGPIX = 3.54;
    private static CommandRunner runner;

    @TempDir Path dir;

    @BeforeAll
    static void startContext() { runner = new CommandRunner(); }

    @AfterAll
    static void stopContext() { runner.close(); }

    private static CommandModule run(Object... kv) throws Exception {
        return runner.run(ReconstructParticlesCommand.class, kv);
    }


    @Test
    void reconstructsThePhantomFromItsProjectionsAsTheLibraryDoes() throws Exception {
        FloatVolume truth = Phantoms.d2(BOX, ANGPIX);
        Path star = SimulatedParticles.write(dir, truth, 400, 0.0, 5);
        Path out = dir.resolve("command.mrc");
        CommandModule m = run("i", star.toFile(), "o", out.toFile(), "sym", "D2", "ctf", true, "j", 2);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(out.toFile(), m.getOutput("written"));
        String summary = (String) m.getOutput("summary");
        assertTrue(summary.contains("32^3") && summary.contains("D2") && summary.contains("CTF-corrected"), summary);

        FloatVolume map = MrcFile.read(out);
        assertEquals(ANGPIX, map.pixelSize(), 1e-4);
        // independent truth: the phantom the particles were projected from
        FscCurve fsc = Fsc.of(truth, map);
        for (int s = 1; s < BOX / 4; s++)
            assertTrue(fsc.fsc()[s] > 0.9, "FSC with the phantom at shell " + s + " is " + fsc.fsc()[s]);

        // thin face: the same settings through the library give the same map
        Path lib = dir.resolve("library.mrc");
        Reconstructor.run(new ReconstructSettings(star, lib, "D2", true, 2, Double.NaN, Double.NaN, 2, false));
        assertArrayEquals(MrcFile.read(lib).data(), map.data());
    }

    /** "Use GPU acceleration?" with opencl:0 backprojects there (PoCL's CPU device in CI): the summary names it, the map is the CPU's. */
    @Test
    void backprojectsOnTheNamedOpenClDevice() throws Exception {
        GpuDevice device = OpenClTestDevice.require();
        Path star = SimulatedParticles.write(dir, Phantoms.d2(BOX, ANGPIX), 60, 0.0, 5);
        CommandModule m = run("i", star.toFile(), "o", dir.resolve("gpu.mrc").toFile(), "sym", "D2", "ctf", true, "j", 2,
                "use_gpu", true, "gpu", "opencl:0");
        assertFalse(m.isCanceled(), m.getCancelReason());
        String summary = (String) m.getOutput("summary");
        assertTrue(summary.contains("on OpenCL on opencl:0 " + device.name()), summary);
        Reconstructor.run(new ReconstructSettings(star, dir.resolve("cpu.mrc"), "D2", true, 2, Double.NaN, Double.NaN, 2, false));
        float[] a = MrcFile.read(dir.resolve("cpu.mrc")).data(), b = MrcFile.read(dir.resolve("gpu.mrc")).data();
        double dot = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) { dot += a[k] * b[k]; aa += a[k] * a[k]; bb += b[k] * b[k]; }
        assertTrue(dot / Math.sqrt(aa * bb) > 0.99999, "map correlation " + dot / Math.sqrt(aa * bb));
    }

    @Test
    void rejectsBadInputNamingTheOption() throws Exception {
        FloatVolume truth = Phantoms.d2(BOX, ANGPIX);
        Path star = SimulatedParticles.write(dir, truth, 4, 0.0, 6);
        File out = dir.resolve("out.mrc").toFile();
        assertCanceledNaming(run("i", dir.resolve("nope.star").toFile(), "o", out), "--i", "nope.star");
        assertCanceledNaming(run("i", star.toFile()), "'o'"); // SciJava checks required inputs first
        assertCanceledNaming(run("i", star.toFile(), "o", out, "pad", 0), "--pad", "0");
        assertCanceledNaming(run("i", star.toFile(), "o", out, "j", 0), "--j");
        assertCanceledNaming(run("i", star.toFile(), "o", out, "maxres", -5.0), "--maxres");
        assertCanceledNaming(run("i", star.toFile(), "o", out, "sym", "X7"), "X7");
        assertFalse(out.exists(), "no map after a failure");

        Path notParticles = dir.resolve("model.star");
        Files.writeString(notParticles, "data_model_general\n\n_rlnCurrentResolution 4.5\n");
        assertCanceledNaming(run("i", notParticles.toFile(), "o", out), "model.star");

        Files.writeString(out.toPath(), "keep me");
        assertCanceledNaming(run("i", star.toFile(), "o", out), "out.mrc");
        assertEquals("keep me", Files.readString(out.toPath()));
    }
}
