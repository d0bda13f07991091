package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --LoG: the Laplacian-of-Gaussian blob detector for blobs of a given
 * diameter (Gunn 1999), applied in Fourier space as r^2 exp(-r^2 / (2 s^2)) / s^2 with r in
 * Fourier pixels and s = box * angpix / (2 * diameter).
 */
public final class LaplacianOfGaussian {
    private LaplacianOfGaussian() {}

    public static FloatVolume apply(FloatVolume v, double diameter, double angpix) {
        if (!(diameter > 0) || Double.isInfinite(diameter)) throw new IllegalArgumentException("--LoG must be a positive diameter in A, was " + diameter);
        FourierFilters.requireCubicOrSquare(v, "--LoG");
        double s = 0.5 * v.nx() * angpix / diameter, s2 = s * s;
        FourierVolume f = Fft.forward(v);
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            double r2 = (double) kx * kx + (double) ky * ky + (double) kz * kz;
            float w = (float) (r2 * Math.exp(-0.5 * r2 / s2) / s2);
            d[o] *= w;
            d[o + 1] *= w;
        });
        return Fft.inverse(f, v.pixelSize());
    }
}
