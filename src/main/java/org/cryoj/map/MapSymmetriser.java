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
        float[] sum = new float[map.data().length];
        for (Rotation3 r : ops) accumulateRotated(map, r, sum);
        float inv = 1f / ops.size();
        for (int i = 0; i < sum.length; i++) sum[i] *= inv;
        return new FloatVolume(n, n, n, sum, map.pixelSize());
    }

    private static void accumulateRotated(FloatVolume map, Rotation3 r, float[] sum) {
        int n = map.nx(), c = n / 2;
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
                    sum[row + x] += (float) RealSpaceSampler.trilinear(map, sx, sy, sz);
                }
            }
        }
    }
}
