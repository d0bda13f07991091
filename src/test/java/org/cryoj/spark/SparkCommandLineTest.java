package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.io.mrc.MrcFile;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.testutil.CryoJRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --spark on the command line: reconstruct with --spark local[2] and 3 partitions writes the map
 * of reconstruct --j 3, bit for bit; a master nobody answers at, or --gpu with --spark, is one error
 * line and exit status 1, before anything is read or written.
 */
class SparkCommandLineTest {
    @TempDir Path dir;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void reconstructOnSparkWritesTheMapOfTheLocalRun() throws Exception {
        Path star = SimulatedParticles.write(dir, Phantoms.d2(32, 7.08), 300, 0.5, 11);
        CryoJRun local = CryoJRun.of("reconstruct", "--i", star.toString(), "--o", dir.resolve("local.mrc").toString(), "--sym", "D2", "--ctf", "--j", "3");
        assertEquals(0, local.status(), local.err());
        CryoJRun spark = CryoJRun.of("reconstruct", "--i", star.toString(), "--o", dir.resolve("spark.mrc").toString(), "--sym", "D2", "--ctf",
                "--spark", "local[2]", "--spark_partitions", "3", "--spark_conf", "spark.driver.host=127.0.0.1");
        assertEquals(0, spark.status(), spark.err());
        System.out.print(spark.out());
        assertTrue(spark.out().contains("Backprojection: Spark local[2], 3 partitions"), spark.out());
        assertArrayEquals(MrcFile.read(dir.resolve("local.mrc")).data(), MrcFile.read(dir.resolve("spark.mrc")).data());
    }

    @Test
    void anUnreachableMasterIsOneLineNamingIt() throws Exception {
        String url = "spark://127.0.0.1:" + closedPort();
        Path root = dir.resolve("Refine3D/run");
        CryoJRun r = CryoJRun.of("refine", "--i", dir.resolve("particles.star").toString(), "--o", root.toString(), "--ref", dir.resolve("ref.mrc").toString(),
                "--ini_high", "40", "--particle_diameter", "200", "--spark", url);
        System.out.print(r.err());
        assertEquals(1, r.status());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("cryoj refine: error: cannot reach the Spark master " + url), lines.get(0));
        assertFalse(Files.exists(root.getParent()), "nothing written");

        CryoJRun rec = CryoJRun.of("reconstruct", "--i", dir.resolve("particles.star").toString(), "--o", dir.resolve("map.mrc").toString(), "--spark", url);
        assertEquals(1, rec.status());
        assertEquals(1, rec.err().lines().count(), rec.err());
        assertTrue(rec.err().contains("cannot reach the Spark master " + url), rec.err());
    }

    @Test
    void gpuWithSparkIsRefused() {
        CryoJRun r = CryoJRun.of("refine", "--i", "p.star", "--o", "run", "--ref", "r.mrc", "--ini_high", "40", "--particle_diameter", "200",
                "--spark", "local[1]", "--gpu", "opencl:0");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--gpu with --spark"), r.err());
    }
}
