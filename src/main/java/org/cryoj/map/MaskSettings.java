package org.cryoj.map;

/**
 * relion_mask_create settings.
 *
 * @param iniThreshold   binarise the (optionally low-passed) map at this value
 * @param extendInimask  grow (&gt; 0) or shrink (&lt; 0) the binary mask by this many pixels
 * @param widthSoftEdge  raised-cosine soft edge width in pixels
 * @param lowpass        low-pass the map to this resolution (Å) before thresholding; 0 = none
 * @param angpix         pixel size in Å; NaN = from the header
 * @param invert         invert the final mask (1 - mask)
 */
public record MaskSettings(double iniThreshold, double extendInimask, double widthSoftEdge,
                           double lowpass, double angpix, boolean invert) {
    public MaskSettings {
        if (!Double.isFinite(iniThreshold))
            throw new IllegalArgumentException("--ini_threshold must be a finite number, was " + iniThreshold);
        if (!Double.isFinite(extendInimask))
            throw new IllegalArgumentException("--extend_inimask must be a finite number of pixels, was " + extendInimask);
        if (!(widthSoftEdge >= 0) || !Double.isFinite(widthSoftEdge))
            throw new IllegalArgumentException("--width_soft_edge must be >= 0 pixels, was " + widthSoftEdge);
        if (lowpass < 0) throw new IllegalArgumentException("--lowpass must be >= 0 Å, was " + lowpass);
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + angpix);
    }
}
