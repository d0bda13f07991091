package org.cryoj.fourier;

/**
 * {@link ImageRescaler} for even sizes on batched float FFTs ({@link VectorFft}), with the same
 * arithmetic as {@link FourierWindow#resize} to float rounding: forward transform divided by n²,
 * the spectrum cropped to m (or padded, keeping frequencies within radius n/2), then y inverted
 * as complex and x as complex-to-real, ignoring the imaginary parts at kx = 0 and m/2 as FFTW's
 * c2r does.
 *
 * <p>Every 1D transform runs across many sequences at once, so the fast (x) axis is transposed
 * before it is transformed. Real data are transformed two rows at a time (rows b and b + n/2 as
 * the real and imaginary parts of one sequence, split afterwards by Hermitian symmetry), and only
 * the columns the output keeps (kx &lt;= min(n, m)/2) go through the y transforms: about 45% of
 * the work of a full complex 2D transform.
 */
final class VectorImageRescaler implements ImageRescaler {
    private static final int T = 16;   // transpose tile

    private final int n, m, hn, hm;
    /** x frequencies carried through the y transforms (forward), and those of the output. */
    private final int kf, ko;
    /** Padded lane counts (row strides) of the four batched transforms. */
    private final int lanesRows, lanesF, lanesO, lanesOut;
    private final VectorFft fftN, fftM;
    private final float[] pr, pi, xr, xi, or, oi, zr, zi;
    private final float scale;

    VectorImageRescaler(int n, int m) {
        if (n < 2 || m < 2 || n % 2 != 0 || m % 2 != 0)
            throw new IllegalArgumentException("sizes must be even and >= 2, were " + n + " and " + m);
        this.n = n;
        this.m = m;
        hn = n / 2;
        hm = m / 2;
        kf = Math.min(hn, hm) + 1;
        ko = hm + 1;
        lanesRows = pad(hn);
        lanesF = pad(kf);
        lanesO = pad(ko);
        lanesOut = pad(hm);
        // the larger transform's scratch serves both
        VectorFft large = new VectorFft(Math.max(n, m));
        fftN = n >= m ? large : new VectorFft(n, large);
        fftM = m >= n ? large : new VectorFft(m, large);
        // two pairs of arrays serve the four stages, each stage reading the pair the last wrote:
        // rows (pr, pi) -> columns (xr, xi) -> output spectrum (or, oi = pr, pi) -> output rows (zr, zi = xr, xi)
        int a = Math.max(n * lanesRows, m * lanesO), b = Math.max(n * lanesF, m * lanesOut);
        pr = new float[a];
        pi = new float[a];
        xr = new float[b];
        xi = new float[b];
        or = pr;
        oi = pi;
        zr = xr;
        zi = xi;
        // RELION's forward transform is divided by the pixel count; the 1/2 is the two-row split's
        scale = (float) (0.5 / ((double) n * n));
    }

    private static int pad(int lanes) {
        return (lanes + VectorFft.LANE_MULTIPLE - 1) / VectorFft.LANE_MULTIPLE * VectorFft.LANE_MULTIPLE;
    }

    @Override
    public void rescale(float[] in, float[] out) {
        if (in.length != n * n || out.length != m * m)
            throw new IllegalArgumentException("expected " + n + "² pixels in and " + m + "² out, got " + in.length + " and " + out.length);
        // rows b and b + n/2 as one complex sequence along x, transposed: lane b, element x
        transpose(in, 0, n, pr, 0, lanesRows, hn, n);
        transpose(in, hn * n, n, pi, 0, lanesRows, hn, n);
        fftN.forward(pr, pi, 0, lanesRows, lanesRows);
        splitRows();
        fftN.forward(xr, xi, 0, lanesF, lanesF);
        window();
        fftM.forward(oi, or, 0, lanesO, lanesO);   // inverse along y: (im, re) swapped
        pairRows();
        fftM.forward(zi, zr, 0, lanesOut, lanesOut);   // inverse along x, two rows per sequence
        transpose(zr, 0, lanesOut, out, 0, m, m, hm);
        transpose(zi, 0, lanesOut, out, hm * m, m, m, hm);
    }

