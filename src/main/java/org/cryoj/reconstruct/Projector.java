package org.cryoj.reconstruct;

import java.util.Arrays;

import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * Fourier-space projections of a map (RELION's Projector): central slices of the padded,
 * gridding pre-corrected transform, read by trilinear interpolation.
 *
 * <p>Orientation: A is RELION's Euler matrix (map to projection coordinates); the 2D frequency
 * (x, y) of the projection sits at A<sup>T</sup>(x, y, 0) in the map's transform, so angles
 * (0, 0, 0) sum the map along z. Output: the half-complex transform of the N x N projection in
 * {@link org.cryoj.fourier.Fft}'s layout and scale (origin at pixel 0, divided by N²), so
 * {@code Fft.inverse} gives the projection image with the map centre at pixel (N/2, N/2), as
 * relion_project writes it. Frequencies beyond rMax stay zero. Immutable and thread-safe.
 */
public final class Projector {
    private final FourierGrid grid;
    private final float[] data;

    private Projector(FourierGrid grid, float[] data) {
        this.grid = grid;
        this.data = data;
    }

    /** The projector of a cubic map with an even box, padded {@code padding} times, up to rMax. */
    public static Projector of(FloatVolume map, int padding, int rMax) {
        FourierGrid g = new FourierGrid(map.nx(), padding, rMax);
        return new Projector(g, PaddedTransform.toGrid(map, g));
    }

    /** All frequencies to Nyquist. */
    public static Projector of(FloatVolume map, int padding) { return of(map, padding, map.nx() / 2); }

    public FourierGrid grid() { return grid; }

    /** The grid's values, interleaved complex at {@link FourierGrid#index} (the array itself, read only: a device copies it). */
    public float[] data() { return data; }

    /** Floats in a projection: 2 (N/2 + 1) N. */
    public int projectionLength() { return 2 * (grid.box() / 2 + 1) * grid.box(); }

    /** A new projection for rotation matrix a (3x3, row-major rows). */
    public FourierVolume project(double[][] a) {
        int n = grid.box();
        FourierVolume out = FourierVolume.zeros(n, n, 1);
        project(a, out.data());
        return out;
    }

    /**
     * The projection at listed Fourier pixels only (kx[j] &gt;= 0, ky[j] signed), interleaved
     * complex into out[2j], out[2j + 1]: the E-step's window without computing the whole plane.
     * Equal to {@link #project(double[][], float[])} at those pixels.
     */
    public void project(double[][] a, int[] kx, int[] ky, float[] out) {
        project(new double[][][] {a}, kx, ky, new float[][] {out});
    }

    /** Pixels per tile of the many-rotation projection: the tile's pixels for all rotations, then the next tile. */
    private static final int TILE = 64;

    /**
     * {@link #project(double[][], int[], int[], float[])} for several rotations, out[r] for a[r]. Pixel
     * tiles outermost: the rotations of a local search (or a parent's children) lie within a few
     * degrees, so a tile's pixels read the same few voxels for all of them, from cache.
     */
    public void project(double[][][] a, int[] kx, int[] ky, float[][] out) {
        double pad = grid.padding();
        int n = a.length;
        double[] m = new double[6 * n];
        for (int r = 0; r < n; r++) {
            m[6 * r] = a[r][0][0] * pad; m[6 * r + 1] = a[r][0][1] * pad; m[6 * r + 2] = a[r][0][2] * pad;
            m[6 * r + 3] = a[r][1][0] * pad; m[6 * r + 4] = a[r][1][1] * pad; m[6 * r + 5] = a[r][1][2] * pad;
        }
        double r2max = (double) grid.radius() * grid.radius(), rOut2 = (double) (grid.box() / 2) * (grid.box() / 2);
        int sy = 2 * grid.xSize(), sz = sy * grid.ySize(), origin = 2 * grid.index(0, 0, 0);
        for (int first = 0; first < kx.length; first += TILE) {
            int last = Math.min(kx.length, first + TILE);
            for (int r = 0; r < n; r++) {
                double ax0 = m[6 * r], ay0 = m[6 * r + 1], az0 = m[6 * r + 2], ax1 = m[6 * r + 3], ay1 = m[6 * r + 4], az1 = m[6 * r + 5];
                float[] o = out[r];
                for (int j = first; j < last; j++) {
                    int x = kx[j], y = ky[j];
                    double xp = ax0 * x + ax1 * y, yp = ay0 * x + ay1 * y, zp = az0 * x + az1 * y;
                    if (xp * xp + yp * yp + zp * zp > r2max || (double) x * x + (double) y * y > rOut2) {
                        o[2 * j] = o[2 * j + 1] = 0;
                        continue;
                    }
                    float imSign = 1f;
                    if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; imSign = -1f; }
                    int x0 = (int) xp, y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
                    // from the centred origin of the grid to the corner origin of an image FFT: (-1)^(kx+ky)
                    Trilinear.complexAt(data, origin + 2 * x0 + sy * y0 + sz * z0, sy, sz, (float) (xp - x0), (float) (yp - y0),
                            (float) (zp - z0), imSign, ((x + y) & 1) == 0 ? 1f : -1f, o, 2 * j);
                }
            }
        }
    }

    /** Writes the projection for rotation a into {@code out} ({@link #projectionLength()} floats); allocation-free. */
    public void project(double[][] a, float[] out) {
        int n = grid.box(), hx = n / 2 + 1, rOut = n / 2;
        if (out.length != 2 * hx * n) throw new IllegalArgumentException("projection array must hold " + 2 * hx * n + " floats");
        Arrays.fill(out, 0f);
        double pad = grid.padding();
        double ax0 = a[0][0] * pad, ay0 = a[0][1] * pad, az0 = a[0][2] * pad;
        double ax1 = a[1][0] * pad, ay1 = a[1][1] * pad, az1 = a[1][2] * pad;
        double r2max = (double) grid.radius() * grid.radius();
        float[] v = new float[2];
        for (int i = 0; i < n; i++) {
            int ky = i <= rOut ? i : i - n;
            int xMax = (int) Math.floor(Math.sqrt((double) rOut * rOut - (double) ky * ky));
            for (int kx = 0; kx <= xMax; kx++) {
                double xp = ax0 * kx + ax1 * ky, yp = ay0 * kx + ay1 * ky, zp = az0 * kx + az1 * ky;
                if (xp * xp + yp * yp + zp * zp > r2max) continue;
                Trilinear.complexAt(data, grid, xp, yp, zp, v);
                // from the centred origin of the grid to the corner origin of an image FFT: (-1)^(kx+ky)
                float s = ((kx + ky) & 1) == 0 ? 1f : -1f;
                int o = 2 * (kx + hx * i);
                out[o] = s * v[0];
                out[o + 1] = s * v[1];
            }
        }
    }
}
