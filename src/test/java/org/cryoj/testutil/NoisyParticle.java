package org.cryoj.testutil;

import java.util.Random;

import org.cryoj.ctf.Ctf;
import org.cryoj.ctf.CtfParameters;
import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.fourier.PhaseShift;
import org.cryoj.reconstruct.Projector;

/** A simulated particle image as RELION sees one: the projection times the CTF, at centre - origin, plus white noise. */
public final class NoisyParticle {
    private NoisyParticle() {}

    /**
     * The N x N image of {@code projector}'s map at rotation {@code matrix}, CTF-modulated ({@code ctf} at {@code pixelSize};
     * null: none), moved by minus the origin ({@code originX}, {@code originY}, pixels), times {@code signalScale}, plus
     * Gaussian noise of stddev {@code noiseSigma} drawn from {@code rnd} pixel by pixel (no draws when it is 0).
     */
    public static float[] image(Projector projector, double[][] matrix, CtfParameters ctf, double pixelSize, double originX,
                                double originY, double signalScale, double noiseSigma, Random rnd) {
        int n = projector.grid().box();
        FourierVolume f = projector.project(matrix);
        if (ctf != null) {
            float[] c = new Ctf(ctf).halfComplexImage(n, n, pixelSize);
            for (int k = 0; k < c.length; k++) { f.data()[2 * k] *= c[k]; f.data()[2 * k + 1] *= c[k]; }
        }
        PhaseShift.shift(f, -originX, -originY, 0);
        float[] img = Fft.inverse(f, pixelSize).data();
        for (int k = 0; k < img.length; k++) {
            if (signalScale != 1) img[k] = (float) (signalScale * img[k]);
            if (noiseSigma != 0) img[k] += (float) (noiseSigma * rnd.nextGaussian());
        }
        return img;
    }

    /**
     * The pixel variance of the noiseless projection of {@code projector}'s map at rotation {@code matrix}: the signal
     * power that sets a simulation's noise level for a given SNR.
     */
    public static double signalVariance(Projector projector, double[][] matrix, double pixelSize) {
        float[] v = Fft.inverse(projector.project(matrix), pixelSize).data();
        double s = 0, s2 = 0;
        for (float x : v) { s += x; s2 += x * x; }
        return s2 / v.length - (s / v.length) * (s / v.length);
    }
}
