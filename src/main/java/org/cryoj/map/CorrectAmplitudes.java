package org.cryoj.map;

import java.util.Objects;

import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;

/**
 * --correct_avg_ampl: the transform is divided, frequency by frequency, by an amplitude
 * image in half-transform layout (what --avg_ampl writes) after that image is itself divided
 * by its own shell averages, shells at or inside --minr_ampl_corr set to 1 (RELION's rule).
 *
 * @param divisor the normalised amplitudes, (nx/2 + 1) x ny x nz in FFTW order
 */
public record CorrectAmplitudes(FloatVolume divisor) implements ImageOperation {
    public CorrectAmplitudes {
        Objects.requireNonNull(divisor, "divisor");
    }

    /** From an --avg_ampl image: each value divided by the mean of its shell ROUND(|k|); 1 up to shell minRadius. */
    public static CorrectAmplitudes of(FloatVolume amplitudes, int minRadius) {
        int hx = amplitudes.nx(), ny = amplitudes.ny(), nz = amplitudes.nz();
        double[] sum = new double[ny], count = new double[ny];
        float[] a = amplitudes.data(), out = new float[a.length];
        int[] shell = new int[a.length];
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < hx; x++) {
                    int i = x + hx * (y + ny * z);
                    // y and z wrap where RELION's FFTW loop wraps them, at the stored x size
                    int ky = FourierVolume.relionLoopFrequency(y, ny, hx), kz = FourierVolume.relionLoopFrequency(z, nz, hx);
                    shell[i] = (int) Math.round(FourierVolume.radius(x, ky, kz));
                    if (shell[i] >= ny) throw new IllegalArgumentException("--correct_avg_ampl: image too long in z for its y size");
                    sum[shell[i]] += a[i];
                    count[shell[i]]++;
                }
        for (int s = 0; s < ny; s++) if (count[s] > 0) sum[s] /= count[s];
        for (int i = 0; i < a.length; i++) out[i] = shell[i] > minRadius ? (float) (a[i] / sum[shell[i]]) : 1f;
        return new CorrectAmplitudes(new FloatVolume(hx, ny, nz, out, amplitudes.pixelSize()));
    }

    @Override
    public FloatVolume apply(FloatVolume v) {
        if (divisor.nx() != v.nx() / 2 + 1 || divisor.ny() != v.ny() || divisor.nz() != v.nz())
            throw new IllegalArgumentException("--correct_avg_ampl needs a " + (v.nx() / 2 + 1) + "x" + v.ny() + "x" + v.nz()
                    + " amplitude image (what --avg_ampl writes) for " + v.nx() + "x" + v.ny() + "x" + v.nz() + " images, got "
                    + divisor.nx() + "x" + divisor.ny() + "x" + divisor.nz());
        FourierVolume f = Fft.forward(v);
        float[] d = f.data(), w = divisor.data();
        for (int i = 0; i < w.length; i++) {
            d[2 * i] /= w[i];
            d[2 * i + 1] /= w[i];
        }
        return Fft.inverse(f, v.pixelSize());
    }
}
