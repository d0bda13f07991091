package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;
import org.cryoj.simd.VectorApi;

/**
 * RELION's resizeMap for square 2D images of fixed sizes, n x n to m x m ({@link FourierWindow#resize}:
 * forward FFT divided by n², Fourier crop or pad, unnormalised inverse), into a caller's array and
 * with buffers kept between calls, for resampling many particle boxes. Not thread-safe: one per
 * thread.
 */
public interface ImageRescaler {

    /** @param in n * n pixels, x fastest; @param out receives m * m pixels */
    void rescale(float[] in, float[] out);

    /**
     * The fastest form this JVM runs: batched float FFTs on the Vector API for even sizes where
     * the JVM has jdk.incubator.vector (the cryoj launcher adds it), else {@link FourierWindow#resize}
     * (JTransforms, in double).
     */
    static ImageRescaler of(int n, int m) {
        if (n < 1 || m < 1) throw new IllegalArgumentException("image sizes must be positive, were " + n + " and " + m);
        if (n % 2 == 0 && m % 2 == 0)
            return VectorApi.instanceOr(ImageRescaler.class, "org.cryoj.fourier.VectorImageRescaler", why -> windowed(n, m), n, m);
        return windowed(n, m);
    }

    /** {@link FourierWindow#resize} itself (new arrays per call). */
    static ImageRescaler windowed(int n, int m) {
        return (in, out) -> {
            if (in.length != n * n || out.length != m * m)
                throw new IllegalArgumentException("expected " + n + "² pixels in and " + m + "² out, got " + in.length + " and " + out.length);
            float[] r = FourierWindow.resize(new FloatVolume(n, n, 1, in, 1.0), m, 1.0).data();
            System.arraycopy(r, 0, out, 0, r.length);
        };
    }
}