    /**
     * Z = A + iB, A and B the x transforms of rows b and b + n/2: A(k) = (Z(k) + conj Z(-k)) / 2,
     * B(k) = (Z(k) - conj Z(-k)) / 2i, for the kept kx, written transposed: row y, lane kx.
     */
    private void splitRows() {
        // in tiles of T x T, so the transposed writes stay within a few cache lines
        for (int k0 = 0; k0 < kf; k0 += T) {
            int k1 = Math.min(kf, k0 + T);
            for (int b0 = 0; b0 < hn; b0 += T) {
                int b1 = Math.min(hn, b0 + T);
                for (int b = b0; b < b1; b++) {
                    int a = b * lanesF, c = (b + hn) * lanesF;
                    for (int kx = k0; kx < k1; kx++) {
                        int z = kx * lanesRows + b, w = ((n - kx) % n) * lanesRows + b;
                        float zRe = pr[z], zIm = pi[z], wRe = pr[w], wIm = pi[w];
                        xr[a + kx] = scale * (zRe + wRe);
                        xi[a + kx] = scale * (zIm - wIm);
                        xr[c + kx] = scale * (zIm + wIm);
                        xi[c + kx] = scale * (wRe - zRe);
                    }
                }
            }
        }
    }

    /** The m rows of the output spectrum, as FourierWindow.window picks them. */
    private void window() {
        if (m <= n) {
            for (int yo = 0; yo < m; yo++) {
                int yi = FourierVolume.arrayIndex(FourierVolume.frequency(yo, m), n);
                System.arraycopy(xr, yi * lanesF, or, yo * lanesO, ko);
                System.arraycopy(xi, yi * lanesF, oi, yo * lanesO, ko);
            }
            return;
        }
        java.util.Arrays.fill(or, 0);
        java.util.Arrays.fill(oi, 0);
        long maxR2 = (long) hn * hn;   // growing keeps the frequencies within radius n/2 only
        for (int yi = 0; yi < n; yi++) {
            int ky = FourierVolume.frequency(yi, n), yo = FourierVolume.arrayIndex(ky, m);
            for (int kx = 0; kx < kf; kx++) {
                if ((long) kx * kx + (long) ky * ky > maxR2) break;
                or[yo * lanesO + kx] = xr[yi * lanesF + kx];
                oi[yo * lanesO + kx] = xi[yi * lanesF + kx];
            }
        }
    }

    /**
     * Rows b and b + m/2 of the y-inverted spectrum as one Hermitian-completed sequence along x,
     * Z = A + iB, element k, lane b; the imaginary parts at kx = 0 and m/2 dropped (c2r).
     */
    private void pairRows() {
        // in tiles of T rows b x T elements k, so the column reads stay within a few cache lines
        for (int b0 = 0; b0 < hm; b0 += T) {
            int b1 = Math.min(hm, b0 + T);
            for (int k0 = 0; k0 < m; k0 += T) {
                int k1 = Math.min(m, k0 + T);
                for (int k = k0; k < k1; k++) {
                    boolean mirrored = k > hm;
                    int c = mirrored ? m - k : k;
                    float imScale = c == 0 || c == hm ? 0 : mirrored ? -1 : 1;
                    int z = k * lanesOut;
                    for (int b = b0; b < b1; b++) {
                        int a = b * lanesO + c, d = (b + hm) * lanesO + c;
                        zr[z + b] = or[a] - imScale * oi[d];
                        zi[z + b] = imScale * oi[a] + or[d];
                    }
                }
            }
        }
    }

    /**
     * dst[dOff + c * dStride + r] = src[sOff + r * sStride + c] for r < rows, c < cols, in tiles
     * (vector gathers were no faster here: the Vector API checks their indices lane by lane).
     */
    private static void transpose(float[] src, int sOff, int sStride, float[] dst, int dOff, int dStride, int rows, int cols) {
        for (int r0 = 0; r0 < rows; r0 += T) {
            int r1 = Math.min(rows, r0 + T);
            for (int c0 = 0; c0 < cols; c0 += T) {
                int c1 = Math.min(cols, c0 + T);
                for (int c = c0; c < c1; c++) {
                    int d = dOff + c * dStride;
                    for (int r = r0; r < r1; r++) dst[d + r] = src[sOff + r * sStride + c];
                }
            }
        }
    }
}
