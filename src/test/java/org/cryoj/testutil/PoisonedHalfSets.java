package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.RefineTestData;
import org.cryoj.refine.Refiner;

/**
 * The gold standard's promise, as a check for any E-step runner (threads here, a Spark cluster):
 * one half-set's images never reach the other half's map. Two runs on the same particles and the
 * same split, except that in the second every half-2 image shows the structure with an extra blob
 * (same poses, CTFs and noise). Half 2's maps must grow the blob; half 1's maps must stay as in the
 * clean run at the blob, iteration after iteration (the halves share only the FSC, hence the
 * resolution and tau2, which is why the rest of half 1 may differ slightly). No low-resolution
 * join, and the runs stop before the final (joining) iteration, so any leak shows.
 */
public final class PoisonedHalfSets {
    private PoisonedHalfSets() {}

    public static final int ITERATIONS = 3;
    private static final int BOX = 32, PARTICLES = 100;
    private static final double PX = 7.08;

    /** The clean run's settings and the poisoned run's (its own input and output root, otherwise the same). */
    public record Runs(RefineSettings clean, RefineSettings poisoned) {}

    /** Writes both inputs below {@code dir}; the runs use {@code threads} threads (or slots per half-set). */
    public static Runs create(Path dir, int threads) throws IOException {
        RefineTestData clean = RefineTestData.create(Files.createDirectories(dir.resolve("clean")), BOX, PX, PARTICLES, 2.0, 5);
        FloatVolume poisoned = clean.truth().copy();
        double max = 0;
        for (float v : poisoned.data()) max = Math.max(max, v);
        // two blobs on the z axis, a pair D2 maps onto itself, so symmetrisation keeps them
        addBlob(poisoned, BOX / 2 + 8, 2 * max);
        addBlob(poisoned, BOX / 2 - 8, 2 * max);
        double noise = RefineTestData.projectionStd(clean.truth()) / Math.sqrt(2.0);
        Path poisonStar = SimulatedParticles.write(Files.createDirectories(dir.resolve("poison")), poisoned, PARTICLES, noise, 5);

        StarFile in = StarFile.read(clean.input());
        StarTable split = in.block("particles").table();
        split.addColumn(StarLabel.RANDOM_SUBSET);
        for (int r = 0; r < split.rowCount(); r++) split.setInt(r, StarLabel.RANDOM_SUBSET, r % 2 + 1);
        Path splitStar = dir.resolve("split.star");
        StarFile.of(in.block("optics"), StarBlock.loop("particles", split)).write(splitStar, false);
        StarTable poisonImages = StarFile.read(poisonStar).block("particles").table();
        StarTable mixed = split.select(allRows(split));
        for (int r = 1; r < mixed.rowCount(); r += 2)
            mixed.setString(r, StarLabel.IMAGE_NAME.label(), poisonImages.getString(r, StarLabel.IMAGE_NAME.label()));
        Path mixedStar = dir.resolve("mixed.star");
        StarFile.of(in.block("optics"), StarBlock.loop("particles", mixed)).write(mixedStar, false);

        // RELION's sampling rules (--exhaustive_search): CryoJ's convergence check finds this coarse step fine enough for these
        // small particles' accuracy and would join the halves within the three iterations
        RefineSettings a = RefineSettings.builder(splitStar, dir.resolve("a/run"), clean.reference()).iniHigh(40).particleDiameter(200)
                .tutorial("D2").sampling(1, 3, 3, 1).threads(threads).maxIterations(ITERATIONS).lowResolJoinHalves(Double.NaN)
                .exhaustiveSearch(true).build();
        return new Runs(a, a.toBuilder().input(mixedStar).outputRoot(dir.resolve("b/run")).build());
    }

    /**
     * After both runs: neither reached the final iteration; in every iteration the poison shows in
     * half 2's map and not (within a quarter of that) in half 1's.
     */
    public static void assertHalfOneUntouched(Runs runs, Refiner.Outcome clean, Refiner.Outcome poisoned) throws IOException {
        assertFalse(clean.converged() || poisoned.converged(), "stopped before the final (joining) iteration");
        double[] leak = new double[ITERATIONS + 1], poison = new double[ITERATIONS + 1];
        for (int k = 1; k <= ITERATIONS; k++) {
            String it = String.format("_it%03d", k);
            leak[k] = blobContrast(runs.clean().file(it + "_half1_class001.mrc"), runs.poisoned().file(it + "_half1_class001.mrc"));
            poison[k] = blobContrast(runs.clean().file(it + "_half2_class001.mrc"), runs.poisoned().file(it + "_half2_class001.mrc"));
            System.out.printf("iteration %d: poisoned - clean at the blobs, in stddevs of the difference elsewhere: half 1 %.2f, half 2 %.2f%n",
                    k, leak[k], poison[k]);
        }
        for (int k = 1; k <= ITERATIONS; k++) {
            assertTrue(poison[k] > 2, "iteration " + k + ": the poison must show in half 2: " + poison[k]);
            assertTrue(Math.abs(leak[k]) < 0.25 * poison[k], "iteration " + k + ": half 1 grew the blob too: " + leak[k] + " (half 2: " + poison[k] + ")");
        }
    }

    private static int[] allRows(StarTable t) {
        int[] all = new int[t.rowCount()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return all;
    }

    /** A Gaussian blob (sigma 1.5 px) on the z axis at slice z. */
    private static void addBlob(FloatVolume v, int z, double amplitude) {
        int n = v.nx(), c = n / 2;
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++) {
                    double r2 = (i - c) * (i - c) + (j - c) * (j - c) + (k - z) * (k - z);
                    v.data()[i + n * (j + n * k)] += (float) (amplitude * Math.exp(-r2 / (2 * 1.5 * 1.5)));
                }
    }

    /**
     * How much the poisoned run's map exceeds the clean run's at the blobs (within 2 px of their
     * centres), in standard deviations of that difference over the rest of the particle's sphere:
     * the regularisation, which the halves share through the FSC, changes the difference
     * everywhere alike; a leak of half 2's images puts a peak at the blobs.
     */
    private static double blobContrast(Path clean, Path poisoned) throws IOException {
        FloatVolume a = MrcFile.read(clean), b = MrcFile.read(poisoned);
        int n = a.nx(), c = n / 2;
        double blob = 0, s = 0, s2 = 0;
        int nb = 0, ns = 0;
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++) {
                    int x = i - c, y = j - c, z = k - c;
                    double d = b.data()[i + n * (j + n * k)] - a.data()[i + n * (j + n * k)];
                    double r2 = Math.min(x * x + y * y + (z - 8) * (z - 8), x * x + y * y + (z + 8) * (z + 8));
                    if (r2 <= 4) { blob += d; nb++; }
                    else if (r2 > 16 && x * x + y * y + z * z < 13 * 13) { s += d; s2 += d * d; ns++; }
                }
        double mean = s / ns, std = Math.sqrt(s2 / ns - mean * mean);
        return (blob / nb - mean) / std;
    }
}
