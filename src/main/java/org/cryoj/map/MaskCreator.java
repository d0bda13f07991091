package org.cryoj.map;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.image.FloatVolume;

/**
 * relion_mask_create: optional low-pass, binarise at {@code value >= ini_threshold}, grow (or
 * shrink) the binary mask by voxels closer than |extend_inimask|, add a raised-cosine edge
 * 0.5 + 0.5 cos(pi d / W) on voxels at distance d &lt; W from the binary mask, optionally invert.
 * Distances are exact Euclidean ones from a distance transform; RELION searches a cube of
 * ceil(radius) voxels, which finds the same nearest voxel whenever it is within the radius.
 */
public final class MaskCreator {
    private MaskCreator() {}

    public static FloatVolume create(FloatVolume map, MaskSettings s) {
        return create(map, s, null);
    }

    /**
     * As {@link #create(FloatVolume, MaskSettings)} with the binary mask started from the input and
     * a second map ({@code combination}, or null for the input alone). The mask's header pixel
     * size is --angpix when given (as RELION writes it), else the input's.
     */
    public static FloatVolume create(FloatVolume map, MaskSettings s, MaskCombination combination) {
        double angpix = Double.isNaN(s.angpix()) ? map.pixelSize() : s.angpix();
        FloatVolume in = s.lowpass() > 0
                ? FourierFilters.lowPass(map, s.lowpass(), angpix, FourierFilters.DEFAULT_EDGE_WIDTH) : map;
        int nx = in.nx(), ny = in.ny(), nz = in.nz(), n = in.data().length;
        boolean[] inside;
        if (combination != null) inside = combination.inside(in, s.iniThreshold());
        else {
            inside = new boolean[n];
            for (int i = 0; i < n; i++) inside[i] = in.data()[i] >= s.iniThreshold();
        }

        double ext = s.extendInimask();
        if (ext > 0) {
            double[] d2 = DistanceTransform.squared(inside, nx, ny, nz);
            for (int i = 0; i < n; i++) inside[i] = d2[i] < ext * ext;
        } else if (ext < 0) {
            boolean[] outside = new boolean[n];
            for (int i = 0; i < n; i++) outside[i] = !inside[i];
            double[] d2 = DistanceTransform.squared(outside, nx, ny, nz);
            for (int i = 0; i < n; i++) inside[i] = inside[i] && !(d2[i] < ext * ext);
        }

        float[] mask = new float[n];
        double w = s.widthSoftEdge();
        double[] d2 = w > 0 ? DistanceTransform.squared(inside, nx, ny, nz) : null;
        for (int i = 0; i < n; i++) {
            float m;
            if (inside[i]) m = 1f;
            else if (d2 != null && d2[i] < w * w) m = (float) (0.5 + 0.5 * Math.cos(Math.PI * Math.sqrt(d2[i]) / w));
            else m = 0f;
            mask[i] = s.invert() ? 1f - m : m;
        }
        return new FloatVolume(nx, ny, nz, mask, angpix);
    }
}
