package org.cryoj.reconstruct;

/**
 * Trilinear reading of a {@link FourierGrid} array at a point within its radius, with Friedel
 * symmetry for x &lt; 0. Shared by the projector and the symmetrisation so both interpolate alike.
 */
final class Trilinear {
    private Trilinear() {}

    /**
     * Interpolated complex value at (xp, yp, zp), written to out[0] (re) and out[1] (im); the
     * point must lie within the grid's radius.
     */
    static void complexAt(float[] d, FourierGrid g, double xp, double yp, double zp, float[] out) {
        boolean conj = xp < 0;
        if (conj) { xp = -xp; yp = -yp; zp = -zp; }
        int x0 = (int) xp, y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
        int sy = 2 * g.xSize(), sz = sy * g.ySize();
        complexAt(d, 2 * g.index(x0, y0, z0), sy, sz, (float) (xp - x0), (float) (yp - y0), (float) (zp - z0), conj ? -1f : 1f, 1f, out, 0);
    }

    /**
     * The interpolation itself, for callers that locate the cell: corner (re, im) at d[o], d[o + 1],
     * row stride sy and plane stride sz in floats, fractions fx, fy, fz; writes
     * (sign re, sign imSign im) to out[j], out[j + 1]. Real and imaginary parts are read together
     * (one pass over the eight corners: this is the projection's inner loop).
     */
    static void complexAt(float[] d, int o, int sy, int sz, float fx, float fy, float fz, float imSign, float sign,
                          float[] out, int j) {
        int oy = o + sy, oz = o + sz, oyz = oz + sy;
        float r00 = d[o] + fx * (d[o + 2] - d[o]), i00 = d[o + 1] + fx * (d[o + 3] - d[o + 1]);
        float r10 = d[oy] + fx * (d[oy + 2] - d[oy]), i10 = d[oy + 1] + fx * (d[oy + 3] - d[oy + 1]);
        float r01 = d[oz] + fx * (d[oz + 2] - d[oz]), i01 = d[oz + 1] + fx * (d[oz + 3] - d[oz + 1]);
        float r11 = d[oyz] + fx * (d[oyz + 2] - d[oyz]), i11 = d[oyz + 1] + fx * (d[oyz + 3] - d[oyz + 1]);
        float r0 = r00 + fy * (r10 - r00), r1 = r01 + fy * (r11 - r01);
        float i0 = i00 + fy * (i10 - i00), i1 = i01 + fy * (i11 - i01);
        out[j] = sign * (r0 + fz * (r1 - r0));
        out[j + 1] = sign * imSign * (i0 + fz * (i1 - i0));
    }

    /** Interpolated real value of a weight array (one float per grid point) at (xp, yp, zp). */
    static float realAt(float[] w, FourierGrid g, double xp, double yp, double zp) {
        if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; }
        int x0 = (int) xp, y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
        float fx = (float) (xp - x0), fy = (float) (yp - y0), fz = (float) (zp - z0);
        int sy = g.xSize(), sz = sy * g.ySize();
        int o = g.index(x0, y0, z0);
        float a00 = w[o] + fx * (w[o + 1] - w[o]);
        float a10 = w[o + sy] + fx * (w[o + sy + 1] - w[o + sy]);
        float a01 = w[o + sz] + fx * (w[o + sz + 1] - w[o + sz]);
        float a11 = w[o + sz + sy] + fx * (w[o + sz + sy + 1] - w[o + sz + sy]);
        float b0 = a00 + fy * (a10 - a00), b1 = a01 + fy * (a11 - a01);
        return b0 + fz * (b1 - b0);
    }
}
