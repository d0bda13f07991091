package org.cryoj.gpu;

import static org.cryoj.testutil.RandomScoringData.gaussian;
import static org.cryoj.testutil.RandomScoringData.image;
import static org.cryoj.testutil.RandomScoringData.projections;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.Projector;
import org.cryoj.refine.CentralSlices;
import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.ScoringImage;
import org.cryoj.refine.Significance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The kernels on a device against the CPU backend on random images and projections: both calls,
 * likelihood and cross-correlation, within 1e-4 relative. Sizes are not multiples of the
 * kernels' tiles and work-groups, and the batches are made small so that many run per call.
 * The host logic (batches, resident projections, memory budget) is shared by the APIs, so the
 * same tests run on OpenCL ({@link OpenClScoringTest}, PoCL here) and CUDA ({@link CudaScoringTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceScoringContract {
    private static final double TOL = 1e-4;
    private GpuDevice device;
    private DeviceExpectationBackend gpu;
    private static final ExpectationBackend CPU = new CpuExpectationBackend();

    /** The device to test; skips (an assumption) where there is none. */
    abstract GpuDevice device();

    /** Opens the backend for the first test; without a device each test is skipped (and counted so). */
    @BeforeEach
    void open() {
        if (gpu != null) return;
        device = device();
        // 9 projections of 2 x 301 floats per batch
        gpu = new DeviceExpectationBackend(List.of(device), 9L * 4 * 602);
    }

    @AfterAll
    void close() {
        if (gpu != null) gpu.close();
    }

    @Test
    void runsOnTheNamedDevice() {
        System.out.println(device.api().label() + " scoring on " + gpu.name() + "; kernels: " + gpu.kernelOrigins());
        assertEquals(List.of(device), gpu.devices());
        assertTrue(gpu.name().startsWith(device.api().label() + " on " + device.id() + " " + device.name()), gpu.name());
    }

    @Test
    void scoreAllMatchesTheCpu() {
        for (boolean cc : new boolean[] {false, true}) {
            Random r = new Random(cc ? 2 : 1);
            int k = 301;
            float[] base = gaussian(r, 2 * k, 1);
            float[][] proj = projections(r, base, 37);
            List<ScoringImage> images = List.of(image(r, base, k, 7, cc), image(r, base, k, 1, cc), image(r, base, k, 20, cc));
            double[][] want = new double[3][], got = new double[3][];
            for (int i = 0; i < 3; i++) {
                want[i] = new double[proj.length * images.get(i).translations()];
                got[i] = new double[want[i].length];
            }
            CPU.scoreAll(images, proj, cc, want);
            gpu.scoreAll(images, proj, cc, got);
            for (int i = 0; i < 3; i++) assertClose(want[i], got[i], "scoreAll cc=" + cc + " image " + i);
        }
    }

    @Test
    void scorePairsMatchesTheCpu() {
        for (boolean cc : new boolean[] {false, true}) {
            Random r = new Random(cc ? 4 : 3);
            int k = 301;
            float[] base = gaussian(r, 2 * k, 1);
            float[][] proj = projections(r, base, 50);
            ScoringImage img = image(r, base, k, 11, cc);
            int n = 400;
            int[] po = new int[n], pt = new int[n];
            for (int i = 0; i < n; i++) { po[i] = r.nextInt(proj.length); pt[i] = r.nextInt(img.translations()); }
            assertClose(CPU.scorePairs(img, proj, po, pt, cc), gpu.scorePairs(img, proj, po, pt, cc), "scorePairs cc=" + cc);
        }
    }

    /**
     * Projections the device makes from a reference's Fourier grid ({@link CentralSlices}) score as
     * the CPU's projections of the same slices do, in both calls, over several batches and with
     * orientations no pair names; the significant sets chosen from the two are the same.
     */
    @Test
    void projectionsMadeOnTheDeviceMatchTheCpu() {
        assertTrue(gpu.projects());
        Random r = new Random(9);
        int box = 24, radius = 9;
        float[] map = gaussian(r, box * box * box, 1);
        Projector projector = Projector.of(new FloatVolume(box, box, box, map, 1.0), 2, radius + 1);
        List<int[]> pixels = new ArrayList<>();
        for (int ky = -radius; ky <= radius; ky++)
            for (int kx = 0; kx <= radius; kx++) if (kx * kx + ky * ky <= radius * radius) pixels.add(new int[] {kx, ky});
        int k = pixels.size();
        int[] kx = new int[k], ky = new int[k];
        for (int p = 0; p < k; p++) { kx[p] = pixels.get(p)[0]; ky[p] = pixels.get(p)[1]; }
        // 30 orientations within 15 degrees of the image's: 2k floats each, so the tests' batches of 2408 bytes hold a few
        double[][][] rotations = new double[30][][];
        for (int o = 0; o < rotations.length; o++) rotations[o] = rotation(r, 15);
        CentralSlices slices = new CentralSlices(projector, rotations, kx, ky);
        float[] base = new CentralSlices(projector, new double[][][] {rotation(r, 0)}, kx, ky).project()[0];
        for (boolean cc : new boolean[] {false, true}) {
            List<ScoringImage> images = List.of(image(r, base, k, 7, cc), image(r, base, k, 3, cc));
            double[][] want = new double[2][], got = new double[2][];
            for (int i = 0; i < 2; i++) {
                want[i] = new double[rotations.length * images.get(i).translations()];
                got[i] = new double[want[i].length];
            }
            CPU.scoreAll(images, slices, cc, want);
            gpu.scoreAll(images, slices, cc, got);
            for (int i = 0; i < 2; i++) {
                assertClose(want[i], got[i], "scoreAll of device projections cc=" + cc + " image " + i);
                if (!cc) assertArrayEquals(significant(want[i]), significant(got[i]), "significant set, image " + i);
            }
            ScoringImage img = images.get(0);
            int n = 500;
            int[] po = new int[n], pt = new int[n];
            for (int i = 0; i < n; i++) {
                do po[i] = r.nextInt(rotations.length); while (po[i] >= 10 && po[i] < 20);   // orientations 10-19: no pair
                pt[i] = r.nextInt(img.translations());
            }
            double[] wantPairs = CPU.scorePairs(img, slices, po, pt, cc), gotPairs = gpu.scorePairs(img, slices, po, pt, cc);
            assertClose(wantPairs, gotPairs, "scorePairs of device projections cc=" + cc);
            if (!cc) assertArrayEquals(significant(wantPairs), significant(gotPairs), "significant pairs");
        }
    }

    /** The samples holding 99.9% of the weight, scores being diff2 (RELION's adaptive fraction). */
    private static int[] significant(double[] diff2) {
        double[] logP = new double[diff2.length];
        for (int i = 0; i < logP.length; i++) logP[i] = -diff2[i];
        return Significance.significant(Significance.normalisedWeights(logP), 0.999);
    }

    /** A rotation by up to {@code maxDegrees} about a random axis (Rodrigues' formula). */
    private static double[][] rotation(Random r, double maxDegrees) {
        double x = r.nextGaussian(), y = r.nextGaussian(), z = r.nextGaussian(), norm = Math.sqrt(x * x + y * y + z * z);
        x /= norm; y /= norm; z /= norm;
        double t = Math.toRadians(maxDegrees * r.nextDouble()), c = Math.cos(t), s = Math.sin(t), v = 1 - c;
        return new double[][] {
                {c + x * x * v, x * y * v - z * s, x * z * v + y * s},
                {y * x * v + z * s, c + y * y * v, y * z * v - x * s},
                {z * x * v - y * s, z * y * v + x * s, c + z * z * v}};
    }

    @Test
    void callsFromManyThreadsAtOnce() throws Exception {
        Random r = new Random(5);
        int k = 301;
        float[] base = gaussian(r, 2 * k, 1);
        float[][] proj = projections(r, base, 40);
        List<ScoringImage> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) images.add(image(r, base, k, 5 + i, false));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (ScoringImage img : images) futures.add(pool.submit(() -> {
                double[] out = new double[proj.length * img.translations()];
                gpu.scoreAll(List.of(img), proj, false, new double[][] {out});
                return out;
            }));
            for (int i = 0; i < images.size(); i++) {
                double[] want = new double[proj.length * images.get(i).translations()];
                CPU.scoreAll(List.of(images.get(i)), proj, false, new double[][] {want});
                assertClose(want, futures.get(i).get(), "thread " + i);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    /** A projection array passed again is not sent again; a new one replaces it, and the scores are the CPU's throughout. */
    @Test
    void projectionsStayOnTheDeviceWhileTheSameArrayComesBack() {
        try (DeviceExpectationBackend b = new DeviceExpectationBackend(List.of(device))) {
            Random r = new Random(7);
            int k = 301;
            float[] base = gaussian(r, 2 * k, 1);
            float[][] first = projections(r, base, 30), second = projections(r, base, 30);
            ScoringImage a = image(r, base, k, 4, false), c = image(r, base, k, 6, false);
            for (float[][] proj : List.of(first, first, second, first)) {
                for (ScoringImage img : List.of(a, c)) {
                    double[] want = new double[proj.length * img.translations()], got = new double[want.length];
                    CPU.scoreAll(List.of(img), proj, false, new double[][] {want});
                    b.scoreAll(List.of(img), proj, false, new double[][] {got});
                    assertClose(want, got, "resident projections");
                }
            }
            assertEquals(3, b.projectionUploads(), "first, second, first again");
        }
    }

    /** A set too large for one streamed batch still stays on the device when it fits the resident limit: sent once, not once per image. */
    @Test
    void aSetLargerThanABatchStaysResident() {
        try (DeviceExpectationBackend b = new DeviceExpectationBackend(List.of(device), 9L * 4 * 602, 40L * 4 * 602)) {
            Random r = new Random(8);
            int k = 301;
            float[] base = gaussian(r, 2 * k, 1);
            float[][] proj = projections(r, base, 30);
            for (int i = 0; i < 3; i++) {
                ScoringImage img = image(r, base, k, 5, false);
                double[] want = new double[proj.length * 5], got = new double[want.length];
                CPU.scoreAll(List.of(img), proj, false, new double[][] {want});
                b.scoreAll(List.of(img), proj, false, new double[][] {got});
                assertClose(want, got, "resident set larger than a batch");
            }
            assertEquals(1, b.projectionUploads(), "30 projections over a 9-projection batch, under a 40-projection resident limit");
        }
    }

    /**
     * On a device reported with 1 MiB (the real one under a smaller description), batches shrink
     * to the budget and the scores stay the CPU's; an image that cannot fit in one buffer stops
     * with DeviceMemory's advice before any allocation.
     */
    @Test
    void batchesFollowTheDeviceMemoryAndTooLargeStopsWithAdvice() {
        GpuDevice small = new GpuDevice(device.api(), device.index(), device.name(), device.gpu(), 1L << 20, 256L << 10, device.detail());
        try (DeviceExpectationBackend b = new DeviceExpectationBackend(List.of(small))) {
            Random r = new Random(6);
            int k = 301;
            float[] base = gaussian(r, 2 * k, 1);
            // 400 projections of 2408 bytes: ~1 MB, more than a call may hold at once (a quarter of 3/4 MiB)
            float[][] proj = projections(r, base, 400);
            ScoringImage img = image(r, base, k, 9, false);
            double[] want = new double[proj.length * 9], got = new double[want.length];
            CPU.scoreAll(List.of(img), proj, false, new double[][] {want});
            b.scoreAll(List.of(img), proj, false, new double[][] {got});
            assertClose(want, got, "scoreAll in a 1 MiB budget");
            int[] po = new int[2000], pt = new int[2000];
            for (int i = 0; i < po.length; i++) { po[i] = r.nextInt(proj.length); pt[i] = r.nextInt(9); }
            assertClose(CPU.scorePairs(img, proj, po, pt, false), b.scorePairs(img, proj, po, pt, false), "scorePairs in a 1 MiB budget");
            // 120 translations of 2408 bytes: 289 kB, over the largest allocation of 256 kiB
            ScoringImage big = image(r, base, k, 120, false);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> b.scoreAll(List.of(big), proj, false, new double[][] {new double[proj.length * 120]}));
            assertTrue(e.getMessage().contains(device.id()) && e.getMessage().contains("--pool"), e.getMessage());
        }
    }

    private static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double rel = Math.abs(got[i] - want[i]) / Math.abs(want[i]);
            worst = Math.max(worst, rel);
            assertTrue(rel <= TOL, what + ": score " + i + " is " + got[i] + ", the CPU's " + want[i]);
        }
        System.out.printf("%s: %d scores, largest relative difference %.2e%n", what, want.length, worst);
    }
}
