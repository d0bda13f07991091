package org.cryoj.reconstruct;

import java.util.Random;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.simulate.RandomRotations;
import org.cryoj.geometry.Rotation3;
import org.cryoj.image.FloatVolume;

/** Test maps with known content and helpers for rotations. */
public final class TestMaps {
    private TestMaps() {}

    /** Sum of Gaussian blobs (sigma in voxels) at random places within radius n/4 of the centre. */
    static FloatVolume blobs(int n, int count, double sigma, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[n * n * n];
        for (int b = 0; b < count; b++) {
            double cx, cy, cz;
            do {
                cx = (rnd.nextDouble() * 2 - 1) * n / 4; cy = (rnd.nextDouble() * 2 - 1) * n / 4; cz = (rnd.nextDouble() * 2 - 1) * n / 4;
            } while (cx * cx + cy * cy + cz * cz > n * n / 16.0);
            double amp = 0.5 + rnd.nextDouble();
            for (int z = 0; z < n; z++)
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++) {
                        double dx = x - n / 2 - cx, dy = y - n / 2 - cy, dz = z - n / 2 - cz;
                        d[x + n * (y + n * z)] += (float) (amp * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma)));
                    }
        }
        return new FloatVolume(n, n, n, d, 1.0);
    }

    public static double[][] matrix(Rotation3 r) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = r.get(i, j);
        return m;
    }

    public static double[][] matrix(double rot, double tilt, double psi) {
        return matrix(new EulerAngles(rot, tilt, psi).toMatrix());
    }

    /** A rotation uniformly distributed over SO(3), as the simulator draws them. */
    static double[][] randomRotation(Random rnd) {
        return matrix(RandomRotations.uniform(rnd));
    }

}
