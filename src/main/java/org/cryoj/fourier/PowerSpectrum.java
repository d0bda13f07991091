package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/**
 * The rotationally averaged power spectrum of relion_image_handler --power (RELION's
 * getSpectrum): the mean of |F|^2 over the stored half transform, per shell ROUND(|k|), with the
 * forward transform divided by the number of voxels.
 */
public final class PowerSpectrum {
    private PowerSpectrum() {}

    /** @return mean power per shell, shells 0 .. nx - 1 (0 where a shell holds no frequency) */
    public static double[] of(FloatVolume v) {
        FourierVolume f = Fft.forward(v);
        int n = v.nx();
        double[] sum = new double[n];
        long[] count = new long[n];
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            int s = (int) Math.round(FourierVolume.radius(kx, ky, kz));
            if (s >= n) return;   // only for boxes much longer in y or z than in x
            sum[s] += (double) d[o] * d[o] + (double) d[o + 1] * d[o + 1];
            count[s]++;
        });
        for (int s = 0; s < n; s++) if (count[s] > 0) sum[s] /= count[s];
        return sum;
    }
}
