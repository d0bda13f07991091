package org.cryoj.fourier;

/**
 * Sub-pixel translation by the shift theorem: a map moved by (dx, dy, dz) pixels, f(r - d), has
 * the transform F(k) exp(-2 pi i k.d / n) along each axis. Shifts wrap around the box.
 */
public final class PhaseShift {
    private PhaseShift() {}

    /** Shifts in place; dz is ignored for images (nz == 1). */
    public static void shift(FourierVolume f, double dx, double dy, double dz) {
        int nx = f.nx(), ny = f.ny(), nz = f.nz();
        double ax = -2 * Math.PI * dx / nx, ay = -2 * Math.PI * dy / ny, az = nz == 1 ? 0 : -2 * Math.PI * dz / nz;
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            double phase = ax * kx + ay * ky + az * kz;
            double c = Math.cos(phase), s = Math.sin(phase);
            double re = d[o], im = d[o + 1];
            d[o] = (float) (re * c - im * s);
            d[o + 1] = (float) (re * s + im * c);
        });
    }
}
