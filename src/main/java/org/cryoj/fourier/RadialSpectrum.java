package org.cryoj.fourier;

import java.util.function.DoubleUnaryOperator;

import org.cryoj.image.FloatVolume;

/**
 * Rotationally averaged spectra as RELION's getSpectrum makes them (relion_image_handler --power,
 * --adjust_power): the mean of |F|^2 or |F| over the stored half transform, per shell ROUND(|k|),
 * with the forward transform divided by the number of voxels; and the per-shell scaling
 * (multiplyBySpectrum) that --adjust_power applies.
 *
 * <p>{@link #power} puts every frequency in the shell of its true |k| (README: RELION's --power
 * table of a non-square image mislabels some). {@link #amplitude} and {@link #scaleShells}, the two
 * halves of --adjust_power, label ky and kz as RELION's loops do ({@link FourierVolume#relionLoopFrequency}),
 * so that --adjust_power of a non-square image gives RELION's result; on a square or cubic box the
 * labels are the true ones.
 */
public final class RadialSpectrum {
    private RadialSpectrum() {}

    /** @return mean power |F|^2 per shell of the true |k|, shells 0 .. nx - 1 (0 where a shell holds no frequency) */
    public static double[] power(FloatVolume v) {
        return mean(Fft.forward(v), v.nx(), p -> p, false);
    }

    /**
     * @return mean amplitude |F| per shell, shells 0 .. nx - 1, |k| as RELION's loops label it
     * @throws IllegalArgumentException for a box so much longer in y or z than in x that a label
     *         reaches shell nx (RELION writes past the end of its spectrum there)
     */
    public static double[] amplitude(FloatVolume v) {
        return mean(Fft.forward(v), v.nx(), Math::sqrt, true);
    }

    /**
     * Multiplies every frequency by the factor of its shell, |k| as RELION's loops label it ({@link #amplitude}).
     *
     * @param factor one per shell, 0 .. nx - 1
     * @throws IllegalArgumentException where a label reaches past the factors
     */
    public static FloatVolume scaleShells(FloatVolume v, double[] factor) {
        FourierVolume f = Fft.forward(v);
        float[] d = f.data();
        f.forEachAsRelionLoops((kx, ky, kz, o) -> {
            int s = shell(kx, ky, kz, factor.length, f);
            d[o] *= (float) factor[s];
            d[o + 1] *= (float) factor[s];
        });
        return Fft.inverse(f, v.pixelSize());
    }

    private static double[] mean(FourierVolume f, int shells, DoubleUnaryOperator ofPower, boolean relionLoops) {
        double[] sum = new double[shells];
        long[] count = new long[shells];
        float[] d = f.data();
        FourierVolume.FrequencyVisitor add = (kx, ky, kz, o) -> {
            int s = relionLoops ? shell(kx, ky, kz, shells, f) : (int) Math.round(FourierVolume.radius(kx, ky, kz));
            if (s >= shells) return;   // true |k|: only for boxes much longer in y or z than in x
            sum[s] += ofPower.applyAsDouble((double) d[o] * d[o] + (double) d[o + 1] * d[o + 1]);
            count[s]++;
        };
        if (relionLoops) f.forEachAsRelionLoops(add);
        else f.forEach(add);
        for (int s = 0; s < shells; s++) if (count[s] > 0) sum[s] /= count[s];
        return sum;
    }

    /** Shell ROUND(|k|), which must be below {@code shells}. */
    private static int shell(int kx, int ky, int kz, int shells, FourierVolume f) {
        int s = (int) Math.round(FourierVolume.radius(kx, ky, kz));
        if (s >= shells)
            throw new IllegalArgumentException("a " + f.nx() + "x" + f.ny() + "x" + f.nz() + " box is too long in y or z for its x size: "
                    + "RELION's spectrum loop puts frequency (" + kx + "," + ky + "," + kz + ") in shell " + s + ", past its "
                    + shells + " shells (relion_image_handler writes past the end of its spectrum there)");
        return s;
    }
}
