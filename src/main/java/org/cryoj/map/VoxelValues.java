package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/** Value edits of relion_image_handler that look at one voxel at a time. */
public final class VoxelValues {
    private VoxelValues() {}

    /** --remove_nan / --replace_nan: NaN and ±infinity become the given value. */
    public static FloatVolume replaceNonFinite(FloatVolume v, double replacement) {
        float r = (float) replacement;
        float[] in = v.data(), out = in.clone();
        for (int i = 0; i < out.length; i++) if (!Float.isFinite(out[i])) out[i] = r;
        return new FloatVolume(v.nx(), v.ny(), v.nz(), out, v.pixelSize());
    }

    /**
     * --threshold_above / --threshold_below: values above {@code above} become {@code above},
     * those below {@code below} become {@code below}; NaN leaves that side alone.
     */
    public static FloatVolume clamp(FloatVolume v, double above, double below) {
        float[] out = v.data().clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isNaN(above) && out[i] > above) out[i] = (float) above;
            if (!Double.isNaN(below) && out[i] < below) out[i] = (float) below;
        }
        return new FloatVolume(v.nx(), v.ny(), v.nz(), out, v.pixelSize());
    }
}
