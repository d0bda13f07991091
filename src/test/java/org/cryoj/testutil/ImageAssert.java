package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import org.cryoj.image.FloatVolume;

/**
 * Image comparisons for tests, in the spirit of ImgLib2Assert: one call with a tolerance whose
 * failure message names the first differing voxel (x, y, z), both values and the largest
 * difference, so a failing test says where and by how much without a debugger.
 */
public final class ImageAssert {
    private ImageAssert() {}

    /**
     * Fails unless both volumes have the same dimensions and every voxel differs by at most
     * {@code tol} (absolute). NaN matches only NaN. Voxel size is not compared.
     */
    public static void assertImagesEqual(FloatVolume expected, FloatVolume actual, double tol) {
        if (expected.nx() != actual.nx() || expected.ny() != actual.ny() || expected.nz() != actual.nz())
            fail("dimensions differ: expected " + expected.nx() + "x" + expected.ny() + "x" + expected.nz()
                    + ", actual " + actual.nx() + "x" + actual.ny() + "x" + actual.nz());
        float[] e = expected.data(), a = actual.data();
        int first = -1, bad = 0;
        double maxDiff = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - a[i]);
            boolean differs = Float.isNaN(e[i]) != Float.isNaN(a[i]) || d > tol;
            if (!Double.isNaN(d) && d > maxDiff) maxDiff = d;
            if (differs) {
                bad++;
                if (first < 0) first = i;
            }
        }
        if (first < 0) return;
        int nx = expected.nx(), ny = expected.ny();
        int x = first % nx, y = (first / nx) % ny, z = first / (nx * ny);
        fail(bad + " of " + e.length + " voxels differ by more than " + tol + "; first at (x=" + x + ", y=" + y
                + ", z=" + z + "): expected " + e[first] + ", actual " + a[first] + "; max difference " + maxDiff);
    }

    /** Pearson correlation of two equally long arrays, summed in double; NaN when either is constant. */
    public static double correlation(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        if (a.length == 0) throw new IllegalArgumentException("empty arrays");
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
