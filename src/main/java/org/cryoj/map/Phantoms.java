package org.cryoj.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;

/**
 * Deterministic test maps. {@link #d2} is a D2-symmetric phantom: 12 smooth Gaussian blobs
 * (sigma 2 to 3.5 voxels at box 64) each with its three copies under the 2-folds along X, Y
 * and Z, inside a faint ellipsoidal shell with three different semi-axes, so that it has exactly
 * D2 symmetry and its orientation can be determined. The symmetry centre is voxel (n/2, n/2, n/2),
 * RELION's origin.
 */
public final class Phantoms {
    /** Seed of the blob layout; changing it changes test-images/phantom_d2_box64_3.54A.mrc. */
    public static final long D2_SEED = 20240613L;

    private Phantoms() {}

    public static FloatVolume d2(int box, double angpix) {
        if (box < 16) throw new IllegalArgumentException("phantom box must be at least 16, was " + box);
        double scale = box / 64.0;
        Random r = new Random(D2_SEED);
        int blobs = 12;
        double[][] b = new double[blobs][5];   // x, y, z, sigma, amplitude (voxels from the centre)
        for (int i = 0; i < blobs; i++) {
            double rad = (5 + 13 * r.nextDouble()) * scale;
            double cosT = 2 * r.nextDouble() - 1, phi = 2 * Math.PI * r.nextDouble(), sinT = Math.sqrt(1 - cosT * cosT);
            b[i] = new double[]{rad * sinT * Math.cos(phi), rad * sinT * Math.sin(phi), rad * cosT,
                    (2 + 1.5 * r.nextDouble()) * scale, 0.5 + r.nextDouble()};
        }
        // D2 operators: identity and the 2-folds about X, Y and Z
        int[][] ops = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
        double a = 24 * scale, bb = 19 * scale, c = 15 * scale, shellSigma = 1.5 * scale;
        float[] d = new float[box * box * box];
        int o = box / 2;
        for (int z = 0; z < box; z++) for (int y = 0; y < box; y++) for (int x = 0; x < box; x++) {
            double px = x - o, py = y - o, pz = z - o, v = 0;
            for (double[] blob : b)
                for (int[] op : ops) {
                    double dx = px - op[0] * blob[0], dy = py - op[1] * blob[1], dz = pz - op[2] * blob[2];
                    v += blob[4] * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * blob[3] * blob[3]));
                }
            // faint shell at ellipsoidal radius 1, about 1.5 voxels thick
            double rho = Math.sqrt(px * px / (a * a) + py * py / (bb * bb) + pz * pz / (c * c));
            double dist = (rho - 1) * c;
            v += 0.15 * Math.exp(-dist * dist / (2 * shellSigma * shellSigma));
            d[x + box * (y + box * z)] = (float) v;
        }
        return new FloatVolume(box, box, box, d, angpix);
    }

    /** Writes the committed test map: {@code Phantoms OUTPUT.mrc [box] [angpix]} (64 and 3.54 by default). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Phantoms OUTPUT.mrc [box=64] [angpix=3.54]");
            System.exit(2);
        }
        int box = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double angpix = args.length > 2 ? Double.parseDouble(args[2]) : 3.54;
        MrcFile.write(Path.of(args[0]), d2(box, angpix), MrcMode.FLOAT32, false);
    }
}
