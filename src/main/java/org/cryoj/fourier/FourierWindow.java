package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/**
 * Cropping and padding in Fourier space (RELION's windowFourierTransform), which is how RELION
 * rescales a map: the transform of a cube (or square image) of size n becomes that of size m.
 * Growing copies every frequency within radius n/2 (rounded down), leaving the corners empty
 * so the result stays isotropic; shrinking keeps the cube of frequencies the new size can hold.
 * As the forward transform is divided by n^d and the inverse is not, a rescaled map keeps the
 * values of the original: it is its band-limited interpolation on the new grid.
 */
public final class FourierWindow {
    private FourierWindow() {}

    public static FourierVolume window(FourierVolume in, int newSize) {
        boolean image = in.nz() == 1;
        if (in.nx() != in.ny() || (!image && in.nz() != in.nx()))
            throw new IllegalArgumentException("Fourier windowing needs a cube or a square image, got "
                    + in.nx() + "x" + in.ny() + "x" + in.nz());
        if (newSize < 1) throw new IllegalArgumentException("new size must be positive, was " + newSize);
        int n = in.nx();
        if (newSize == n) return in.copy();
        FourierVolume out = FourierVolume.zeros(newSize, newSize, image ? 1 : newSize);
        float[] src = in.data(), dst = out.data();
        if (out.hx() > in.hx()) {
            long maxR2 = (long) (in.hx() - 1) * (in.hx() - 1);
            in.forEach((kx, ky, kz, o) -> {
                if ((long) kx * kx + (long) ky * ky + (long) kz * kz > maxR2) return;
                int p = out.offset(kx, ky, kz);
                dst[p] = src[o];
                dst[p + 1] = src[o + 1];
            });
        } else {
            out.forEach((kx, ky, kz, p) -> {
                // input index of the same signed frequency, wrapped as RELION's FFTW_ELEM wraps it
                int o = 2 * (kx + in.hx() * (FourierVolume.arrayIndex(ky, n) + n * FourierVolume.arrayIndex(kz, in.nz())));
                dst[p] = src[o];
                dst[p + 1] = src[o + 1];
            });
        }
        return out;
    }

    /** RELION's resizeMap: the map resampled to newSize voxels per side; the voxel size is given. */
    public static FloatVolume resize(FloatVolume v, int newSize, double newPixelSize) {
        return Fft.inverse(window(Fft.forward(v), newSize), newPixelSize);
    }
}
