package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/** Fourier shell correlation between two maps of the same size. */
public final class Fsc {
    private Fsc() {}

    public static FscCurve of(FloatVolume a, FloatVolume b) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz())
            throw new IllegalArgumentException("FSC needs maps of the same size, got " + a.nx() + "x" + a.ny() + "x" + a.nz()
                    + " and " + b.nx() + "x" + b.ny() + "x" + b.nz());
        return of(Fft.forward(a), Fft.forward(b), a.pixelSize());
    }

    /**
     * Sums Re(conj(F1) F2), |F1|^2 and |F2|^2 over the stored half transform per shell
     * ROUND(radius), shells 0 .. nx/2, as RELION's getFSC does.
     */
    public static FscCurve of(FourierVolume f1, FourierVolume f2, double angpix) {
        if (f1.nx() != f2.nx() || f1.ny() != f2.ny() || f1.nz() != f2.nz())
            throw new IllegalArgumentException("FSC needs transforms of the same size");
        int shells = f1.hx();
        double[] num = new double[shells], d1 = new double[shells], d2 = new double[shells];
        float[] a = f1.data(), b = f2.data();
        f1.forEach((kx, ky, kz, o) -> {
            int s = (int) Math.round(FourierVolume.radius(kx, ky, kz));
            if (s >= shells) return;
            double ar = a[o], ai = a[o + 1], br = b[o], bi = b[o + 1];
            num[s] += ar * br + ai * bi;
            d1[s] += ar * ar + ai * ai;
            d2[s] += br * br + bi * bi;
        });
        double[] fsc = new double[shells];
        for (int s = 0; s < shells; s++) fsc[s] = num[s] / Math.sqrt(d1[s] * d2[s]);
        return new FscCurve(fsc, f1.nx(), angpix);
    }
}
