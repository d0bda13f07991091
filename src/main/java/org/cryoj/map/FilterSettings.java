package org.cryoj.map;

import org.cryoj.fourier.FourierFilters;

/**
 * relion_image_handler's Fourier filters, applied in this order: B-factor, Laplacian of Gaussian,
 * low-pass (along one axis when directional), high-pass.
 *
 * @param bfactor     B-factor in Å^2 (negative sharpens); 0 = none
 * @param logDiameter diameter in Å of the blobs a Laplacian-of-Gaussian filter picks out (--LoG); 0 = none
 * @param lowpass     low-pass resolution in Å; 0 = none
 * @param highpass    high-pass resolution in Å; 0 = none
 * @param edgeWidth   width of the raised-cosine edge in shells (--filter_edge_width)
 * @param directional axis of a directional low-pass; null = isotropic
 */
public record FilterSettings(double bfactor, double logDiameter, double lowpass, double highpass, int edgeWidth, FourierFilters.Axis directional) {
    public FilterSettings {
        if (!Double.isFinite(bfactor)) throw new IllegalArgumentException("--bfactor must be a finite number of A^2, was " + bfactor);
        if (!(logDiameter >= 0) || Double.isInfinite(logDiameter)) throw new IllegalArgumentException("--LoG must be >= 0 A, was " + logDiameter);
        if (!(lowpass >= 0) || Double.isInfinite(lowpass)) throw new IllegalArgumentException("--lowpass must be >= 0 A, was " + lowpass);
        if (!(highpass >= 0) || Double.isInfinite(highpass)) throw new IllegalArgumentException("--highpass must be >= 0 A, was " + highpass);
        if (edgeWidth < 0) throw new IllegalArgumentException("--filter_edge_width must be >= 0 shells, was " + edgeWidth);
        if (directional != null && lowpass == 0)
            throw new IllegalArgumentException("--directional is a direction for --lowpass; give --lowpass too");
    }

    public static FilterSettings none() {
        return new FilterSettings(0, 0, 0, 0, FourierFilters.DEFAULT_EDGE_WIDTH, null);
    }

    /** Whether any filter needs a pixel size. */
    public boolean any() {
        return bfactor != 0 || logDiameter > 0 || lowpass > 0 || highpass > 0;
    }
}
