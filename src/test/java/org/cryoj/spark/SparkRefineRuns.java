package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.RefineTestData;
import org.cryoj.refine.Refiner;
import org.cryoj.testutil.ImageAssert;

/**
 * The Spark tests' refinement: a small simulated D2 set (box 32, 7.08 Å, SNR 2, CTF, the tutorial's
 * options from HEALPix order 1) refined once locally with --j S (the independent path: threads of
 * one JVM) and once on a cluster with S partitions per half-set, and the two runs' files compared.
 */
final class SparkRefineRuns {
    private SparkRefineRuns() {}

    /** Partitions per half-set of the Spark runs, and the local run's --j. */
    static final int SLOTS = 4;

    static RefineTestData data(Path dir, int particles) throws IOException {
        return RefineTestData.create(dir, 32, 7.08, particles, 8.0, 5);
    }

    static RefineSettings settings(RefineTestData d, Path root) {
        return RefineSettings.builder(d.input(), root, d.reference()).iniHigh(40).particleDiameter(200).tutorial("D2")
                .sampling(1, 3, 3, 1).normCorrection(true).scaleCorrection(true).threads(SLOTS).maxIterations(30).build();
    }

    static final RefineListener QUIET = new RefineListener() {};

    /** A listener that prints the log lines (Spark's per-iteration lines among them) with a prefix. */
    static RefineListener printing(String prefix) {
        return new RefineListener() {
            @Override public void message(String line) { System.out.println(prefix + line); }
        };
    }

    /** The local run: --j SLOTS threads. */
    static Refiner.Outcome local(RefineTestData d, Path root) throws IOException {
        Files.createDirectories(root.getParent());
        long t0 = System.nanoTime();
        Refiner.Outcome o = new Refiner(settings(d, root), QUIET, new CpuExpectationBackend()).run(null);
        System.out.printf("local run (--j %d): %.1f s, %d iterations%n", SLOTS, (System.nanoTime() - t0) / 1e9, o.iterations());
        return o;
    }

    /** The same on {@code cluster}: SLOTS partitions per half-set. */
    static Refiner.Outcome spark(RefineTestData d, Path root, SparkCluster cluster, RefineListener listener) throws IOException {
        Files.createDirectories(root.getParent());
        long t0 = System.nanoTime();
        Refiner.Outcome o = new Refiner(settings(d, root), listener, new SparkExpectation(cluster, SLOTS, 2)).run(null);
        System.out.printf("Spark run (%s, %d partitions per half-set): %.1f s, %d iterations%n", cluster.master(), SLOTS,
                (System.nanoTime() - t0) / 1e9, o.iterations());
        return o;
    }

    /** What two runs' outputs differ by. */
    record Comparison(double mapCorrelation, double half1Correlation, double half2Correlation, boolean mapsIdentical, double maxAngleDiff,
                      double maxOriginDiff, int posesDiffering, int particles, List<String> localLines, List<String> sparkLines) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "final map correlation %.9f, half maps %.9f / %.9f (the three maps' voxels %s); "
                    + "poses: %d of %d differ, largest differences %.2e deg, %.2e A; %d Auto-refine lines, %s", mapCorrelation,
                    half1Correlation, half2Correlation, mapsIdentical ? "all equal" : "not all equal", posesDiffering, particles,
                    maxAngleDiff, maxOriginDiff, localLines.size(), localLines.equals(sparkLines) ? "identical" : "DIFFERENT");
        }

        /** The acceptance: maps correlate to 0.99999, identical Auto-refine lines, poses equal within float rounding. */
        void assertSameResult() {
            assertEquals(localLines, sparkLines, "Auto-refine lines");
            assertTrue(mapCorrelation >= 0.99999, "final map correlation " + mapCorrelation);
            assertTrue(half1Correlation >= 0.99999 && half2Correlation >= 0.99999, "half maps " + half1Correlation + ", " + half2Correlation);
            assertTrue(maxAngleDiff <= 1e-3 && maxOriginDiff <= 1e-4, "poses: " + this);
        }
    }

    static Comparison compare(Path local, Path spark) throws IOException {
        double r = correlation(local, spark, "_class001.mrc");
        double h1 = correlation(local, spark, "_half1_class001_unfil.mrc"), h2 = correlation(local, spark, "_half2_class001_unfil.mrc");
        StarTable a = StarFile.read(file(local, "_data.star")).block("particles").table();
        StarTable b = StarFile.read(file(spark, "_data.star")).block("particles").table();
        assertEquals(a.rowCount(), b.rowCount());
        double angle = 0, origin = 0;
        int differ = 0;
        for (int i = 0; i < a.rowCount(); i++) {
            double da = 0, dorig = 0;
            for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi"}) da = Math.max(da, Math.abs(a.getDouble(i, l) - b.getDouble(i, l)));
            for (String l : new String[] {"rlnOriginXAngst", "rlnOriginYAngst"}) dorig = Math.max(dorig, Math.abs(a.getDouble(i, l) - b.getDouble(i, l)));
            if (da > 0 || dorig > 0) differ++;
            angle = Math.max(angle, da);
            origin = Math.max(origin, dorig);
        }
        boolean same = true;
        for (String suffix : new String[] {"_class001.mrc", "_half1_class001_unfil.mrc", "_half2_class001_unfil.mrc"})
            same &= java.util.Arrays.equals(MrcFile.read(file(local, suffix)).data(), MrcFile.read(file(spark, suffix)).data());
        return new Comparison(r, h1, h2, same, angle, origin, differ, a.rowCount(), autoRefineLines(local), autoRefineLines(spark));
    }

    /** The run.out lines with "Auto-refine:", the output rootname (named in one of them) replaced by ROOT. */
    static List<String> autoRefineLines(Path root) throws IOException {
        return Files.readAllLines(file(root, ".out")).stream().filter(l -> l.contains("Auto-refine:"))
                .map(l -> l.replace(root.toString(), "ROOT")).toList();
    }

    static Path file(Path root, String suffix) {
        return root.resolveSibling(root.getFileName() + suffix);
    }

    private static double correlation(Path a, Path b, String suffix) throws IOException {
        FloatVolume x = MrcFile.read(file(a, suffix)), y = MrcFile.read(file(b, suffix));
        return ImageAssert.correlation(x.data(), y.data());
    }

    /** Spark settings for tests: small executors, no UI. */
    static Map<String, String> testConf() {
        return Map.of("spark.executor.memory", "512m", "spark.executor.cores", "1", "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1");
    }
}
