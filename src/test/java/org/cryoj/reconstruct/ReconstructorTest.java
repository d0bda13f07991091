package org.cryoj.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.cryoj.cli.ReconstructCommand;
import org.cryoj.fourier.Fsc;
import org.cryoj.fourier.FscCurve;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.map.Phantoms;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReconstructorTest {

    @Test
    void fscAgainstTruthIsAtLeastRelionReconstructs(@TempDir Path dir) throws Exception {
        ExternalTools.require("relion_reconstruct");
        FloatVolume truth = Phantoms.d2(64, 3.54);
        Path star = SimulatedParticles.write(dir, truth, 1500, 0.5 * stddev(truth) * 8, 11);

        long t0 = System.nanoTime();
        ExternalTools.runOk(dir, 300, "relion_reconstruct", "--i", star.toString(), "--o", "relion.mrc",
                "--ctf", "--sym", "D2", "--pad", "2");
        double relionSeconds = (System.nanoTime() - t0) / 1e9;

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReconstructCommand());
        cli.setOut(new PrintWriter(out));
        long t1 = System.nanoTime();
        int rc = cli.execute("--i", star.toString(), "--o", dir.resolve("ours.mrc").toString(),
                "--ctf", "--sym", "D2", "--pad", "2", "--j", "2");
        double ourSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, rc, out.toString());

        FloatVolume relion = MrcFile.read(dir.resolve("relion.mrc"));
        FloatVolume ours = MrcFile.read(dir.resolve("ours.mrc"));
        assertEquals(3.54, ours.pixelSize(), 1e-4);
        FscCurve fr = Fsc.of(truth, relion), fo = Fsc.of(truth, ours);
        StringBuilder table = new StringBuilder("shell  resolution  FSC(relion)  FSC(cryoj)\n");
        for (int s = 1; s < fo.shells(); s++)
            table.append(String.format("%5d  %9.2f  %10.4f  %10.4f%n", s, fo.resolution(s), fr.fsc()[s], fo.fsc()[s]));
        System.out.print(table);
        System.out.printf("relion_reconstruct %.2f s, cryoj reconstruct (--j 2) %.2f s%n", relionSeconds, ourSeconds);
        for (int s = 1; s < fo.shells(); s++)
            assertTrue(fo.fsc()[s] >= fr.fsc()[s] - 0.02, "shell " + s + "\n" + table);
    }

    private static double stddev(FloatVolume v) {
        double s = 0, s2 = 0;
        for (float x : v.data()) { s += x; s2 += x * x; }
        int n = v.data().length;
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }
}
