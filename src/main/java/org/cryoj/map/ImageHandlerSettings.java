package org.cryoj.map;

import java.util.Objects;

/**
 * What {@code relion_image_handler} does to one map or image, as typed, validated settings. The
 * steps run in RELION's order (see {@link ImageHandler}).
 *
 * @param angpix          pixel size of the input in Å; NaN = take it from the MRC header
 * @param edge            edge fill of a 2D image (--add_edge); null = none
 * @param nanReplacement  value for NaN and ±infinity voxels (--remove_nan / --replace_nan); NaN = leave them
 * @param phaseRandomise  resolution in Å beyond which phases are randomised; 0 = none
 * @param operation       arithmetic with a constant or another image, --adjust_power or --fourier_filter; null = none
 * @param filters         B-factor, low- and high-pass
 * @param flip            mirror; null = none
 * @param shift           translation; null = none
 * @param rescaleAngpix   requested output pixel size in Å; NaN = no rescaling
 * @param newBox          output box in pixels (pad or crop in real space, odd sizes too); 0 = keep
 * @param sym             point group to symmetrise with (e.g. "D2"); null or "C1" = none
 * @param thresholdAbove  values above it are set to it; NaN = none
 * @param thresholdBelow  values below it are set to it; NaN = none
 */
public record ImageHandlerSettings(double angpix, EdgeFill edge, double nanReplacement, double phaseRandomise,
                                   ImageOperation operation, FilterSettings filters, Flip flip, Shift shift,
                                   double rescaleAngpix, int newBox, String sym,
                                   double thresholdAbove, double thresholdBelow) {
    public ImageHandlerSettings {
        Objects.requireNonNull(filters, "filters");
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + angpix);
        if (Double.isInfinite(nanReplacement))
            throw new IllegalArgumentException("--replace_nan must be a finite number, was " + nanReplacement);
        if (!(phaseRandomise >= 0) || Double.isInfinite(phaseRandomise))
            throw new IllegalArgumentException("--phase_randomise must be a resolution >= 0 Å, was " + phaseRandomise);
        if (!Double.isNaN(rescaleAngpix) && !(rescaleAngpix > 0 && Double.isFinite(rescaleAngpix)))
            throw new IllegalArgumentException("--rescale_angpix must be a positive pixel size in Å, was " + rescaleAngpix);
        if (newBox < 0 || newBox == 1)
            throw new IllegalArgumentException("--new_box must be a number of pixels >= 2, was " + newBox);
        if (Double.isInfinite(thresholdAbove) || Double.isInfinite(thresholdBelow))
            throw new IllegalArgumentException("--threshold_above/--threshold_below must be finite");
    }

    /** Nothing but the identity. */
    public static ImageHandlerSettings none() {
        return rebox(Double.NaN, Double.NaN, 0);
    }

    /** Only a Fourier rescale and/or a real-space re-box (the Rescale Map command). */
    public static ImageHandlerSettings rebox(double angpix, double rescaleAngpix, int newBox) {
        return new ImageHandlerSettings(angpix, null, Double.NaN, 0, null, FilterSettings.none(), null, null,
                rescaleAngpix, newBox, null, Double.NaN, Double.NaN);
    }

    /** The same settings with another image operation. */
    public ImageHandlerSettings withOperation(ImageOperation op) {
        return new ImageHandlerSettings(angpix, edge, nanReplacement, phaseRandomise, op, filters, flip, shift,
                rescaleAngpix, newBox, sym, thresholdAbove, thresholdBelow);
    }

    /** Whether a step needs the pixel size (from --angpix or the header). */
    public boolean needsPixelSize() {
        return filters.any() || phaseRandomise > 0 || !Double.isNaN(rescaleAngpix);
    }
}
