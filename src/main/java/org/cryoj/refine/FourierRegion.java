package org.cryoj.refine;

/**
 * The Fourier pixels of an N x N image's half transform (Fft layout, N/2+1 per row) within a
 * radius: RELION's "current size" window, where the E-step compares images and projections.
 * Both halves of the kx = 0 column are kept, as in RELION's FFTW arrays.
 */
public final class FourierRegion {
    private final int box, radius;
    private final int[] pixel, shell, kx, ky;

    public FourierRegion(int box, int radius) {
        if (radius < 1 || radius > box / 2) throw new IllegalArgumentException("window radius must lie in [1, " + box / 2 + "], was " + radius);
        this.box = box;
        this.radius = radius;
        int hx = box / 2 + 1, count = 0;
        int[] px = new int[hx * box], sh = new int[hx * box];
        for (int i = 0; i < box; i++) {
            int ky = i <= box / 2 ? i : i - box;
            for (int kx = 0; kx < hx; kx++) {
                int r2 = kx * kx + ky * ky;
                if (r2 > radius * radius) continue;
                px[count] = kx + hx * i;
                sh[count++] = (int) Math.round(Math.sqrt(r2));
            }
        }
        pixel = java.util.Arrays.copyOf(px, count);
        shell = java.util.Arrays.copyOf(sh, count);
        kx = new int[count];
        ky = new int[count];
        for (int j = 0; j < count; j++) {
            int i = pixel[j] / hx;
            kx[j] = pixel[j] % hx;
            ky[j] = i <= box / 2 ? i : i - box;
        }
    }

    /** The window of an image size ("current size", even): radius size / 2. */
    public static FourierRegion ofSize(int box, int size) { return new FourierRegion(box, Math.max(1, Math.min(box / 2, size / 2))); }

    public int box() { return box; }
    public int radius() { return radius; }
    /** Number of pixels K. */
    public int size() { return pixel.length; }
    /** Index (complex) in the full half transform of window pixel j. */
    public int pixel(int j) { return pixel[j]; }
    /** kx of every window pixel (the array itself: read only). */
    int[] kx() { return kx; }
    /** Signed ky of every window pixel (the array itself: read only). */
    int[] ky() { return ky; }
    /** Shell ROUND(|k|) of window pixel j. */
    public int shell(int j) { return shell[j]; }

    /** The projection of a reference at rotation {@code matrix}, at the window pixels only (interleaved complex). */
    public float[] project(org.cryoj.reconstruct.Projector projector, double[][] matrix) {
        float[] out = new float[2 * pixel.length];
        projector.project(matrix, kx, ky, out);
        return out;
    }

    /** Projections at several rotations into {@code out} (one array of 2K floats each; nearby rotations are made faster together: see {@link org.cryoj.reconstruct.Projector}). */
    public void project(org.cryoj.reconstruct.Projector projector, double[][][] matrices, float[][] out) {
        projector.project(matrices, kx, ky, out);
    }

    /** Interleaved complex values of the window pixels, from a full half transform. */
    public float[] gather(float[] full) {
        float[] out = new float[2 * pixel.length];
        for (int j = 0; j < pixel.length; j++) {
            out[2 * j] = full[2 * pixel[j]];
            out[2 * j + 1] = full[2 * pixel[j] + 1];
        }
        return out;
    }

    /** Real values (CTF) of the window pixels, from a full half-transform-sized array. */
    public float[] gatherReal(float[] full) {
        float[] out = new float[pixel.length];
        for (int j = 0; j < pixel.length; j++) out[j] = full[pixel[j]];
        return out;
    }

    /**
     * {@code a} (interleaved complex per window pixel) times the phase factors exp(-2 pi i k.d / N) of a shift by
     * (dx, dy) pixels: a shifted image, in a new array. Each factor is the product of the x and y factors, each made
     * once per frequency (a cosine and a sine per pixel were 7% of a box-256 local iteration), in double and then
     * rounded to float, so within the last bit of the direct formula; the product with {@code a} is in float.
     */
    public float[] shifted(float[] a, double dx, double dy) {
        double[][] f = axisFactors(dx, dy);
        double[] xr = f[0], xi = f[1], yr = f[2], yi = f[3];
        float[] out = new float[2 * pixel.length];
        for (int j = 0; j < pixel.length; j++) {
            int x = kx[j], y = ky[j] + radius;
            float pr = (float) (xr[x] * yr[y] - xi[x] * yi[y]), pi = (float) (xr[x] * yi[y] + xi[x] * yr[y]);
            out[2 * j] = a[2 * j] * pr - a[2 * j + 1] * pi;
            out[2 * j + 1] = a[2 * j] * pi + a[2 * j + 1] * pr;
        }
        return out;
    }

    /**
     * The phase factors of {@link #shifted} themselves (the same floats), as doubles into {@code out}: real parts
     * in [0, K), imaginary parts in [K, 2K), for loops that vectorise.
     */
    public void shiftPhasesPlanar(double dx, double dy, double[] out) {
        double[][] f = axisFactors(dx, dy);
        double[] xr = f[0], xi = f[1], yr = f[2], yi = f[3];
        int k = pixel.length;
        for (int j = 0; j < k; j++) {
            int x = kx[j], y = ky[j] + radius;
            out[j] = (float) (xr[x] * yr[y] - xi[x] * yi[y]);
            out[k + j] = (float) (xr[x] * yi[y] + xi[x] * yr[y]);
        }
    }

    /** cos and sin of the shift's phase along x (kx in 0..radius) and y (ky + radius in 0..2 radius). */
    private double[][] axisFactors(double dx, double dy) {
        int r = radius;
        double[] xr = new double[r + 1], xi = new double[r + 1], yr = new double[2 * r + 1], yi = new double[2 * r + 1];
        for (int k = 0; k <= r; k++) {
            double a = -2 * Math.PI * k * dx / box;
            xr[k] = Math.cos(a);
            xi[k] = Math.sin(a);
        }
        for (int k = -r; k <= r; k++) {
            double a = -2 * Math.PI * k * dy / box;
            yr[k + r] = Math.cos(a);
            yi[k + r] = Math.sin(a);
        }
        return new double[][] {xr, xi, yr, yi};
    }
}
