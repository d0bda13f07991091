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
     * Phase factors exp(-2 pi i k.d / N) of a shift by (dx, dy) pixels, for every window pixel: the product of
     * the x and y factors, each made once per frequency (a cosine and a sine per pixel were 7% of a box-256
     * local iteration); in double, so the floats are those of the direct formula to within their last bit.
     */
    public float[] shiftPhases(double dx, double dy) {
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
        float[] out = new float[2 * pixel.length];
        for (int j = 0; j < pixel.length; j++) {
            int x = kx[j], y = ky[j] + r;
            out[2 * j] = (float) (xr[x] * yr[y] - xi[x] * yi[y]);
            out[2 * j + 1] = (float) (xr[x] * yi[y] + xi[x] * yr[y]);
        }
        return out;
    }

    /** Complex product a * phase, per window pixel. */
    public static float[] multiply(float[] a, float[] phase) {
        float[] out = new float[a.length];
        for (int j = 0; j < a.length; j += 2) {
            out[j] = a[j] * phase[j] - a[j + 1] * phase[j + 1];
            out[j + 1] = a[j] * phase[j + 1] + a[j + 1] * phase[j];
        }
        return out;
    }
}
