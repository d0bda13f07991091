package org.cryoj.fourier;

import java.util.SplittableRandom;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --phase_randomise: every stored frequency with |k| at or beyond a shell
 * keeps its amplitude and gets a uniformly random phase (the test of masked FSC curves).
 */
public final class PhaseRandomiser {
    private PhaseRandomiser() {}

    /**
     * @param shell first randomised shell in Fourier pixels (RELION: (int) (box * angpix / resolution))
     * @param seed  the same seed gives the same phases
     */
    public static FloatVolume beyond(FloatVolume v, int shell, long seed) {
        if (shell < 0) throw new IllegalArgumentException("the first randomised shell must be >= 0, was " + shell);
        FourierVolume f = Fft.forward(v);
        SplittableRandom random = new SplittableRandom(seed);
        long shell2 = (long) shell * shell;
        float[] d = f.data();
        // one thread, in storage order, so the phases depend on the seed alone
        f.forEach((kx, ky, kz, o) -> {
            if ((long) kx * kx + (long) ky * ky + (long) kz * kz < shell2) return;
            double amplitude = Math.hypot(d[o], d[o + 1]);
            double phase = random.nextDouble(0, 2 * Math.PI);
            d[o] = (float) (amplitude * Math.cos(phase));
            d[o + 1] = (float) (amplitude * Math.sin(phase));
        });
        return Fft.inverse(f, v.pixelSize());
    }
}
