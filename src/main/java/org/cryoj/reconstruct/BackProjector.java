package org.cryoj.reconstruct;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.cryoj.image.FloatVolume;

/**
 * Accumulates 2D Fourier slices into a padded 3D Fourier volume (RELION's BackProjector): the
 * data term sum(CTF F) and the weight sum(CTF²), each splatted onto the eight grid points around
 * A<sup>T</sup>(x, y, 0) with trilinear weights, the transpose of {@link Projector}'s reading.
 *
 * <p>The accumulator equals full-space splatting restricted to x &gt;= 0: contributions landing
 * on the x = 0 plane are also added, conjugated, at the Friedel mate, and the redundant half of
 * the image's x = 0 column (ky &lt; 0) is skipped. It therefore stays Hermitian on x = 0, so
 * accumulators can be merged, symmetrised and reconstructed in any order. Not thread-safe: use
 * one per thread and {@link #merge} them.
 */
public final class BackProjector implements SliceAccumulator, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final FourierGrid grid;
    private final float[] data;
    private final float[] weight;

    public BackProjector(FourierGrid grid) {
        this.grid = grid;
        this.data = new float[2 * grid.size()];
        this.weight = new float[grid.size()];
    }

    public FourierGrid grid() { return grid; }

    /** Interleaved complex data term, in {@link FourierGrid} layout (the array itself). */
    public float[] data() { return data; }

    /** Weight term, one float per grid point (the array itself). */
    public float[] weight() { return weight; }

    /**
     * Adds one image. {@code f}: half-complex transform of the N x N image in
     * {@link org.cryoj.fourier.Fft}'s layout (as {@link Projector} writes it), already shifted to
     * the map centre; {@code ctf}: the CTF per Fourier pixel (N/2+1 per row, as
     * {@code Ctf.halfComplexImage}), or null for none; a: the image's rotation matrix.
     */
    @Override
    public void backproject(float[] f, float[] ctf, double[][] a) {
        backproject(f, ctf, null, a, WHOLE_IMAGE);
    }

    /**
     * The radius that visits every pixel of the image whose point lies within the grid's radius, as
     * relion_reconstruct does: with a matrix scaled by a pixel-size ratio below 1 (--angpix) the
     * corners beyond N/2 land inside too. For a rotation it is the disc of radius N/2.
     */
    public static final int WHOLE_IMAGE = Integer.MAX_VALUE;

    /** This accumulator itself. */
    @Override
    public BackProjector result() { return this; }

    /**
     * As {@link #backproject(float[], float[], double[][])} with a weight per Fourier pixel (same
     * layout as the CTF; null for 1): data += w CTF F, weight += w CTF². Refinement passes its
     * posterior weight times 1/sigma² of the pixel's shell here, as RELION's M-step does; pixels
     * with w = 0 are skipped.
     */
    public void backproject(float[] f, float[] ctf, float[] pixelWeight, double[][] a) {
        backproject(f, ctf, pixelWeight, a, grid.box() / 2);
    }

    /**
     * As {@link #backproject(float[], float[], float[], double[][])} for an image whose weights are
     * zero beyond {@code radius} (Fourier pixels): only the disc within it is visited, which at
     * refinement's small image sizes is a fraction of the box.
     */
    public void backproject(float[] f, float[] ctf, float[] pixelWeight, double[][] a, int radius) {
        boolean whole = radius == WHOLE_IMAGE;
        int n = grid.box(), hx = n / 2 + 1, rOut = whole ? n : Math.min(n / 2, radius);
        if (f.length != 2 * hx * n) throw new IllegalArgumentException("image transform must hold " + 2 * hx * n + " floats");
        if (ctf != null && ctf.length != hx * n) throw new IllegalArgumentException("CTF image must hold " + hx * n + " floats");
        if (pixelWeight != null && pixelWeight.length != hx * n)
            throw new IllegalArgumentException("pixel weights must hold " + hx * n + " floats");
        double pad = grid.padding();
        double ax0 = a[0][0] * pad, ay0 = a[0][1] * pad, az0 = a[0][2] * pad;
        double ax1 = a[1][0] * pad, ay1 = a[1][1] * pad, az1 = a[1][2] * pad;
        double r2max = (double) grid.radius() * grid.radius();
        // RELION's backproject2Dto3D visits per row the x within the ellipse |A^-1 (x, y)| <= R, its
        // bounds rounded as it rounds them: for a pixel on the circle of radius N/2 those bounds and
        // the r^2 test below decide by the last bit whether it is used, so the same expressions here
        double atAxx = ax0 * ax0 + ay0 * ay0 + az0 * az0, atAxy = ax0 * ax1 + ay0 * ay1 + az0 * az1;
        double atAyy = ax1 * ax1 + ay1 * ay1 + az1 * az1, atAxy2 = atAxy * atAxy;
        for (int i = 0; i < n; i++) {
            int ky = i <= n / 2 ? i : i - n;
            if (Math.abs(ky) > rOut) continue;
            int xFirst = ky < 0 ? 1 : 0, xMax;
            if (whole) {
                double discr = atAxy2 * ky * ky - atAxx * (atAyy * ky * ky - r2max);
                if (discr < 0) continue;
                double d = Math.sqrt(discr) / atAxx, q = -atAxy * ky / atAxx;
                xFirst = Math.max(xFirst, (int) Math.ceil(q - d));
                xMax = Math.min(n / 2, (int) Math.floor(q + d));
            } else {
                xMax = (int) Math.floor(Math.sqrt((double) rOut * rOut - (double) ky * ky));
            }
            for (int kx = xFirst; kx <= xMax; kx++) {
                double xp = ax0 * kx + ax1 * ky, yp = ay0 * kx + ay1 * ky, zp = az0 * kx + az1 * ky;
                if (xp * xp + yp * yp + zp * zp > r2max) continue;
                int p = kx + hx * i;
                float w = pixelWeight == null ? 1f : pixelWeight[p];
                if (w == 0) continue;
                float c = ctf == null ? 1f : ctf[p];
                // image FFT (corner origin) to the grid's centred origin: (-1)^(kx+ky)
                float s = ((kx + ky) & 1) == 0 ? w * c : -w * c;
                float re = s * f[2 * p], im = s * f[2 * p + 1];
                if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; im = -im; }
                splat(xp, yp, zp, re, im, w * c * c);
            }
        }
    }

    /**
     * Adds a slice given at listed Fourier pixels (kx, ky) whose data and weight terms are already
     * formed: {@code data} holds the sum of w CTF F (interleaved complex), {@code weight} the sum of
     * w CTF², so many images at one orientation are splatted once. Pixels as in {@link
     * #backproject(float[], float[], float[], double[][])}: the same result as adding the images one by one.
     */
    public void backprojectSlice(int[] kx, int[] ky, float[] data, float[] weight, double[][] a) {
        backprojectSlices(kx, ky, new float[][] {data}, new float[][] {weight}, new double[][][] {a}, 1);
    }

    /** Pixels per tile of {@link #backprojectSlices}. */
    private static final int TILE = 64;

    /**
     * {@link #backprojectSlice} for the first {@code count} slices, slice s at rotation a[s]. Pixel
     * tiles outermost: a particle's significant orientations lie within a few degrees of each
     * other, so a tile's pixels land on the same few voxels for all of them, which stay in cache.
     * The same sums as adding the slices one by one, in another order.
     */
    public void backprojectSlices(int[] kx, int[] ky, float[][] data, float[][] weight, double[][][] a, int count) {
        for (int s = 0; s < count; s++)
            if (data[s].length != 2 * kx.length || weight[s].length != kx.length || ky.length != kx.length)
                throw new IllegalArgumentException("slice of " + kx.length + " pixels needs " + 2 * kx.length + " data and " + kx.length + " weights");
        long[] m = FixedPoint.rows(a, count, grid.padding());
        for (int first = 0; first < kx.length; first += TILE) {
            int last = Math.min(kx.length, first + TILE);
            boolean inside = true; // a window within the grid's radius (the usual case) needs no test per pixel
            for (int j = first; j < last && inside; j++) inside = grid.holds(kx[j], ky[j]);
            for (int s = 0; s < count; s++) splatTile(m, s, kx, ky, first, last, inside, data[s], weight[s]);
        }
    }

    /**
     * Slice s's pixels first..last-1. The common case's eight corners are written out here rather than
     * called per pixel: the JIT compiled the per-pixel call on its own and did not inline it (15.7 against
     * 18.2 ns per pixel, box 64, 64 nearby rotations).
     */
    private void splatTile(long[] m, int s, int[] kx, int[] ky, int first, int last, boolean inside, float[] d, float[] w) {
        long ax0 = m[6 * s], ay0 = m[6 * s + 1], az0 = m[6 * s + 2], ax1 = m[6 * s + 3], ay1 = m[6 * s + 4], az1 = m[6 * s + 5];
        int sy = grid.xSize(), sz = sy * grid.ySize(), origin = grid.index(0, 0, 0);
        float[] gd = data, gw = weight;
        for (int j = first; j < last; j++) {
            int x = kx[j], y = ky[j];
            // the image loop's pixels: the redundant half of the kx = 0 column is skipped there, as is all beyond the radius
            if ((x == 0 && y < 0) || (!inside && !grid.holds(x, y)) || w[j] == 0) continue;
            long xp = ax0 * x + ax1 * y, yp = ay0 * x + ay1 * y, zp = az0 * x + az1 * y;
            float sign = ((x + y) & 1) == 0 ? 1f : -1f;
            float re = sign * d[2 * j], im = sign * d[2 * j + 1], wj = w[j];
            if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; im = -im; }
            int x0 = FixedPoint.floor(xp), y0 = FixedPoint.floor(yp), z0 = FixedPoint.floor(zp);
            float fx = FixedPoint.fraction(xp), fy = FixedPoint.fraction(yp), fz = FixedPoint.fraction(zp);
            if (x0 == 0) {
                splat(x0, y0, z0, fx, fy, fz, re, im, wj);
                continue;
            }
            // splat's common case (its unrolled products) written out: through a per-pixel helper method it ran 11% slower
            float gx = 1 - fx, wz0 = 1 - fz, w00 = wz0 * (1 - fy), w01 = wz0 * fy, w10 = fz * (1 - fy), w11 = fz * fy;
            int o = origin + x0 + sy * y0 + sz * z0;
            float t;
            t = w00 * gx; gd[2 * o] += t * re; gd[2 * o + 1] += t * im; gw[o] += t * wj;
            t = w00 * fx; gd[2 * o + 2] += t * re; gd[2 * o + 3] += t * im; gw[o + 1] += t * wj;
            int q = o + sy;
            t = w01 * gx; gd[2 * q] += t * re; gd[2 * q + 1] += t * im; gw[q] += t * wj;
            t = w01 * fx; gd[2 * q + 2] += t * re; gd[2 * q + 3] += t * im; gw[q + 1] += t * wj;
            q = o + sz;
            t = w10 * gx; gd[2 * q] += t * re; gd[2 * q + 1] += t * im; gw[q] += t * wj;
            t = w10 * fx; gd[2 * q + 2] += t * re; gd[2 * q + 3] += t * im; gw[q + 1] += t * wj;
            q = o + sz + sy;
            t = w11 * gx; gd[2 * q] += t * re; gd[2 * q + 1] += t * im; gw[q] += t * wj;
            t = w11 * fx; gd[2 * q + 2] += t * re; gd[2 * q + 3] += t * im; gw[q + 1] += t * wj;
        }
    }

    private void splat(double xp, double yp, double zp, float re, float im, float w) {
        int x0 = (int) xp, y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
        splat(x0, y0, z0, (float) (xp - x0), (float) (yp - y0), (float) (zp - z0), re, im, w);
    }

    /** Adds (re, im) and w to the eight voxels around corner (x0, y0, z0) with fractions (fx, fy, fz), x0 &gt;= 0. */
    private void splat(int x0, int y0, int z0, float fx, float fy, float fz, float re, float im, float w) {
        if (x0 == 0) {
            // corners on the x = 0 plane also feed their Friedel mates
            for (int dz = 0; dz < 2; dz++) {
                float wz = dz == 0 ? 1 - fz : fz;
                for (int dy = 0; dy < 2; dy++) {
                    float wyz = wz * (dy == 0 ? 1 - fy : fy);
                    add(x0, y0 + dy, z0 + dz, wyz * (1 - fx), re, im, w);
                    add(x0 + 1, y0 + dy, z0 + dz, wyz * fx, re, im, w);
                }
            }
            return;
        }
        // the common case unrolled: the same products as above, no Friedel mates
        int sy = grid.xSize(), sz = sy * grid.ySize(), o = grid.index(x0, y0, z0);
        float gx = 1 - fx, wz0 = 1 - fz, w00 = wz0 * (1 - fy), w01 = wz0 * fy, w10 = fz * (1 - fy), w11 = fz * fy;
        addAt(o, w00 * gx, re, im, w);
        addAt(o + 1, w00 * fx, re, im, w);
        addAt(o + sy, w01 * gx, re, im, w);
        addAt(o + sy + 1, w01 * fx, re, im, w);
        addAt(o + sz, w10 * gx, re, im, w);
        addAt(o + sz + 1, w10 * fx, re, im, w);
        addAt(o + sz + sy, w11 * gx, re, im, w);
        addAt(o + sz + sy + 1, w11 * fx, re, im, w);
    }

    private void addAt(int o, float t, float re, float im, float w) {
        data[2 * o] += t * re;
        data[2 * o + 1] += t * im;
        weight[o] += t * w;
    }

    private void add(int x, int y, int z, float t, float re, float im, float w) {
        int o = grid.index(x, y, z);
        data[2 * o] += t * re;
        data[2 * o + 1] += t * im;
        weight[o] += t * w;
        if (x == 0 && (y != 0 || z != 0)) {
            // the Friedel mate of this splat lands on the x = 0 plane too (the origin is its own
            // mate: counted once, as RELION's enforceHermitianSymmetry leaves it)
            int m = grid.index(0, -y, -z);
            data[2 * m] += t * re;
            data[2 * m + 1] -= t * im;
            weight[m] += t * w;
        }
    }

    /** Adds another accumulator of the same grid (e.g. another thread's or the other half-set's). */
    public void merge(BackProjector other) {
        if (!grid.equals(other.grid)) throw new IllegalArgumentException("cannot merge " + other.grid + " into " + grid);
        for (int i = 0; i < data.length; i++) data[i] += other.data[i];
        for (int i = 0; i < weight.length; i++) weight[i] += other.weight[i];
    }

    /**
     * Applies point-group symmetry (RELION's applyPointGroupSymmetry): every point k within the
     * radius becomes the sum over the operators R of the accumulator interpolated at R k. Pass
     * the whole group, identity included ({@code SymmetryGroup.operators()}); the result equals
     * backprojecting every image also with A R for each R. Points beyond the radius are cleared.
     */
    public void symmetrise(List<double[][]> operators) {
        float[] d0 = data.clone(), w0 = weight.clone();
        Arrays.fill(data, 0f);
        Arrays.fill(weight, 0f);
        int r = grid.radius();
        double r2max = (double) r * r;
        float[] v = new float[2];
        for (double[][] m : operators) {
            boolean onGrid = signedPermutation(m);
            for (int z = -r; z <= r; z++)
                for (int y = -r; y <= r; y++)
                    for (int x = 0; x <= r; x++) {
                        if (x * x + y * y + z * z > r2max) continue;
                        double xp = m[0][0] * x + m[0][1] * y + m[0][2] * z;
                        double yp = m[1][0] * x + m[1][1] * y + m[1][2] * z;
                        double zp = m[2][0] * x + m[2][1] * y + m[2][2] * z;
                        int o = grid.index(x, y, z);
                        if (onGrid) {
                            // a grid point: the trilinear reading there is its own value (its Friedel mate's for x < 0),
                            // bit for bit, since the other corners' weights are exactly zero
                            boolean conj = xp < 0;
                            int q = conj ? grid.index((int) -xp, (int) -yp, (int) -zp) : grid.index((int) xp, (int) yp, (int) zp);
                            data[2 * o] += d0[2 * q];
                            data[2 * o + 1] += conj ? -d0[2 * q + 1] : d0[2 * q + 1];
                            weight[o] += w0[q];
                        } else {
                            Trilinear.complexAt(d0, grid, xp, yp, zp, v);
                            data[2 * o] += v[0];
                            data[2 * o + 1] += v[1];
                            weight[o] += Trilinear.realAt(w0, grid, xp, yp, zp);
                        }
                    }
        }
    }

    /**
     * Whether {@code m} takes grid points to grid points: one entry of exactly +-1 per row, the others 0 (every operator of C2,
     * C4, D2, D4; half of O's). At box 256 the D2 symmetrisation's trilinear readings were ~0.8 s of each iteration.
     */
    static boolean signedPermutation(double[][] m) {
        for (double[] row : m) {
            int ones = 0;
            for (double e : row) {
                if (e == 1 || e == -1) ones++;
                else if (e != 0) return false;
            }
            if (ones != 1) return false;
        }
        return true;
    }

    /** The real-space map (box N, this pixel size) from data / weight; see {@link FourierDivision}. */
    public FloatVolume reconstruct(double pixelSize) {
        return FourierDivision.reconstruct(this, pixelSize, null, 1, 0);
    }

    /**
     * The real-space map as relion_reconstruct makes it by default: data times an iteratively
     * estimated inverse sampling density ({@code iterations}, its --iter); see {@link IterativeGridding}.
     */
    public FloatVolume reconstructGridded(double pixelSize, int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("--iter must be at least 1, was " + iterations);
        return IterativeGridding.reconstruct(this, pixelSize, iterations);
    }

    /**
     * As {@link #reconstruct(double)} with RELION's MAP regularisation: tau2[shell] is the signal
     * power per shell of the unpadded box (as in rlnReferenceTau2), fudge is --tau2_fudge; shells
     * below {@code firstRegularisedShell} are not regularised (RELION's minres_map, 5 in refinement).
     */
    public FloatVolume reconstruct(double pixelSize, double[] tau2, double tau2Fudge, int firstRegularisedShell) {
        Objects.requireNonNull(tau2, "tau2");
        if (!(tau2Fudge > 0)) throw new IllegalArgumentException("--tau2_fudge must be positive, was " + tau2Fudge);
        return FourierDivision.reconstruct(this, pixelSize, tau2, tau2Fudge, firstRegularisedShell);
    }
}
