package org.cryoj.ui;

import static org.cryoj.ui.CommandRunner.assertCanceledNaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.cryoj.extract.ExtractSettings;
import org.cryoj.extract.ParticleExtractor;
import org.cryoj.extract.ProgressListener;
import org.cryoj.extract.SimulatedProject;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.map.Phantoms;
import org.cryoj.ui.command.ReextractParticlesCommand;
import org.cryoj.ui.command.ShowFscCommand;
import org.cryoj.ui.command.ShowMapCommand;
import org.cryoj.ui.view.FscCurve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;

/**
 * Re-extract Particles, Show Map and Mask and Show FSC run headless through CommandService, as
 * Fiji and scripts run them: outputs equal the library's, progress and cancel reach SciJava, and
 * bad input cancels the command with a reason naming the option and file.
 */
class ExtractViewCommandsTest {
    private static final int BOX = 128, SCALE = 64, BG = 24;
    private static CommandRunner runner;

    @TempDir Path dir;

    @BeforeAll
    static void startContext() { runner = new CommandRunner(); }

    @AfterAll
    static void stopContext() { runner.close(); }

    private static CommandModule run(Class<? extends Command> c, Object... kv) throws Exception {
        return runner.run(c, kv);
    }


    private Object[] extractInputs(String out, Object... more) {
        Object[] base = {"project_dir", dir.toFile(), "i", new File(SimulatedProject.MICS_STAR),
                "reextract_data_star", new File(SimulatedProject.DATA_STAR), "o", new File(out),
                "extract_size", BOX, "scale", SCALE, "bg_radius", BG, "recenter", true, "j", 1};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Status events arrive on the event thread, later than the work they report. */
    public static final class ProgressEvents {
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final CountDownLatch last = new CountDownLatch(1);

        @EventHandler
        public void onStatus(StatusEvent e) {
            if (e.getProgressMaximum() == 2) {
                seen.add(e.getProgressValue() + "/" + e.getProgressMaximum());
                if (e.getProgressValue() == 2) last.countDown();
            }
        }
    }

    @Test
    void reextractWritesWhatTheExtractorWritesAndReportsProgress() throws Exception {
        new SimulatedProject(dir);
        ProgressEvents events = new ProgressEvents();
        runner.context().getService(EventService.class).subscribe(events);
        CommandModule m = run(ReextractParticlesCommand.class, extractInputs("Extract/job018/"));
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(dir.resolve("Extract/job018/particles.star").toFile(), m.getOutput("written"));
        assertTrue(((String) m.getOutput("summary")).contains("24 particles from 2 micrographs"), (String) m.getOutput("summary"));
        assertTrue(events.last.await(5, TimeUnit.SECONDS), "no progress event 2/2; seen " + events.seen);
        assertTrue(events.seen.containsAll(List.of("0/2", "1/2", "2/2")), "progress events " + events.seen);

        // the same settings through the library
        ExtractSettings s = new ExtractSettings(BOX, SCALE, true, true, BG, -1, -1, true, false,
                true, 0, 0, 0, -1, false, 1, false);
        new ParticleExtractor(dir, s).run(dir.resolve(SimulatedProject.MICS_STAR),
                dir.resolve(SimulatedProject.DATA_STAR), "Extract/job019/", Path.of("Extract/job019/particles.star"),
                ProgressListener.NONE);
        for (int mic = 1; mic <= 2; mic++) {
            FloatVolume got = MrcFile.read(dir.resolve("Extract/job018/Movies/mic" + mic + ".mrcs"));
            FloatVolume want = MrcFile.read(dir.resolve("Extract/job019/Movies/mic" + mic + ".mrcs"));
            assertEquals(SCALE, got.nx());
            assertEquals(12, got.nz());
            assertArrayEquals(want.data(), got.data(), "stack of micrograph " + mic);
        }
        StarTable got = StarFile.read(dir.resolve("Extract/job018/particles.star")).block("particles").table();
        StarTable want = StarFile.read(dir.resolve("Extract/job019/particles.star")).block("particles").table();
        assertEquals(want.rowCount(), got.rowCount());
        for (int r = 0; r < got.rowCount(); r++) {
            assertEquals(want.getString(r, "rlnImageName").replace("job019", "job018"), got.getString(r, "rlnImageName"));
            assertEquals(want.getDouble(r, "rlnOriginXAngst"), got.getDouble(r, "rlnOriginXAngst"), 0);
        }
    }

    /**
     * Cancelled once the first micrograph is written (the debug log line comes synchronously from
     * the worker, so the cancel lands before the second micrograph starts): no particles STAR,
     * the first stack complete, no stack for the second micrograph and no temporary files.
     */
    @Test
    void reextractCancelledMidwayLeavesNoHalfWrittenOutput() throws Exception {
        new SimulatedProject(dir);
        ModuleService modules = runner.context().getService(ModuleService.class);
        LogService log = runner.context().getService(LogService.class);
        CommandInfo info = runner.commands().getCommand(ReextractParticlesCommand.class);
        CommandModule m = (CommandModule) modules.createModule(info);
        org.scijava.log.LogListener stopper = msg -> {
            if (msg.text().contains("Re-extract Particles: 1/2 micrographs")) m.cancel("stopped by the test");
        };
        int level = log.getLevel();
        log.setLevel(LogLevel.DEBUG);
        log.addLogListener(stopper);
        try {
            modules.run(m, true, CommandRunner.inputs(extractInputs("Extract/job021/"))).get();
        } finally {
            log.removeLogListener(stopper);
            log.setLevel(level);
        }
        assertTrue(m.isCanceled());
        assertEquals("stopped by the test", m.getCancelReason());
        Path out = dir.resolve("Extract/job021");
        assertFalse(Files.exists(out.resolve("particles.star")), "no STAR file after a cancel");
        FloatVolume first = MrcFile.read(out.resolve("Movies/mic1.mrcs"));
        assertEquals(12, first.nz(), "the stack written before the cancel is complete");
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of("Movies/mic1.mrcs"), files.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void reextractRejectsAnOddBox() throws Exception {
        new SimulatedProject(dir);
        CommandModule m = run(ReextractParticlesCommand.class, extractInputs("Extract/job022/", "extract_size", 63));
        assertCanceledNaming(m, "--extract_size", "63");
        assertFalse(Files.exists(dir.resolve("Extract/job022")));
    }

    @Test
    void reextractRejectsAMissingParticlesFile() throws Exception {
        new SimulatedProject(dir);
        CommandModule m = run(ReextractParticlesCommand.class, extractInputs("Extract/job023/",
                "reextract_data_star", new File("Refine3D/job010/nope_data.star")));
        assertCanceledNaming(m, "--reextract_data_star", "nope_data.star");
    }

    @Test
    void reextractKeepsExistingOutputsUnlessForced() throws Exception {
        new SimulatedProject(dir);
        Path star = Files.createDirectories(dir.resolve("Extract/job024")).resolve("particles.star");
        Files.writeString(star, "keep me");
        CommandModule m = run(ReextractParticlesCommand.class, extractInputs("Extract/job024/"));
        assertCanceledNaming(m, "particles.star");
        assertEquals("keep me", Files.readString(star));
    }

    /**
     * No project folder given (Fiji runs elsewhere): the project is the folder above the micrograph
     * STAR file that holds its first micrograph, and the particles STAR and the output are relative to it.
     */
    @Test
    void reextractFindsTheProjectFromTheMicrographStar() throws Exception {
        new SimulatedProject(dir);
        CommandModule m = run(ReextractParticlesCommand.class, "i", dir.resolve(SimulatedProject.MICS_STAR).toFile(),
                "reextract_data_star", new File(SimulatedProject.DATA_STAR), "o", new File("Extract/job025/"),
                "extract_size", BOX, "scale", SCALE, "bg_radius", BG, "j", 1);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(24, StarFile.read(dir.resolve("Extract/job025/particles.star")).block("particles").table().rowCount());
        assertEquals(12, MrcFile.readHeader(dir.resolve("Extract/job025/Movies/mic2.mrcs")).nz());

        Path elsewhere = Files.createDirectories(dir.resolve("MotionCorr"));
        assertCanceledNaming(run(ReextractParticlesCommand.class, extractInputs("Extract/job026/", "project_dir", elsewhere.toFile(),
                "i", dir.resolve(SimulatedProject.MICS_STAR).toFile())),
                "--project_dir", "micrographs_ctf.star", SimulatedProject.micName(1), elsewhere.toString());
        assertFalse(Files.exists(dir.resolve("Extract/job026")));
    }

    private Path phantom(String name, int box) throws Exception {
        Path p = dir.resolve(name);
        MrcFile.write(p, Phantoms.d2(box, 3.54), MrcMode.FLOAT32, false);
        return p;
    }

    @Test
    void showMapHeadlessBuildsTheImageJImage() throws Exception {
        Path map = phantom("map.mrc", 32);
        Path mask = dir.resolve("mask.mrc");
        MrcFile.write(mask, FloatVolume.zeros(32, 32, 32, 3.54), MrcMode.FLOAT32, false);
        for (String backend : List.of("Auto", "BigDataViewer", "3D Viewer", "ImageJ")) {
            CommandModule m = run(ShowMapCommand.class, "i", map.toFile(), "mask", mask.toFile(), "backend", backend,
                    "iso_threshold", 0.02);
            assertFalse(m.isCanceled(), m.getCancelReason());
            assertEquals("ImageJ hyperstack", m.getOutput("viewer"), backend);
            assertTrue(((String) m.getOutput("summary")).contains("headless"), (String) m.getOutput("summary"));
        }
        CommandModule noMask = run(ShowMapCommand.class, "i", map.toFile());
        assertFalse(noMask.isCanceled(), noMask.getCancelReason());
    }

    /** The central slices as a PNG, for macros run without a screen; an existing PNG is kept unless forced. */
    @Test
    void showMapSavesTheCentralSlices() throws Exception {
        Path map = phantom("map.mrc", 32);
        Path png = dir.resolve("slices.png");
        CommandModule m = run(ShowMapCommand.class, "i", map.toFile(), "backend", "ImageJ", "o", png.toFile());
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertTrue(((String) m.getOutput("summary")).contains("slices " + png), (String) m.getOutput("summary"));
        assertNonUniformImage(png);
        assertCanceledNaming(run(ShowMapCommand.class, "i", map.toFile(), "o", png.toFile()), "slices.png");
        assertFalse(run(ShowMapCommand.class, "i", map.toFile(), "o", png.toFile(), "force", true).isCanceled());
    }

    @Test
    void showMapRejectsAMaskOfAnotherBoxAndAnUnknownViewer() throws Exception {
        Path map = phantom("map.mrc", 32), small = phantom("small.mrc", 24);
        assertCanceledNaming(run(ShowMapCommand.class, "i", map.toFile(), "mask", small.toFile()), "--mask");
        assertCanceledNaming(run(ShowMapCommand.class, "i", map.toFile(), "backend", "Chimera"), "--backend", "Chimera");
        assertCanceledNaming(run(ShowMapCommand.class, "i", dir.resolve("nope.mrc").toFile()), "--i", "nope.mrc");
    }

    /** Phantom plus independent Gaussian noise of standard deviation sigma times the phantom's. */
    private Path noisyHalf(String name, FloatVolume truth, double sigma, long seed) throws Exception {
        double sd = org.cryoj.image.ImageStatistics.of(truth.data()).stddev();
        float[] d = truth.data().clone();
        Random r = new Random(seed);
        for (int k = 0; k < d.length; k++) d[k] += (float) (sigma * sd * r.nextGaussian());
        Path p = dir.resolve(name);
        MrcFile.write(p, new FloatVolume(truth.nx(), truth.ny(), truth.nz(), d, truth.pixelSize()), MrcMode.FLOAT32, true);
        return p;
    }

    @Test
    void fscOfNoisyHalfMapsFallsWithTheNoiseAndIsSavedAsAPng() throws Exception {
        FloatVolume truth = Phantoms.d2(48, 3.54);
        double previous = 0;
        for (double sigma : new double[] {0.5, 2.0}) {
            Path h1 = noisyHalf("half1.mrc", truth, sigma, 1), h2 = noisyHalf("half2.mrc", truth, sigma, 2);
            CommandModule m = run(ShowFscCommand.class, "i", h1.toFile(), "i2", h2.toFile(), "force", true);
            assertFalse(m.isCanceled(), m.getCancelReason());
            double res = (Double) m.getOutput("resolution");
            double[] fsc = ((FscCurve) m.getOutput("curve")).fsc();
            System.out.printf("Show FSC: noise %.1f x map stddev -> %.2f A at 0.143 (Nyquist %.2f A)%n", sigma, res, 2 * 3.54);
            assertTrue(Double.isFinite(res) && res > 2 * 3.54 && res < 48 * 3.54, "resolution " + res);
            for (int s = 1; s <= 2; s++) assertTrue(fsc[s] > 0.9, "FSC at shell " + s + " is " + fsc[s]);
            assertTrue(res > previous, "more noise must give a worse resolution: " + res + " after " + previous);
            previous = res;
            Path png = dir.resolve("half1_fsc.png");
            assertEquals(png.toFile(), m.getOutput("png"));
            assertNonUniformImage(png);
        }
    }

    private static void assertNonUniformImage(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable PNG");
        Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 3, "the PNG looks uniform: " + colours.size() + " colours");
    }

    @Test
    void identicalMapsCorrelatePerfectlyEvenMasked() throws Exception {
        Path a = phantom("a.mrc", 32), b = phantom("b.mrc", 32);
        Path mask = dir.resolve("mask.mrc");
        FloatVolume ball = FloatVolume.zeros(32, 32, 32, 3.54);
        for (int z = 0; z < 32; z++) for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++)
            if (Math.hypot(Math.hypot(x - 16, y - 16), z - 16) < 12) ball.set(x, y, z, 1);
        MrcFile.write(mask, ball, MrcMode.FLOAT32, false);
        Path png = dir.resolve("out/fsc.png");
        Files.createDirectories(png.getParent());
        CommandModule m = run(ShowFscCommand.class, "i", a.toFile(), "i2", b.toFile(), "mask", mask.toFile(),
                "o", png.toFile());
        assertFalse(m.isCanceled(), m.getCancelReason());
        for (double v : ((FscCurve) m.getOutput("curve")).fsc()) assertEquals(1, v, 1e-6);
        // never below 0.143: limited by Nyquist, the last shell at 16 / (32 * 3.54) 1/A
        assertEquals(2 * 3.54, (Double) m.getOutput("resolution"), 1e-5); // header pixel size is a float
        assertNonUniformImage(png);
    }

