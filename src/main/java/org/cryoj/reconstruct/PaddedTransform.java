package org.cryoj.reconstruct;

import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * Moves maps between real space (box N, centre at voxel N/2) and the padded centred Fourier
 * grid, as RELION's Projector::computeFourierTransformMap and
 * BackProjector::windowToOridimRealSpace do.
 *
 * <p>Scale: grid values are the padded transform times pad³ N, so a central slice has the scale
 * of the forward FFT (divided by N²) of the N x N projection image, which is what lets
 * projections and particle images be compared directly.
 */
final class PaddedTransform {
    private PaddedTransform() {}

    /** Gridding pre-corrected, padded transform of a cubic map, kept within the grid radius. */
    static float[] toGrid(FloatVolume map, FourierGrid g) {
        int n = g.box(), p = g.paddedBox();
        if (!map.isCube() || map.nx() != n)
            throw new IllegalArgumentException("the projector needs a cubic map of box " + n + ", got "
                    + map.nx() + "x" + map.ny() + "x" + map.nz());
        float[] src = map.data(), padded = new float[p * p * p];
        double[] kernel = griddingKernelBySquaredRadius(n, p);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    int dx = x - n / 2, dy = y - n / 2, dz = z - n / 2;
                    double corr = kernel[dx * dx + dy * dy + dz * dz];
                    // padding and CenterFFT in one step: the map centre goes to voxel 0
                    int o = wrap(dx, p) + p * (wrap(dy, p) + p * wrap(dz, p));
                    padded[o] = (float) (src[x + n * (y + n * z)] / corr);
                }
        FourierVolume f = Fft.forward(new FloatVolume(p, p, p, padded, map.pixelSize()));
        float scale = (float) ((double) g.padding() * g.padding() * g.padding() * n);
        float[] fd = f.data(), out = new float[2 * g.size()];
        int r = g.radius(), r2 = r * r;
        for (int kz = -r; kz <= r; kz++)
            for (int ky = -r; ky <= r; ky++)
                for (int kx = 0; kx <= r; kx++) {
                    if (kx * kx + ky * ky + kz * kz > r2) continue;
                    int i = offset(p, kx, ky, kz), o = 2 * g.index(kx, ky, kz);
                    out[o] = fd[i] * scale;
                    out[o + 1] = fd[i + 1] * scale;
                }
        return out;
    }

    /**
     * The real-space map (box N) of a padded transform whose values carry the grid scale:
     * inverse FFT, central window, RELION's soft mask outside the box sphere, then the gridding
     * correction.
     */
    static FloatVolume toMap(FourierVolume padded, FourierGrid g, double pixelSize) {
        int n = g.box(), p = g.paddedBox();
        float[] big = Fft.inverse(padded, pixelSize).data();
        float[] out = new float[n * n * n];
        double norm = (double) g.padding() * g.padding() * g.padding() * n;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    int o = wrap(x - n / 2, p) + p * (wrap(y - n / 2, p) + p * wrap(z - n / 2, p));
                    out[x + n * (y + n * z)] = (float) (big[o] / norm);
                }
        FloatVolume map = new FloatVolume(n, n, n, out, pixelSize);
        softMaskOutside(map, n / 2.0, 3);
        double[] kernel = griddingKernelBySquaredRadius(n, p);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    int dx = x - n / 2, dy = y - n / 2, dz = z - n / 2;
                    out[x + n * (y + n * z)] /= (float) kernel[dx * dx + dy * dy + dz * dz];
                }
        return map;
    }

    /**
     * {@link #griddingKernel} at every squared voxel distance from the centre of an N³ box: a map's voxels share a few
     * thousand distances, and a sine and a square root per voxel were most of this class's time between E-steps.
     */
    static double[] griddingKernelBySquaredRadius(int n, int paddedBox) {
        int h = n / 2;
        double[] k = new double[3 * h * h + 1];
        for (int r2 = 0; r2 < k.length; r2++) k[r2] = griddingKernel(Math.sqrt(r2), paddedBox);
        return k;
    }

    /**
     * Real-space transform of the trilinear kernel on the padded grid, sinc²(r / P): maps are
     * divided by it before projection and after reconstruction.
     */
    static double griddingKernel(double r, int paddedBox) {
        if (r == 0) return 1;
        double a = Math.PI * r / paddedBox, s = Math.sin(a) / a;
        return s * s;
    }

    /**
     * RELION's softMaskOutsideMap: beyond {@code radius} + {@code width} voxels from the centre the
     * map becomes the mean of that background, with a raised-cosine blend in between.
     */
    static void softMaskOutside(FloatVolume v, double radius, double width) {
        int n = v.nx();
        float[] d = v.data();
        double sum = 0, sumBg = 0, outer = radius + width, radius2 = radius * radius;
        for (int pass = 0; pass < 2; pass++) {
            double bg = pass == 1 ? sumBg / sum : 0;
            for (int z = 0; z < n; z++)
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++) {
                        int dx = x - n / 2, dy = y - n / 2, dz = z - n / 2, r2 = dx * dx + dy * dy + dz * dz;
                        // sqrt(r2) < radius without the root inside the sphere: the radius is a whole or half voxel count, its square exact
                        if (r2 < radius2) continue;
                        double r = Math.sqrt(r2);
                        double w = r > outer ? 1 : 0.5 + 0.5 * Math.cos(Math.PI * (outer - r) / width);
                        int i = x + n * (y + n * z);
                        if (pass == 0) { sum += w; sumBg += w * d[i]; }
                        else d[i] = (float) ((1 - w) * d[i] + w * bg);
                    }
            if (sum == 0) return;
        }
    }

    /** Offset of frequency (kx, ky, kz) in the half transform of a p³ cube; -p/2 and p/2 share a slot. */
    static int offset(int p, int kx, int ky, int kz) {
        return 2 * (kx + (p / 2 + 1) * (wrap(ky, p) + p * wrap(kz, p)));
    }

    private static int wrap(int k, int n) { return k < 0 ? k + n : k; }
}
