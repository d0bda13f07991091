package org.cryoj.reconstruct;

import java.util.stream.IntStream;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * 3D real-to-half-complex FFTs of a cube of any size n, for {@link IterativeGridding}, which must
 * convolve on RELION's grid of 2R + 3 points, a size that is often prime. JTransforms handles sizes
 * whose factors are 2, 3 and 5 quickly but others by a Bluestein transform that took 34 us per line
 * of 131 points (2 us at 135); here Bluestein's chirp and its transform are made once per size and
 * each line costs two power-of-two FFTs (about 10 us at 131). Conventions as
 * {@link org.cryoj.fourier.Fft}: forward divided by n^3, inverse not; half transform x-fastest with
 * (n/2 + 1) x frequencies, interleaved complex floats; lines in double.
 */
final class GridFft {
    private final int n, hx;
    private final boolean smooth;
    private final int m;
    private final double[] chirp, chirpTransform;

    GridFft(int n) {
        this.n = n;
        this.hx = n / 2 + 1;
        int k = n;
        for (int f : new int[] {2, 3, 5}) while (k % f == 0) k /= f;
        smooth = k == 1;
        if (smooth) {
            m = 0;
            chirp = chirpTransform = null;
            return;
        }
        int mm = 1;
        while (mm < 2 * n - 1) mm <<= 1;
        m = mm;
        chirp = new double[2 * n];
        for (int j = 0; j < n; j++) {
            double a = Math.PI * (((long) j * j) % (2L * n)) / n;   // w[j] = exp(-i pi j^2 / n)
            chirp[2 * j] = Math.cos(a);
            chirp[2 * j + 1] = -Math.sin(a);
        }
        chirpTransform = new double[2 * m];
        for (int j = 0; j < n; j++) {   // conj(w) at j and at m - j
            chirpTransform[2 * j] = chirp[2 * j];
            chirpTransform[2 * j + 1] = -chirp[2 * j + 1];
            if (j > 0) {
                chirpTransform[2 * (m - j)] = chirp[2 * j];
                chirpTransform[2 * (m - j) + 1] = -chirp[2 * j + 1];
            }
        }
        new DoubleFFT_1D(m).complexForward(chirpTransform);
    }

    int size() { return n; }

    /** One thread's plan and buffers. */
    private final class Line {
        final DoubleFFT_1D fft = new DoubleFFT_1D(smooth ? n : m);
        final double[] work = smooth ? null : new double[2 * m];
        final double[] buf = new double[2 * n];

        /** In place on buf: forward (exp -) or inverse (exp +) DFT, unnormalised. */
        void transform(boolean forward) {
            if (smooth) {
                if (forward) fft.complexForward(buf);
                else fft.complexInverse(buf, false);
                return;
            }
            double s = forward ? 1 : -1;   // the inverse is the conjugate of the forward of the conjugate
            java.util.Arrays.fill(work, 0);
            for (int j = 0; j < n; j++) {
                double re = buf[2 * j], im = s * buf[2 * j + 1], cr = chirp[2 * j], ci = chirp[2 * j + 1];
                work[2 * j] = re * cr - im * ci;
                work[2 * j + 1] = re * ci + im * cr;
            }
            fft.complexForward(work);
            for (int j = 0; j < m; j++) {
                double re = work[2 * j], im = work[2 * j + 1], br = chirpTransform[2 * j], bi = chirpTransform[2 * j + 1];
                work[2 * j] = re * br - im * bi;
                work[2 * j + 1] = re * bi + im * br;
            }
            fft.complexInverse(work, true);
            for (int j = 0; j < n; j++) {
                double re = work[2 * j], im = work[2 * j + 1], cr = chirp[2 * j], ci = chirp[2 * j + 1];
                buf[2 * j] = re * cr - im * ci;
                buf[2 * j + 1] = s * (re * ci + im * cr);
            }
        }
    }

