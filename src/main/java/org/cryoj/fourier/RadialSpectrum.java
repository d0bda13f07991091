package org.cryoj.fourier;

import java.util.function.DoubleUnaryOperator;

import org.cryoj.image.FloatVolume;

/**
 * Rotationally averaged spectra as RELION's getSpectrum makes them (relion_image_handler --power,
 * --adjust_power): the mean of |F|^2 or |F| over the stored half transform, per shell ROUND(|k|),
 * with the forward transform divided by the number of voxels; and the per-shell scaling
 * (multiplyBySpectrum) that --adjust_power applies.
 */
public final class RadialSpectrum {
    private RadialSpectrum() {}

    /** @return mean power |F|^2 per shell, shells 0 .. nx - 1 (0 where a shell holds no frequency) */
    public static double[] power(FloatVolume v) {
        return mean(Fft.forward(v), v.nx(), p -> p);
    }

    /** @return mean amplitude |F| per shell, shells 0 .. nx - 1 */
    public static double[] amplitude(FloatVolume v) {
        return mean(Fft.forward(v), v.nx(), Math::sqrt);
    }

    /** Multiplies every frequency by the factor of its shell ROUND(|k|); shells past the array keep theirs. */
    public static FloatVolume scaleShells(FloatVolume v, double[] factor) {
        FourierVolume f = Fft.forward(v);
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            int s = (int) Math.round(FourierVolume.radius(kx, ky, kz));
            if (s >= factor.length) return;
            d[o] *= (float) factor[s];
            d[o + 1] *= (float) factor[s];
        });
        return Fft.inverse(f, v.pixelSize());
    }

    private static double[] mean(FourierVolume f, int shells, DoubleUnaryOperator ofPower) {
        double[] sum = new double[shells];
        long[] count = new long[shells];
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            int s = (int) Math.round(FourierVolume.radius(kx, ky, kz));
            if (s >= shells) return;   // only for boxes much longer in y or z than in x
            sum[s] += ofPower.applyAsDouble((double) d[o] * d[o] + (double) d[o + 1] * d[o + 1]);
            count[s]++;
        });
        for (int s = 0; s < shells; s++) if (count[s] > 0) sum[s] /= count[s];
        return sum;
    }
}
