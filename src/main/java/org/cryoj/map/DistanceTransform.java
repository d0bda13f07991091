package org.cryoj.map;

/**
 * Exact squared Euclidean distance, in voxels, from every voxel to the nearest voxel of a set
 * (Felzenszwalb and Huttenlocher's separable lower-envelope algorithm, one pass per axis).
 */
final class DistanceTransform {
    private static final double FAR = 1e20;

    private DistanceTransform() {}

    /** @return per voxel the squared distance to the nearest voxel where {@code inSet} is true (0 there). */
    static double[] squared(boolean[] inSet, int nx, int ny, int nz) {
        double[] d = new double[inSet.length];
        for (int i = 0; i < d.length; i++) d[i] = inSet[i] ? 0 : FAR;
        int max = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[max], out = new double[max], z = new double[max + 1];
        int[] v = new int[max];
        for (int zz = 0; zz < nz; zz++) for (int y = 0; y < ny; y++) pass(d, (y + ny * zz) * nx, 1, nx, f, out, v, z);
        for (int zz = 0; zz < nz; zz++) for (int x = 0; x < nx; x++) pass(d, x + nx * ny * zz, nx, ny, f, out, v, z);
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) pass(d, x + nx * y, nx * ny, nz, f, out, v, z);
        return d;
    }

    private static void pass(double[] d, int base, int stride, int n, double[] f, double[] out, int[] v, double[] z) {
        for (int i = 0; i < n; i++) f[i] = d[base + i * stride];
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            // z[0] is -infinity, so k never drops below 0
            while (s <= z[k]) s = intersection(f, q, v[--k]);
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) k++;
            double dq = q - v[k];
            out[q] = dq * dq + f[v[k]];
        }
        for (int i = 0; i < n; i++) d[base + i * stride] = out[i];
    }

    /** Where the parabolas rooted at q and p intersect. */
    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
    }
}
