package org.cryoj.map;

/**
 * What {@code relion_image_handler} does to one map, as typed, validated settings.
 *
 * @param angpix         pixel size of the input in Å; NaN = take it from the MRC header
 * @param rescaleAngpix  requested output pixel size in Å; NaN = no rescaling
 * @param newBox         output box in pixels (pad or crop in real space); 0 = keep
 * @param lowpass        low-pass resolution in Å; 0 = none
 * @param highpass       high-pass resolution in Å; 0 = none
 * @param invert         multiply by -1
 * @param sym            point group to symmetrise with (e.g. "D2"); null or "C1" = none
 */
public record ImageHandlerSettings(double angpix, double rescaleAngpix, int newBox,
                                   double lowpass, double highpass, boolean invert, String sym) {
    public ImageHandlerSettings {
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + angpix);
        if (!Double.isNaN(rescaleAngpix) && !(rescaleAngpix > 0 && Double.isFinite(rescaleAngpix)))
            throw new IllegalArgumentException("--rescale_angpix must be a positive pixel size in Å, was " + rescaleAngpix);
        if (newBox != 0 && (newBox < 2 || newBox % 2 != 0))
            throw new IllegalArgumentException("--new_box must be an even number of pixels >= 2, was " + newBox);
        if (lowpass < 0) throw new IllegalArgumentException("--lowpass must be >= 0 Å, was " + lowpass);
        if (highpass < 0) throw new IllegalArgumentException("--highpass must be >= 0 Å, was " + highpass);
    }

    /** Nothing but the identity: a starting point for builders and tests. */
    public static ImageHandlerSettings none() {
        return new ImageHandlerSettings(Double.NaN, Double.NaN, 0, 0, 0, false, null);
    }
}
