package org.cryoj.ui;

import static org.cryoj.ui.CommandRunner.assertCanceledNaming;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.SimulatedParticles;
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

    @Test
    void runsAnIterationAndWritesRelionsFiles() throws Exception {
        FloatVolume truth = Phantoms.d2(32, 3.54);
        Path star = SimulatedParticles.write(dir, truth, 40, 0.0, 3);
        Path ref = dir.resolve("ref.mrc");
        MrcFile.write(ref, FourierFilters.lowPass(truth, 40, 3.54, FourierFilters.DEFAULT_EDGE_WIDTH), MrcMode.FLOAT32, false);
        Path root = dir.resolve("Refine3D/job019/run");
        CommandModule m = runner.run(AutoRefineCommand.class, "i", star.toFile(), "o", root.toFile(), "ref", ref.toFile(),
                "ini_high", 40.0, "sym", "D2", "particle_diameter", 100.0, "j", 2, "max_iter", 1);
        assertFalse(m.isCanceled(), m.getCancelReason());
        assertTrue(((String) m.getOutput("summary")).contains("stopped after 1 iterations"), (String) m.getOutput("summary"));
        for (String f : new String[] {"run_it001_half1_model.star", "run_it001_half2_class001.mrc", "run_it001_data.star",
                "run_it001_optimiser.star", "run.out"})
            assertTrue(Files.exists(dir.resolve("Refine3D/job019/" + f)), f);
        assertTrue(Files.readString(dir.resolve("Refine3D/job019/run.out")).contains("Auto-refine:"));
        assertTrue(Files.size(dir.resolve("Refine3D/job019/run_iterations.png")) > 1000, "iteration plot written");
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
}