    @Test
    void readsTheCurveRelionWroteInPostprocessStar() throws Exception {
        // linear FSC 1 - 4 f: crosses 0.143 at f = 0.857 / 4 exactly, so interpolation is exact
        StringBuilder sb = new StringBuilder("\n# version 30001\n\ndata_general\n\n_rlnFinalResolution 4.666\n\n"
                + "# version 30001\n\ndata_fsc\n\nloop_\n_rlnSpectralIndex #1\n_rlnResolution #2\n"
                + "_rlnAngstromResolution #3\n_rlnFourierShellCorrelationCorrected #4\n");
        for (int s = 0; s <= 10; s++) {
            double f = 0.025 * s;
            sb.append(String.format(java.util.Locale.ROOT, "%d %.6f %.6f %.6f%n", s, f, s == 0 ? 999.0 : 1 / f, 1 - 4 * f));
        }
        Path star = dir.resolve("postprocess.star");
        Files.writeString(star, sb.toString());
        CommandModule m = run(ShowFscCommand.class, "fsc_star", star.toFile());
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertEquals(4 / 0.857, (Double) m.getOutput("resolution"), 1e-4);
        assertNonUniformImage(dir.resolve("postprocess_fsc.png"));
    }

    @Test
    void showFscRejectsBadInputWithTheOptionName() throws Exception {
        Path a = phantom("a.mrc", 32), b = phantom("b.mrc", 32), small = phantom("small.mrc", 24);
        assertCanceledNaming(run(ShowFscCommand.class, "i", a.toFile(), "i2", b.toFile(), "mask", small.toFile()),
                "--mask", "24x24x24", "32x32x32");
        assertCanceledNaming(run(ShowFscCommand.class, "i", a.toFile(), "i2", small.toFile()), "--i2", "24x24x24");
        assertCanceledNaming(run(ShowFscCommand.class, "i", dir.resolve("nope.mrc").toFile(), "i2", b.toFile()),
                "--i", "nope.mrc");
        assertCanceledNaming(run(ShowFscCommand.class), "--fsc_star", "none");
        Path notFsc = dir.resolve("run_data.star");
        Files.writeString(notFsc, "data_particles\n\nloop_\n_rlnCoordinateX #1\n1.0\n");
        assertCanceledNaming(run(ShowFscCommand.class, "fsc_star", notFsc.toFile()), "run_data.star", "data_fsc");
        assertFalse(Files.exists(dir.resolve("a_fsc.png")), "no PNG after a failure");
    }
}
