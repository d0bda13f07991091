package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --bfactor: every frequency up to Nyquist is multiplied by
 * exp(-B/4 * s^2), s = |k| / (box * angpix) in 1/Å; frequencies beyond Nyquist (the corners of
 * the cube) are zeroed, as RELION does. A negative B sharpens.
 */
public final class BFactor {
    private BFactor() {}

    public static FloatVolume apply(FloatVolume v, double bfactor, double angpix) {
        if (!Double.isFinite(bfactor)) throw new IllegalArgumentException("--bfactor must be a finite number of A^2, was " + bfactor);
        if (!(angpix > 0)) throw new IllegalArgumentException("--bfactor needs a positive pixel size, was " + angpix);
        FourierFilters.requireCubicOrSquare(v, "--bfactor");
        FourierVolume f = Fft.forward(v);
        int box = v.nx();
        double nyquist = 1 / (2 * angpix);
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            double s = FourierVolume.radius(kx, ky, kz) / (box * angpix);
            float w = s <= nyquist ? (float) Math.exp(-bfactor / 4 * s * s) : 0f;
            d[o] *= w;
            d[o + 1] *= w;
        });
        return Fft.inverse(f, v.pixelSize());
    }
}
