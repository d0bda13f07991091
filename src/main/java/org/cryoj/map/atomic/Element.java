package org.cryoj.map.atomic;

/**
 * The elements of the pseudo-atomic models with their elastic electron scattering factors,
 * f(s) = sum over i of a_i exp(-b_i s^2) in Å, s = sin(theta)/lambda = q/2 in Å^-1 (q = 1/d).
 *
 * <p>Constants: L.-M. Peng, G. Ren, S. L. Dudarev and M. J. Whelan, "Robust parameterization of
 * elastic and absorptive electron atomic scattering factors", Acta Cryst. A52 (1996) 257-276,
 * Table 1 (neutral atoms, five Gaussians fitted for 0 &lt; s &lt; 2 Å^-1; reprinted in International
 * Tables for Crystallography Vol. C, Table 4.3.2.2). Maps up to 1 Å/px need s &lt; 0.25 Å^-1.
 */
public enum Element {
    C(new double[] {0.0893, 0.2563, 0.7570, 1.0487, 0.3575}, new double[] {0.2465, 1.7100, 6.4094, 18.6113, 50.2523}),
    N(new double[] {0.1022, 0.3219, 0.7982, 0.8197, 0.1715}, new double[] {0.2451, 1.7481, 6.1925, 17.3894, 48.1431}),
    O(new double[] {0.0974, 0.2921, 0.6910, 0.6990, 0.2039}, new double[] {0.2067, 1.3815, 4.6943, 12.7105, 32.4726}),
    S(new double[] {0.2497, 0.5628, 1.3899, 2.1865, 0.7715}, new double[] {0.2681, 1.6711, 7.0267, 19.5377, 50.3888});

    private final double[] a, b;

    Element(double[] a, double[] b) {
        this.a = a;
        this.b = b;
    }

    /** Number of Gaussians in the fit (5). */
    public int terms() { return a.length; }

    /** Amplitude a_i of term i, Å. */
    public double a(int i) { return a[i]; }

    /** Width b_i of term i, Å². */
    public double b(int i) { return b[i]; }

    /** f(s) in Å at s = sin(theta)/lambda = q/2 (Å^-1). */
    public double scatteringFactor(double s) {
        double f = 0;
        for (int i = 0; i < a.length; i++) f += a[i] * Math.exp(-b[i] * s * s);
        return f;
    }

    /** f(0): the weight of the atom in the integral of the map, Å. */
    public double forwardScattering() { return scatteringFactor(0); }
}
