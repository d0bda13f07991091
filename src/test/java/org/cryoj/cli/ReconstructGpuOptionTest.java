package org.cryoj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.gpu.GpuDetector;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.SimulatedParticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code --gpu ""} runs everywhere: on a machine without a usable GPU it says so once and uses the CPU. */
class ReconstructGpuOptionTest {
    @TempDir Path dir;

    @Test
    void gpuRequestFallsBackToCpuWithOneLine() throws Exception {
        Path star = SimulatedParticles.write(dir, Phantoms.d2(32, 3.54), 60, 0.0, 3);
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("reconstruct", "--i", star.toString(), "--o", dir.resolve("m.mrc").toString(), "--gpu", "");
        assertEquals(0, rc, err.toString());
        assertTrue(Files.exists(dir.resolve("m.mrc")));
        String text = out.toString();
        long computeLines = text.lines().filter(l -> l.startsWith("Compute:")).count();
        assertEquals(1, computeLines, text);
        if (GpuDetector.status().gpus().isEmpty()) {
            System.out.println("no GPU here (" + GpuDetector.status().reason() + "): checking the CPU fallback line");
            assertTrue(text.contains("using the CPU backend"), text);
        }
    }
}
