package org.cryoj.extract;

import org.cryoj.fourier.ImageRescaler;

/**
 * Makes the resampler a worker thread uses to take its boxes from the extracted size to the
 * output size (RELION's resizeMap, a Fourier crop or pad, keeping pixel values). Tests put
 * simpler stand-ins here.
 */
@FunctionalInterface
public interface Rescaler {
    /** A resampler from n x n to m x m, for one thread. */
    ImageRescaler create(int n, int m);

    /** RELION's Fourier rescaling, on the fastest path the JVM runs ({@link ImageRescaler#of}). */
    Rescaler FOURIER = ImageRescaler::of;
}
