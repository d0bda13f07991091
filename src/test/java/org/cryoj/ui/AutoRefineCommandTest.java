package org.cryoj.ui;

import static org.cryoj.ui.CommandRunner.assertCanceledNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.gpu.GpuDevice;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.testutil.OpenClTestDevice;
import org.cryoj.ui.command.AutoRefineCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

/** 3D Auto-refine... headless through CommandService: the same engine as ./cryoj refine, errors as cancel reasons. */
class AutoRefineCommandTest {
    private static CommandRunner runner;

    @TempDir Path dir;

    @BeforeAll
    static void startContext() { runner = new CommandRunner(); }

    @AfterAll
    static void stopContext() { runner.close(); }

    /**
     * A RELION project as the tutorial leaves it: particles.star two levels below the project, image
     * names relative to the project, no project folder given (found from the STAR file), and the
     * output rootname relative to the project.
     */
    @Test
    void runsAnIterationAndWritesRelionsFiles() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        Path star = relativeImageNames(SimulatedParticles.write(Files.createDirectories(dir.resolve("Extract/job018")), truth, 40, 0.0, 3));
        Path ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
        Files.createDirectories(dir.resolve("Refine3D/job019"));
        CommandModule m = runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", new File("Refine3D/job019/run"),
                "ref", new File("ref.mrc"), "ini_high", 40.0, "sym", "D2", "particle_diameter", 100.0, "j", 2, "max_iter", 1);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertTrue(((String) m.getOutput("summary")).contains("stopped after 1 iterations"), (String) m.getOutput("summary"));
        // in Å: no finer than Nyquist (2 x 3.54 Å), no coarser than the box
        double resolution = (Double) m.getOutput("resolution");
        assertTrue(resolution >= 2 * 3.54 && resolution <= 32 * 3.54, "resolution " + resolution + " A");
        for (String f : new String[] {"run_it001_half1_model.star", "run_it001_half2_class001.mrc", "run_it001_data.star",
                "run_it001_optimiser.star", "run.out"})
            assertTrue(Files.exists(dir.resolve("Refine3D/job019/" + f)), f);
        assertTrue(Files.readString(dir.resolve("Refine3D/job019/run.out")).contains("Auto-refine:"));
        assertTrue(Files.size(dir.resolve("Refine3D/job019/run_iterations.png")) > 1000, "iteration plot written");
    }

    /**
     * "Search and sample exactly as RELION does?" is --exhaustive_search: a global search at HEALPix order 3 is scouted on a
     * grid one order coarser without it, and scores every orientation with it (the log of iteration 2 says which).
     */
    @Test
    void exhaustiveSearchSwitchGivesRelionsSearch() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        Path star = SimulatedParticles.write(Files.createDirectories(dir.resolve("exhaustive")), truth, 20, 0.0, 3);
        Path ref = dir.resolve("exhaustive/ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
        for (boolean exhaustive : new boolean[] {false, true}) {
            Path root = dir.resolve("exhaustive/" + exhaustive + "/run");
            Files.createDirectories(root.getParent());
            CommandModule m = runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", root.toFile(), "ref", ref.toFile(),
                    "ini_high", 40.0, "sym", "D2", "particle_diameter", 100.0, "healpix_order", 3, "j", 1, "max_iter", 2,
                    "exhaustive_search", exhaustive);
            assertFalse(m.isCanceled(), m.getCancelReason());
            String log = Files.readString(Path.of(root + ".out"));
            assertTrue(log.contains("Iteration 2: current size"), log);
            assertEquals(!exhaustive, log.contains("scouted at HEALPix order 2"), "exhaustive " + exhaustive + ":\n" + log);
        }
    }

    /**
     * The Compute tab's fields are relion_refine's options: "Skip padding? Yes" is --pad 1 whether the menu's
     * choice or a macro's pad=1 (given here as a script would, an int) says so; not pre-reading changes how the
     * images are read, not what comes out. One thread, so that the sums are added in the same order.
     */
    @Test
    void computeTabOptionsActAsTheirRelionOptions() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        Path star = SimulatedParticles.write(dir, truth, 20, 0.0, 3);
        Path ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
        Object[][] runs = {{"menu", "Yes (--pad 1)", false, 5}, {"macro", 1, true, 3}, {"padded", "No (--pad 2)", true, 3}};
        for (Object[] r : runs) {
            CommandModule m = runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", dir.resolve(r[0] + "/run").toFile(),
                    "ref", ref.toFile(), "ini_high", 40.0, "sym", "D2", "particle_diameter", 100.0, "j", 1, "max_iter", 1,
                    "pad", r[1], "preread_images", r[2], "pool", r[3]);
            assertFalse(m.isCanceled(), r[0] + ": " + m.getCancelReason());
        }
        for (String run : new String[] {"menu", "macro", "padded"}) {
            StarTable general = StarFile.read(dir.resolve(run + "/run_it001_half1_model.star")).block("model_general").table();
            assertEquals(run.equals("padded") ? 2.0 : 1.0, general.getDouble(0, "rlnPaddingFactor"), run);
        }
        for (String f : new String[] {"run_it001_half1_class001.mrc", "run_it001_half2_class001.mrc"}) {
            assertArrayEquals(MrcFile.read(dir.resolve("menu/" + f)).data(), MrcFile.read(dir.resolve("macro/" + f)).data(), f);
            assertFalse(Arrays.equals(MrcFile.read(dir.resolve("menu/" + f)).data(), MrcFile.read(dir.resolve("padded/" + f)).data()),
                    f + ": --pad 1 and --pad 2 differ");
        }
        assertEquals(Files.readString(dir.resolve("menu/run_it001_data.star")).replace("menu/", ""),
                Files.readString(dir.resolve("macro/run_it001_data.star")).replace("macro/", ""));
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", dir.resolve("bad/run").toFile(),
                "ref", ref.toFile(), "pad", "3"), "--pad (Skip padding?)", "'3'");
    }

    /** "Use GPU acceleration?" with opencl:0 runs the scores there (PoCL's CPU device in CI), and run.out says so. */
    @Test
    void computeTabRunsOnTheNamedOpenClDevice() throws Exception {
        GpuDevice device = OpenClTestDevice.require();
        FloatVolume truth = Phantoms.d2(32, 3.54);
        Path star = SimulatedParticles.write(dir, truth, 20, 0.0, 3);
        Path ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
        CommandModule m = runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", dir.resolve("run").toFile(), "ref", ref.toFile(),
                "ini_high", 40.0, "sym", "D2", "particle_diameter", 100.0, "j", 2, "max_iter", 1, "use_gpu", true, "gpu", "opencl:0");
        assertFalse(m.isCanceled(), m.getCancelReason());
        String out = Files.readString(dir.resolve("run.out"));
        assertTrue(out.contains("Expectation backend: OpenCL on opencl:0 " + device.name()), out);
    }

    @Test
    void badInputCancelsWithAReason() throws Exception {
        Path star = SimulatedParticles.write(dir, Phantoms.d2(32, 3.54), 10, 0.0, 3);
        Path small = dir.resolve("small.mrc");
        MrcFile.write(small, Phantoms.d2(16, 7.08), MrcMode.FLOAT32, false);
        Path root = dir.resolve("run");
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", root.toFile(),
                "ref", dir.resolve("nope.mrc").toFile(), "ini_high", 40.0), "--ref", "nope.mrc");
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", root.toFile(),
                "ref", small.toFile(), "ini_high", 40.0), "--ref must be a 32^3 map", "image_handler");
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", root.toFile(),
                "ref", small.toFile(), "ini_high", 40.0, "sym", "Q7"), "Q7");
        assertFalse(Files.exists(dir.resolve("run_it000_optimiser.star")), "nothing written on bad input");
    }

    /** A wrong or missing project folder is a one-line reason naming the field, the STAR file and the image. */
    @Test
    void aBadProjectFolderCancelsWithAReason() throws Exception {
        Path star = relativeImageNames(SimulatedParticles.write(Files.createDirectories(dir.resolve("Extract/job018")),
                Phantoms.d2(32, 3.54), 10, 0.0, 3));
        Path ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, Phantoms.d2(32, 3.54), MrcMode.FLOAT32, false);
        String image = "000001@Extract/job018/particles.mrcs";
        Path nowhere = dir.resolve("no such project");
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "project_dir", nowhere.toFile(), "i", star.toFile(),
                "o", dir.resolve("run").toFile(), "ref", ref.toFile()), "--project_dir", "no such folder", nowhere.toString());
        Path other = Files.createDirectories(dir.resolve("Extract"));
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "project_dir", other.toFile(), "i", star.toFile(),
                "o", dir.resolve("run").toFile(), "ref", ref.toFile()), "--project_dir", star.toString(), image, other.toString());
        // moved out of its project: no folder above the STAR file holds its images
        Path moved = Files.copy(star, Files.createDirectories(dir.resolve("Extract/job018/copies/a")).resolve("particles.star"));
        Files.move(dir.resolve("Extract/job018/particles.mrcs"), dir.resolve("Extract/job018/copies/particles.mrcs"));
        assertCanceledNaming(runner.run(AutoRefineCommand.class, "i", moved.toFile(), "o", dir.resolve("run").toFile(),
                "ref", ref.toFile()), "--project_dir", moved.toString(), image, "any folder above it");
        assertFalse(Files.exists(dir.resolve("run.out")), "nothing written on bad input");
    }

    /** The STAR file with its image names made relative to the project folder {@code dir}, as RELION writes them. */
    private Path relativeImageNames(Path star) throws Exception {
        String prefix = dir.toAbsolutePath() + "/";
        Files.writeString(star, Files.readString(star).replace(prefix, ""));
        return star;
    }
}
