package org.cryoj.extract;

/**
 * What {@code relion_preprocess --extract --reextract_data_star} does, as typed, validated
 * settings. Sizes are in pixels; {@code bgRadius} is in pixels of the output (rescaled) box.
 *
 * @param extractSize    --extract_size: box cut from the micrograph (even, > 0)
 * @param scale          --scale: box after Fourier rescaling (even); -1 = no rescaling
 * @param normalise      --norm: ramp removal and background mean 0 / stddev 1
 * @param ramp           false for --no_ramp (subtract the background mean only)
 * @param bgRadius       --bg_radius in output pixels; -1 = RELION GUI's default, 75% of the box
 *                       as a diameter: (int) (0.375 * output size)
 * @param whiteDust      --white_dust in background stddevs; negative = off
 * @param blackDust      --black_dust in background stddevs; negative = off
 * @param invertContrast --invert_contrast
 * @param float16        --float16: write MRC mode 12 instead of mode 2
 * @param recenter       --recenter: move the refined offset into the coordinates
 * @param recenterX      --recenter_x, pixels of the reference
 * @param recenterY      --recenter_y, pixels of the reference
 * @param recenterZ      --recenter_z, pixels of the reference
 * @param refAngpix      --ref_angpix: pixel size of the reference; -1 = that of the particles
 * @param resetOffsets   --reset_offsets: set rlnOriginX/YAngst to 0 (and do not recentre)
 * @param threads        --j: workers cutting particles in parallel (one more thread reads, one more finishes stacks)
 * @param overwrite      --force: replace existing outputs
 */
public record ExtractSettings(int extractSize, int scale, boolean normalise, boolean ramp, int bgRadius,
                              double whiteDust, double blackDust, boolean invertContrast, boolean float16,
                              boolean recenter, double recenterX, double recenterY, double recenterZ,
                              double refAngpix, boolean resetOffsets, int threads, boolean overwrite) {

    public ExtractSettings {
        if (extractSize <= 0 || extractSize % 2 != 0)
            throw new IllegalArgumentException("--extract_size must be an even number of pixels > 0, was " + extractSize);
        if (scale != -1 && (scale <= 0 || scale % 2 != 0))
            throw new IllegalArgumentException("--scale must be an even number of pixels > 0 (or -1 for none), was " + scale);
        if (bgRadius < -1)
            throw new IllegalArgumentException("--bg_radius must be >= 0 pixels (or -1 for 75% of the box), was " + bgRadius);
        int out = scale > 0 ? scale : extractSize;
        if (normalise && 2 * effectiveBgRadius(bgRadius, out) > out)
            throw new IllegalArgumentException("--bg_radius " + bgRadius + ": 2*bg_radius is larger than the output box of " + out + " pixels");
        if (!normalise && (whiteDust > 0 || blackDust > 0))
            // RELION removes dust inside its normalisation and silently ignores it without --norm
            throw new IllegalArgumentException("--white_dust/--black_dust need --norm (dust is removed while normalising)");
        for (double v : new double[] {recenterX, recenterY, recenterZ})
            if (!Double.isFinite(v)) throw new IllegalArgumentException("--recenter_x/_y/_z must be finite, was " + v);
        if (!Double.isFinite(whiteDust) || !Double.isFinite(blackDust))
            throw new IllegalArgumentException("--white_dust/--black_dust must be finite");
        if (refAngpix != -1 && !(refAngpix > 0 && Double.isFinite(refAngpix)))
            throw new IllegalArgumentException("--ref_angpix must be a positive pixel size in Å (or -1), was " + refAngpix);
        if (threads < 1) throw new IllegalArgumentException("--j must be >= 1, was " + threads);
    }

    /** Plain extraction of {@code extractSize} boxes, nothing else, one thread. */
    public static ExtractSettings plain(int extractSize) {
        return new ExtractSettings(extractSize, -1, false, true, -1, -1, -1, false, false,
                false, 0, 0, 0, -1, false, 1, false);
    }

    /** Box size of the written particles. */
    public int outputSize() { return scale > 0 ? scale : extractSize; }

    /** Background radius in output pixels, the default filled in. */
    public int backgroundRadius() { return effectiveBgRadius(bgRadius, outputSize()); }

    /** Output pixel size for a micrograph pixel size, as RELION writes rlnImagePixelSize. */
    public double outputPixelSize(double micrographAngpix) {
        return scale > 0 ? micrographAngpix * extractSize / scale : micrographAngpix;
    }

    /** True when a non-zero --recenter_x/_y/_z asks to recentre on a point of the reference. */
    public boolean hasRecentreVector() {
        return recenter && (recenterX != 0 || recenterY != 0 || recenterZ != 0);
    }

    private static int effectiveBgRadius(int bgRadius, int outputSize) {
        return bgRadius >= 0 ? bgRadius : (int) (0.375 * outputSize);
    }
}
