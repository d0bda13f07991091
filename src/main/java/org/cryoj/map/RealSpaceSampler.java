package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * Trilinear sampling as RELION's applyGeometry does it without wrapping: a point outside the
 * voxel centres [0, n-1] (with a 1e-6 tolerance) gives zero, not a partial value; inside, a
 * neighbour past the last voxel only ever has weight ~0 and is left out.
 */
final class RealSpaceSampler {
    private RealSpaceSampler() {}

    private static final double EDGE_TOLERANCE = 1e-6;

    /** Sample at array coordinates (x, y, z); z is ignored for images (nz == 1). */
    static double trilinear(FloatVolume v, double x, double y, double z) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        if (nz == 1) z = 0;
        if (outside(x, nx) || outside(y, ny) || outside(z, nz)) return 0;
        float[] d = v.data();
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double acc = 0;
        for (int dz = 0; dz <= 1; dz++) {
            int zz = z0 + dz;
            if (zz < 0 || zz >= nz) continue;
            double wz = dz == 0 ? 1 - fz : fz;
            for (int dy = 0; dy <= 1; dy++) {
                int yy = y0 + dy;
                if (yy < 0 || yy >= ny) continue;
                double wzy = wz * (dy == 0 ? 1 - fy : fy);
                int base = nx * (yy + ny * zz);
                if (x0 >= 0) acc += wzy * (1 - fx) * d[base + x0];
                if (x0 + 1 < nx) acc += wzy * fx * d[base + x0 + 1];
            }
        }
        return acc;
    }

    private static boolean outside(double c, int n) {
        return c < -EDGE_TOLERANCE || c > n - 1 + EDGE_TOLERANCE;
    }
}
