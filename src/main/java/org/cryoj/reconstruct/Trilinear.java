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
        float fx = (float) (xp - x0), fy = (float) (yp - y0), fz = (float) (zp - z0);
        int sy = 2 * g.xSize(), sz = sy * g.ySize();
        int o = 2 * g.index(x0, y0, z0);
        float re = lerp3(d, o, sy, sz, fx, fy, fz);
        float im = lerp3(d, o + 1, sy, sz, fx, fy, fz);
        out[0] = re;
        out[1] = conj ? -im : im;
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

    /** One component (stride 2 along x) of an interleaved complex array. */
    private static float lerp3(float[] d, int o, int sy, int sz, float fx, float fy, float fz) {
        float a00 = d[o] + fx * (d[o + 2] - d[o]);
        float a10 = d[o + sy] + fx * (d[o + sy + 2] - d[o + sy]);
        float a01 = d[o + sz] + fx * (d[o + sz + 2] - d[o + sz]);
        float a11 = d[o + sz + sy] + fx * (d[o + sz + sy + 2] - d[o + sz + sy]);
        float b0 = a00 + fy * (a10 - a00), b1 = a01 + fy * (a11 - a01);
        return b0 + fz * (b1 - b0);
    }
}
