package org.cryoj.map;

import java.util.Objects;

import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * --fourier_filter: the transform is multiplied, frequency by frequency, by the filter image
 * read as a centred Fourier-space image (frequency (kx, ky, kz) at voxel (n/2 + kx, ...)); in
 * 2D the filter is turned by psi first (RELION takes it from rlnAnglePsi of a STAR input;
 * maps use kz unturned). Frequencies the filter image does not hold (the +n/2 Nyquist row and
 * column of an even box) get 0, as in RELION; so does the +n/2 plane of an even map, where
 * RELION reads past the end of the filter image. Non-square images are refused: RELION's loop
 * labels their y frequencies by nx/2 + 1, not ny/2 + 1, and so multiplies some rows by the
 * filter's values for other frequencies (as with --highpass and --bfactor, README).
 *
 * @param psi in-plane angle in degrees
 */
public record FourierFilter(FloatVolume filter, double psi) implements ImageOperation {
    public FourierFilter {
        Objects.requireNonNull(filter, "filter");
        if (!Double.isFinite(psi)) throw new IllegalArgumentException("psi must be finite, was " + psi);
    }

    @Override
    public FloatVolume apply(FloatVolume v) {
        if (v.nz() == 1 ? v.nx() != v.ny() : !v.isCube())
            throw new IllegalArgumentException("--fourier_filter needs a cubic map or a square image, got " + v.nx() + "x" + v.ny() + "x" + v.nz());
        ImageOperation.requireSameSize(v, filter);
        FourierVolume f = Fft.forward(v);
        double c = Math.cos(Math.toRadians(psi)), s = Math.sin(Math.toRadians(psi));
        int nx = filter.nx(), ny = filter.ny(), nz = filter.nz();
        float[] d = f.data(), w = filter.data();
        f.forEach((kx, ky, kz, o) -> {
            int x = roundHalfAway(kx * c - ky * s) + nx / 2, y = roundHalfAway(kx * s + ky * c) + ny / 2, z = kz + nz / 2;
            float weight = x >= 0 && x < nx && y >= 0 && y < ny && z < nz ? w[x + nx * (y + ny * z)] : 0f;
            d[o] *= weight;
            d[o + 1] *= weight;
        });
        return Fft.inverse(f, v.pixelSize());
    }

    /** RELION's ROUND: halves away from zero. */
    private static int roundHalfAway(double x) {
        return (int) (x > 0 ? Math.floor(x + 0.5) : Math.ceil(x - 0.5));
    }
}
