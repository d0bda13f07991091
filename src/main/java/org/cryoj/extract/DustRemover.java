package org.cryoj.extract;

import java.util.Random;

/**
 * RELION's dust removal: a pixel more than {@code threshold} background standard deviations
 * above (white) or below (black) the background mean is replaced by Gaussian noise with that
 * mean and standard deviation. The noise is random in RELION too; here the caller seeds it.
 */
public final class DustRemover {
    private DustRemover() {}

    /** @return how many pixels were replaced */
    public static int remove(float[] img, boolean white, double threshold, double mean, double stddev, Random random) {
        int replaced = 0;
        double limit = threshold * stddev;
        for (int i = 0; i < img.length; i++) {
            double d = img[i] - mean;
            if (white ? d > limit : d < -limit) {
                img[i] = (float) (mean + stddev * random.nextGaussian());
                replaced++;
            }
        }
        return replaced;
    }
}
