package org.cryoj.fourier;

import java.util.stream.IntStream;

import org.cryoj.image.FloatVolume;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real-to-complex FFTs of maps (nz &gt; 1) and images (nz == 1) of any size, odd ones included,
 * with RELION's conventions: the forward transform is divided by the number of voxels, the
 * inverse is not, so {@code inverse(forward(v))} gives v back and F(0) is the mean.
 *
 * <p>Built from JTransforms' 1D double transforms (realForwardFull along x, complex along y and z)
 * rather than its 3D real transform, whose packed half layout works for power-of-two sizes only;
 * this keeps the half-complex layout of {@link FourierVolume} for every size. The inverse is the
 * c2r transform: along x the imaginary parts at frequency 0 and (even sizes) nx/2 are ignored,
 * which is what FFTW's c2r does with them.
 */
public final class Fft {
    private Fft() {}

    public static FourierVolume forward(FloatVolume v) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), hx = nx / 2 + 1;
        FourierVolume out = FourierVolume.zeros(nx, ny, nz);
        float[] src = v.data(), dst = out.data();
        double scale = 1.0 / ((double) nx * ny * nz);
        parallel(ny * nz, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nx);
            double[] buf = new double[2 * nx];
            for (int row = from; row < to; row++) {
                for (int x = 0; x < nx; x++) buf[x] = src[row * nx + x];
                fft.realForwardFull(buf);
                int o = 2 * hx * row;
                for (int i = 0; i < 2 * hx; i++) dst[o + i] = (float) (buf[i] * scale);
            }
        });
        transformAxes(out, true);
        return out;
    }

    /** The real map of a half transform; its voxel size is the one given. */
    public static FloatVolume inverse(FourierVolume f, double pixelSize) {
        int nx = f.nx(), ny = f.ny(), nz = f.nz(), hx = f.hx();
        FourierVolume work = f.copy();
        transformAxes(work, false);
        float[] src = work.data();
        float[] dst = new float[Math.multiplyExact(nx, Math.multiplyExact(ny, nz))];
        parallel(ny * nz, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nx);
            double[] buf = new double[2 * nx];
            for (int row = from; row < to; row++) {
                int o = 2 * hx * row;
                for (int k = 0; k < nx; k++) {
                    // Hermitian completion of the x axis: F(-k) = conj(F(k))
                    if (k < hx) { buf[2 * k] = src[o + 2 * k]; buf[2 * k + 1] = src[o + 2 * k + 1]; }
                    else { int m = nx - k; buf[2 * k] = src[o + 2 * m]; buf[2 * k + 1] = -src[o + 2 * m + 1]; }
                }
                fft.complexInverse(buf, false);
                for (int x = 0; x < nx; x++) dst[row * nx + x] = (float) buf[2 * x];
            }
        });
        return new FloatVolume(nx, ny, nz, dst, pixelSize);
    }

    /** Complex transforms along y then z (forward), or z then y (inverse), in place. */
    private static void transformAxes(FourierVolume f, boolean forward) {
        if (forward) { axisY(f, true); axisZ(f, true); }
        else { axisZ(f, false); axisY(f, false); }
    }

    private static void axisY(FourierVolume f, boolean forward) {
        int ny = f.ny(), nz = f.nz(), hx = f.hx();
        if (ny == 1) return;
        float[] d = f.data();
        parallel(nz, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(ny);
            double[] buf = new double[2 * ny];
            for (int z = from; z < to; z++)
                for (int x = 0; x < hx; x++) {
                    int base = 2 * (x + hx * ny * z), stride = 2 * hx;
                    line(fft, buf, d, base, stride, ny, forward);
                }
        });
    }

    private static void axisZ(FourierVolume f, boolean forward) {
        int ny = f.ny(), nz = f.nz(), hx = f.hx();
        if (nz == 1) return;
        float[] d = f.data();
        parallel(ny, (from, to) -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nz);
            double[] buf = new double[2 * nz];
            for (int y = from; y < to; y++)
                for (int x = 0; x < hx; x++) {
                    int base = 2 * (x + hx * y), stride = 2 * hx * ny;
                    line(fft, buf, d, base, stride, nz, forward);
                }
        });
    }

    private static void line(DoubleFFT_1D fft, double[] buf, float[] d, int base, int stride, int n, boolean forward) {
        for (int i = 0, o = base; i < n; i++, o += stride) { buf[2 * i] = d[o]; buf[2 * i + 1] = d[o + 1]; }
        if (forward) fft.complexForward(buf); else fft.complexInverse(buf, false);
        for (int i = 0, o = base; i < n; i++, o += stride) { d[o] = (float) buf[2 * i]; d[o + 1] = (float) buf[2 * i + 1]; }
    }

    @FunctionalInterface
    interface Range { void run(int from, int to); }

    /** Splits [0, n) into one chunk per core; each chunk gets its own FFT plan and buffer. */
    static void parallel(int n, Range r) {
        int chunks = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, chunks).parallel().forEach(c -> r.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
    }
}
