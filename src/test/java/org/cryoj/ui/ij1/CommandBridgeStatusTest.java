package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.extract.SimulatedProject;
import org.cryoj.ui.command.ReextractParticlesCommand;
import org.cryoj.ui.ij1.CommandBridge.CommandFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandInfo;

/**
 * The ImageJ 1 bridge around a real command (Re-extract Particles on a simulated project), with
 * a fake ImageJ 1 that records the status bar and presses Esc.
 */
class CommandBridgeStatusTest {
    @TempDir Path dir;

    private Map<String, Object> inputs(String out) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("project_dir", dir.toFile());
        in.put("i", new File(SimulatedProject.MICS_STAR));
        in.put("reextract_data_star", new File(SimulatedProject.DATA_STAR));
        in.put("o", new File(out));
        in.put("extract_size", 128);
        in.put("scale", 64);
        return in;
    }

    @Test
    void statusEventsReachTheImageJ1StatusBar() throws Exception {
        new SimulatedProject(dir);
        FakeImageJ1 ui = new FakeImageJ1();
        CommandInfo info = CommandBridge.info(ReextractParticlesCommand.class);
        String summary = CommandBridge.run(info, inputs("Extract/job030/"), ui);
        assertTrue(summary.contains("24 particles from 2 micrographs"), summary);
        assertEquals(1, ui.resets, "the Esc flag is reset when the command starts");
        // events come later on pool threads; the first is published before any micrograph is read
        assertTrue(ui.statuses.stream().anyMatch(s -> s.startsWith("Re-extract Particles: ")), "status " + ui.statuses);
        assertTrue(ui.progress.contains("0/2"), "progress " + ui.progress);
        // the command's log lines go to ImageJ's Log window, the summary once
        assertEquals(1, ui.log.stream().filter(summary::equals).count(), "Log window: " + ui.log);
    }

    /** A failure is reported by the plugin (IJ.error), not also as a Log line. */
    @Test
    void errorsStayOutOfTheLogWindow() throws Exception {
        FakeImageJ1 ui = new FakeImageJ1();
        CommandInfo info = CommandBridge.info(ReextractParticlesCommand.class);
        CommandFailedException e = assertThrows(CommandFailedException.class, () -> CommandBridge.run(info, inputs("Extract/job032/"), ui));
        assertTrue(e.getMessage().contains("micrographs_ctf.star"), e.getMessage());
        assertEquals(List.of(), ui.log);
    }

    /**
     * Esc held down from the start (the fake's flag cannot be reset): the watcher's first poll
     * cancels the command before its first micrograph is done, so no particles STAR is written.
     */
    @Test
    void escCancelsTheRunningCommand() throws Exception {
        new SimulatedProject(dir);
        FakeImageJ1 ui = new FakeImageJ1();
        ui.escape = true;
        ui.resettable = false;
        CommandInfo info = CommandBridge.info(ReextractParticlesCommand.class);
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> CommandBridge.run(info, inputs("Extract/job031/"), ui));
        assertEquals("cancelled with Esc", e.getMessage());
        assertFalse(Files.exists(dir.resolve("Extract/job031/particles.star")));
    }
}
