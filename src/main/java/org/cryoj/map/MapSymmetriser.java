package org.cryoj.map;

import java.util.List;

import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;

/**
 * Real-space symmetrisation (relion_image_handler --sym): the average of the map over every
 * operator of the point group, each copy sampled at R·r about the centre voxel (n/2) with
 * trilinear interpolation and zero outside the box (RELION's rule). The group is closed under inversion, so
 * sampling at R·r or R⁻¹·r gives the same average.
 */
public final class MapSymmetriser {
    private MapSymmetriser() {}

    public static FloatVolume symmetrise(FloatVolume map, SymmetryGroup group) {
        if (!map.isCube()) throw new IllegalArgumentException("--sym needs a cubic 3D map, got "
                + map.nx() + "x" + map.ny() + "x" + map.nz());
        List<Rotation3> ops = group.operators();
        int n = map.nx();
        float[] in = map.data();
        float[] sum = new float[in.length];
        for (Rotation3 r : ops) accumulateRotated(in, n, r, sum);
        float inv = 1f / ops.size();
        for (int i = 0; i < sum.length; i++) sum[i] *= inv;
        return new FloatVolume(n, n, n, sum, map.pixelSize());
    }

    private static void accumulateRotated(float[] in, int n, Rotation3 r, float[] sum) {
        int c = n / 2;
        double r00 = r.get(0, 0), r01 = r.get(0, 1), r02 = r.get(0, 2);
        double r10 = r.get(1, 0), r11 = r.get(1, 1), r12 = r.get(1, 2);
        double r20 = r.get(2, 0), r21 = r.get(2, 1), r22 = r.get(2, 2);
        for (int z = 0; z < n; z++) {
            double zc = z - c;
            for (int y = 0; y < n; y++) {
                double yc = y - c;
                int row = n * (y + n * z);
                for (int x = 0; x < n; x++) {
                    double xc = x - c;
                    double sx = r00 * xc + r01 * yc + r02 * zc + c;
                    double sy = r10 * xc + r11 * yc + r12 * zc + c;
                    double sz = r20 * xc + r21 * yc + r22 * zc + c;
                    sum[row + x] += (float) trilinear(in, n, sx, sy, sz);
                }
            }
        }
    }

    private static final double EDGE_TOLERANCE = 1e-6;

    /**
     * Trilinear sample. A point outside the voxel centres [0, n-1] gives zero, not a partial
     * value, as RELION's applyGeometry does without wrapping; inside, a neighbour past the
     * last voxel only ever has weight ~0.
     */
    static double trilinear(float[] v, int n, double x, double y, double z) {
        double lo = -EDGE_TOLERANCE, hi = n - 1 + EDGE_TOLERANCE;
        if (x < lo || x > hi || y < lo || y > hi || z < lo || z > hi) return 0;
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y), z0 = (int) Math.floor(z);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double acc = 0;
        for (int dz = 0; dz <= 1; dz++) {
            int zz = z0 + dz;
            if (zz < 0 || zz >= n) continue;
            double wz = dz == 0 ? 1 - fz : fz;
            for (int dy = 0; dy <= 1; dy++) {
                int yy = y0 + dy;
                if (yy < 0 || yy >= n) continue;
                double wzy = wz * (dy == 0 ? 1 - fy : fy);
                int base = n * (yy + n * zz);
                if (x0 >= 0) acc += wzy * (1 - fx) * v[base + x0];
                if (x0 + 1 < n) acc += wzy * fx * v[base + x0 + 1];
            }
        }
        return acc;
    }
}
