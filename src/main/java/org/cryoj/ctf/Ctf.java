package org.cryoj.ctf;

/**
 * RELION's CTF: {@code scale * exp(-B k²/4) * -sin(chi(k))} with
 * {@code chi = -pi lambda dz(k) k² + pi/2 Cs lambda³ k⁴ - phaseShift - atan(Q0 / sqrt(1 - Q0²))}
 * and astigmatic defocus {@code dz = (U+V)/2 + (U-V)/2 cos(2(angle(k) - defocusAngle))}.
 * The sign makes the CTF positive at low frequency for underfocus, as in RELION, so images
 * and references share RELION's contrast convention.
 */
public final class Ctf {
    private final CtfParameters p;
    private final double k1, k2, ampPhase, phase, k4, meanDefocus, halfAstig, azimuth;

    public Ctf(CtfParameters p) {
        this.p = p;
        double lambda = p.wavelength();
        double csA = p.sphericalAberration() * 1e7;
        k1 = Math.PI * lambda;
        k2 = Math.PI / 2 * csA * lambda * lambda * lambda;
        double q0 = p.amplitudeContrast();
        ampPhase = Math.atan2(q0, Math.sqrt(1 - q0 * q0));
        phase = Math.toRadians(p.phaseShift());
        k4 = -p.bfactor() / 4;
        meanDefocus = (p.defocusU() + p.defocusV()) / 2;
        halfAstig = (p.defocusU() - p.defocusV()) / 2;
        azimuth = Math.toRadians(p.defocusAngle());
    }

    public CtfParameters parameters() { return p; }

    /** Defocus in Å along the direction of spatial frequency (kx, ky). */
    public double defocusAt(double kx, double ky) {
        if (kx == 0 && ky == 0) return meanDefocus;
        return meanDefocus + halfAstig * Math.cos(2 * (Math.atan2(ky, kx) - azimuth));
    }

    /** CTF at spatial frequency (kx, ky) in 1/Å. */
    public double value(double kx, double ky) {
        double k2sq = kx * kx + ky * ky;
        double chi = -k1 * defocusAt(kx, ky) * k2sq + k2 * k2sq * k2sq - phase - ampPhase;
        double v = -Math.sin(chi);
        if (k4 != 0) v *= Math.exp(k4 * k2sq);
        return p.scale() * v;
    }

    /**
     * CTF for the half-complex Fourier transform of an nx × ny image (FFTW layout: nx/2+1
     * columns; row i holds ky = i for i &lt;= ny/2, else i - ny), as used on particle images.
     */
    public float[] halfComplexImage(int nx, int ny, double angpix) {
        int hx = nx / 2 + 1;
        float[] out = new float[hx * ny];
        double sx = nx * angpix, sy = ny * angpix;
        for (int i = 0; i < ny; i++) {
            int ky = i <= ny / 2 ? i : i - ny;
            for (int j = 0; j < hx; j++) out[i * hx + j] = (float) value(j / sx, ky / sy);
        }
        return out;
    }

    /** CTF on a full n × n grid with zero frequency at (n/2, n/2), for display. */
    public float[] centeredImage(int n, double angpix) {
        float[] out = new float[n * n];
        double s = n * angpix;
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                out[y * n + x] = (float) value((x - n / 2) / s, (y - n / 2) / s);
        return out;
    }
}
