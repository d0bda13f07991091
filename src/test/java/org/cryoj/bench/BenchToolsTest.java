package org.cryoj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;

/** The helpers whose numbers the benchmark tables print, on inputs with known answers. */
class BenchToolsTest {
    @TempDir Path dir;

    private static final String HEADER = "\ndata_particles\n\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n_rlnImageName #3\n";

    @Test
    void comparesParticlesRowByRow() throws Exception {
        // B's first image is an affine copy of A's (correlation exactly 1, difference 2a + 1),
        // its second is A's with one pixel raised by 0.75; one coordinate is off by 1.5
        int size = 8, px = size * size;
        float[] a = new float[2 * px], b = new float[2 * px];
        Random r = new Random(3);
        double maxAffine = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = i < px ? 3 * a[i] + 1 : a[i];
            if (i < px) maxAffine = Math.max(maxAffine, Math.abs(b[i] - a[i]));
        }
        b[px + 5] += 0.75f;
        Files.createDirectories(dir.resolve("A"));
        Files.createDirectories(dir.resolve("B"));
        MrcFile.writeStack(dir.resolve("A/s.mrcs"), new FloatVolume(size, size, 2, a, 1), MrcMode.FLOAT32, false);
        MrcFile.writeStack(dir.resolve("B/s.mrcs"), new FloatVolume(size, size, 2, b, 1), MrcMode.FLOAT32, false);
        Files.writeString(dir.resolve("a.star"), HEADER + "10 20 000001@A/s.mrcs\n30 40 000002@A/s.mrcs\n");
        Files.writeString(dir.resolve("b.star"), HEADER + "10 20 000001@B/s.mrcs\n31.5 40 000002@B/s.mrcs\n");

        CompareOutputs.Particles c = CompareOutputs.compareParticles(dir, dir.resolve("a.star"), dir.resolve("b.star"));
        assertEquals(2, c.count());
        assertEquals(Math.max(maxAffine, 0.75), c.maxDifference(), 1e-6);
        assertEquals(1.5, c.maxCoordinateDifference(), 0);
        assertTrue(c.lowestCorrelation() < 1 - 1e-4 && c.lowestCorrelation() > 0.9, "one raised pixel: " + c.lowestCorrelation());

        Files.writeString(dir.resolve("short.star"), HEADER + "10 20 000001@B/s.mrcs\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareOutputs.compareParticles(dir, dir.resolve("a.star"), dir.resolve("short.star")));
        assertTrue(e.getMessage().contains("short.star has 1"), e.getMessage());
    }

    @Test
    void scalingCsvKeepsNaAsMissingAndNamesTheBadLine() throws Exception {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, "tool,particles,box,angpix,seconds_per_iteration\ncryoj,1000,64,3.54,8.5\nrelion,1000,128,1.77,NA\n");
        List<ScalingPlot.Row> rows = ScalingPlot.read(csv);
        assertEquals(new ScalingPlot.Row("cryoj", 1000, 64, 8.5), rows.get(0));
        assertTrue(Double.isNaN(rows.get(1).seconds()));

        Files.writeString(csv, "tool,particles,box,angpix,seconds_per_iteration\ncryoj,1000,64,3.54,8.5\ncryoj,many,64,3.54,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScalingPlot.read(csv));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
