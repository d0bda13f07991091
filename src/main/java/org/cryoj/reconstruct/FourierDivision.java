package org.cryoj.reconstruct;

import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * The reconstruction step of a {@link BackProjector}: data / weight per padded Fourier voxel,
 * then {@link PaddedTransform#toMap}. This is RELION's BackProjector::reconstruct on its
 * {@code --skip_gridding} path: the weight is floored at 1/1000 of its shell average (so empty
 * voxels do not explode), and with a tau2 spectrum the MAP term 1/(pad³ fudge tau2) is added
 * first (a Wiener filter). RELION's default instead iterates a blob-convolved weight
 * (--iter 10); the trilinear splat with pad 2 makes the plain division close to it, and the
 * difference shows in the FSC comparison of the tests.
 */
final class FourierDivision {
    private FourierDivision() {}

    static FloatVolume reconstruct(BackProjector bp, double pixelSize, double[] tau2, double tau2Fudge, int firstRegularisedShell) {
        FourierGrid g = bp.grid();
        int r = g.radius(), pad = g.padding(), rMax = g.rMax(), p = g.paddedBox();
        float[] data = bp.data(), weight = bp.weight();
        double[] floor = shellFloor(g, weight);
        double oversampling = (double) pad * pad * pad;
        FourierVolume out = FourierVolume.zeros(p, p, p);
        float[] od = out.data();
        for (int z = -r; z <= r; z++)
            for (int y = -r; y <= r; y++)
                for (int x = 0; x <= r; x++) {
                    int r2 = x * x + y * y + z * z;
                    if (r2 > r * r) continue;
                    double radius = Math.sqrt(r2);
                    int o = g.index(x, y, z);
                    double w = weight[o];
                    int shell = (int) Math.round(radius / pad);
                    if (tau2 != null && shell >= firstRegularisedShell) w += inverseTau2(tau2, shell, w, oversampling * tau2Fudge);
                    w = Math.max(w, floor[Math.min((int) (radius / pad), rMax - 1)]);
                    if (w == 0) continue;
                    int q = PaddedTransform.offset(p, x, y, z);
                    od[q] = (float) (data[2 * o] / w);
                    od[q + 1] = (float) (data[2 * o + 1] / w);
                }
        return PaddedTransform.toMap(out, g, pixelSize);
    }

    /** 1/1000 of the mean weight in each shell floor(r / pad) below rMax. */
    private static double[] shellFloor(FourierGrid g, float[] weight) {
        int r = g.radius(), pad = g.padding(), rMax = g.rMax();
        double[] sum = new double[rMax], count = new double[rMax];
        for (int z = -r; z <= r; z++)
            for (int y = -r; y <= r; y++)
                for (int x = 0; x <= r; x++) {
                    int r2 = x * x + y * y + z * z;
                    if (r2 >= r * r) continue;
                    int shell = (int) (Math.sqrt(r2) / pad);
                    sum[shell] += weight[g.index(x, y, z)];
                    count[shell]++;
                }
        for (int i = 0; i < rMax; i++) sum[i] = count[i] > 0 ? sum[i] / (1000 * count[i]) : 0;
        return sum;
    }

    /** RELION's MAP term; shells without signal power (tau2 = 0) get 1000/weight, which suppresses them. */
    private static double inverseTau2(double[] tau2, int shell, double w, double scale) {
        if (shell >= tau2.length) return 0;
        double t = tau2[shell];
        if (t > 0) return 1 / (scale * t);
        if (t < 0) throw new IllegalArgumentException("tau2 must not be negative, shell " + shell + " has " + t);
        return w > 1e-20 ? 1 / (0.001 * w) : 0;
    }
}
