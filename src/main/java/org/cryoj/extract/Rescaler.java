package org.cryoj.extract;

import org.cryoj.image.FloatVolume;

/**
 * Resamples a square image to another box size (RELION's resizeMap, a Fourier crop or pad),
 * keeping pixel values; the new pixel size is given.
 */
@FunctionalInterface
public interface Rescaler {
    FloatVolume resize(FloatVolume image, int newSize, double newPixelSize);
}