    /** Half transform (2 hx n n floats) to the real cube (n^3 floats). */
    float[] inverse(float[] half) {
        float[] h = half.clone();
        axis(h, false, true);    // z
        axis(h, false, false);   // y
        float[] out = new float[n * n * n];
        // two Hermitian rows at once: the inverse of H1 + i H2 is row1 + i row2 (both real)
        int pairs = (n * n + 1) / 2;
        parallel(pairs, (from, to) -> {
            Line l = new Line();
            for (int p = from; p < to; p++) {
                int r1 = 2 * p, r2 = Math.min(2 * p + 1, n * n - 1), o1 = 2 * hx * r1, o2 = 2 * hx * r2;
                for (int k = 0; k < n; k++) {
                    int src = k < hx ? k : n - k;
                    double sign = k < hx ? 1 : -1;
                    double a = h[o1 + 2 * src], b = sign * h[o1 + 2 * src + 1];   // H1(k)
                    double c = r2 != r1 ? h[o2 + 2 * src] : 0, e = r2 != r1 ? sign * h[o2 + 2 * src + 1] : 0;   // H2(k)
                    l.buf[2 * k] = a - e;
                    l.buf[2 * k + 1] = b + c;
                }
                l.transform(false);
                for (int x = 0; x < n; x++) {
                    out[r1 * n + x] = (float) l.buf[2 * x];
                    if (r2 != r1) out[r2 * n + x] = (float) l.buf[2 * x + 1];
                }
            }
        });
        return out;
    }

    /** The real cube to its half transform, divided by n^3. */
    float[] forward(float[] real) {
        float[] h = new float[2 * hx * n * n];
        double scale = 1.0 / ((double) n * n * n);
        // two real rows at once: with Z = FFT(row1 + i row2), row1 -> (Z(k) + conj Z(-k)) / 2, row2 -> (Z(k) - conj Z(-k)) / 2i
        int pairs = (n * n + 1) / 2;
        parallel(pairs, (from, to) -> {
            Line l = new Line();
            for (int p = from; p < to; p++) {
                int r1 = 2 * p, r2 = Math.min(2 * p + 1, n * n - 1);
                for (int x = 0; x < n; x++) {
                    l.buf[2 * x] = real[r1 * n + x];
                    l.buf[2 * x + 1] = r2 != r1 ? real[r2 * n + x] : 0;
                }
                l.transform(true);
                int o1 = 2 * hx * r1, o2 = 2 * hx * r2;
                for (int k = 0; k < hx; k++) {
                    int mk = k == 0 ? 0 : n - k;
                    double zr = l.buf[2 * k], zi = l.buf[2 * k + 1], wr = l.buf[2 * mk], wi = -l.buf[2 * mk + 1];   // Z(k), conj Z(-k)
                    h[o1 + 2 * k] = (float) (0.5 * (zr + wr) * scale);
                    h[o1 + 2 * k + 1] = (float) (0.5 * (zi + wi) * scale);
                    if (r2 != r1) {
                        h[o2 + 2 * k] = (float) (0.5 * (zi - wi) * scale);
                        h[o2 + 2 * k + 1] = (float) (-0.5 * (zr - wr) * scale);
                    }
                }
            }
        });
        axis(h, true, false);
        axis(h, true, true);
        return h;
    }

    /** Complex transforms along y (z = false) or z of the half array, in place. */
    private void axis(float[] d, boolean forward, boolean z) {
        parallel(n, (from, to) -> {
            Line l = new Line();
            for (int outer = from; outer < to; outer++)
                for (int x = 0; x < hx; x++) {
                    int base = z ? 2 * (x + hx * outer) : 2 * (x + hx * n * outer);
                    int stride = z ? 2 * hx * n : 2 * hx;
                    for (int i = 0, o = base; i < n; i++, o += stride) { l.buf[2 * i] = d[o]; l.buf[2 * i + 1] = d[o + 1]; }
                    l.transform(forward);
                    for (int i = 0, o = base; i < n; i++, o += stride) { d[o] = (float) l.buf[2 * i]; d[o + 1] = (float) l.buf[2 * i + 1]; }
                }
        });
    }

    @FunctionalInterface
    private interface Range { void run(int from, int to); }

    private static void parallel(int count, Range r) {
        int chunks = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, chunks).parallel().forEach(c -> r.run((int) ((long) count * c / chunks), (int) ((long) count * (c + 1) / chunks)));
    }
}
