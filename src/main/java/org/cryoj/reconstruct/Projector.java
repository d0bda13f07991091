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

    /**
     * This projector's map up to a smaller {@code rMax}: the values {@link #of(FloatVolume, int, int)} gives, float for
     * float (both keep the same padded transform within the radius), without transforming the padded map again.
     */
    public Projector restricted(int rMax) {
        if (rMax == grid.rMax()) return this;
        if (rMax > grid.rMax()) throw new IllegalArgumentException("a projector up to " + grid.rMax() + " cannot give frequencies up to " + rMax);
        FourierGrid g = new FourierGrid(grid.box(), grid.padding(), rMax);
        float[] out = new float[2 * g.size()];
        int r = g.radius(), r2 = r * r;
        for (int z = -r; z <= r; z++)
            for (int y = -r; y <= r; y++)
                for (int x = 0; x <= r; x++) {
                    if (x * x + y * y + z * z > r2) continue;
                    int o = 2 * g.index(x, y, z), i = 2 * grid.index(x, y, z);
                    out[o] = data[i];
                    out[o + 1] = data[i + 1];
                }
        return new Projector(g, out);
    }

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
        int n = a.length;
        long[] m = FixedPoint.rows(a, a.length, grid.padding());
        int sy = 2 * grid.xSize(), sz = sy * grid.ySize(), origin = 2 * grid.index(0, 0, 0);
        for (int first = 0; first < kx.length; first += TILE) {
            int last = Math.min(kx.length, first + TILE);
            boolean inside = true; // a window within the grid's radius (the usual case) needs no test per pixel
            for (int j = first; j < last && inside; j++) inside = grid.holds(kx[j], ky[j]);
            for (int r = 0; r < n; r++) projectTile(m, r, kx, ky, first, last, inside, origin, sy, sz, out[r]);
        }
    }

    /**
     * Rotation r's projection at pixels first..last-1 into o. It calls the interpolation itself rather than through
     * {@link #interpolate} (which the JIT compiled on its own and did not inline) and tests the radius per tile: the
     * same values ~11% faster at box 64 (one thread, 64 nearby rotations).
     */
    private void projectTile(long[] m, int r, int[] kx, int[] ky, int first, int last, boolean inside, int origin, int sy,
                             int sz, float[] o) {
        long ax0 = m[6 * r], ay0 = m[6 * r + 1], az0 = m[6 * r + 2], ax1 = m[6 * r + 3], ay1 = m[6 * r + 4], az1 = m[6 * r + 5];
        for (int j = first; j < last; j++) {
            int x = kx[j], y = ky[j];
            if (!inside && !grid.holds(x, y)) {
                o[2 * j] = o[2 * j + 1] = 0;
                continue;
            }
            long xp = ax0 * x + ax1 * y, yp = ay0 * x + ay1 * y, zp = az0 * x + az1 * y;
            float sign = ((x + y) & 1) == 0 ? 1f : -1f, imSign = 1f;
            if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; imSign = -1f; }
            Trilinear.complexAt(data, origin + 2 * FixedPoint.floor(xp) + sy * FixedPoint.floor(yp) + sz * FixedPoint.floor(zp), sy, sz,
                    FixedPoint.fraction(xp), FixedPoint.fraction(yp), FixedPoint.fraction(zp), imSign, sign, o, 2 * j);
        }
    }

    /**
     * The trilinear value at {@link FixedPoint} coordinates (xp, yp, zp), Friedel's conjugate for xp &lt; 0, times {@code sign}
     * (the origin shift's (-1)^(kx+ky)), into o[j], o[j + 1].
     */
    private void interpolate(long xp, long yp, long zp, int origin, int sy, int sz, float sign, float[] o, int j) {
        float imSign = 1f;
        if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; imSign = -1f; }
        int x0 = FixedPoint.floor(xp), y0 = FixedPoint.floor(yp), z0 = FixedPoint.floor(zp);
        Trilinear.complexAt(data, origin + 2 * x0 + sy * y0 + sz * z0, sy, sz, FixedPoint.fraction(xp), FixedPoint.fraction(yp),
                FixedPoint.fraction(zp), imSign, sign, o, j);
    }

    /** Writes the projection for rotation a into {@code out} ({@link #projectionLength()} floats); allocation-free. */
    public void project(double[][] a, float[] out) {
        int n = grid.box(), hx = n / 2 + 1, rOut = n / 2;
        if (out.length != 2 * hx * n) throw new IllegalArgumentException("projection array must hold " + 2 * hx * n + " floats");
        Arrays.fill(out, 0f);
        long[] m = FixedPoint.rows(new double[][][] {a}, 1, grid.padding());
        int sy = 2 * grid.xSize(), sz = sy * grid.ySize(), origin = 2 * grid.index(0, 0, 0);
        for (int i = 0; i < n; i++) {
            int ky = i <= rOut ? i : i - n;
            for (int kx = 0; kx <= rOut; kx++) {
                if (!grid.holds(kx, ky)) continue;
                // from the centred origin of the grid to the corner origin of an image FFT: (-1)^(kx+ky)
                interpolate(m[0] * kx + m[3] * ky, m[1] * kx + m[4] * ky, m[2] * kx + m[5] * ky, origin, sy, sz,
                        ((kx + ky) & 1) == 0 ? 1f : -1f, out, 2 * (kx + hx * i));
            }
        }
    }
}
