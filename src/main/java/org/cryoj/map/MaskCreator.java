package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/** relion_mask_create: threshold, extend, soft edge. */
public final class MaskCreator {
    private MaskCreator() {}

    public static FloatVolume create(FloatVolume map, MaskSettings s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
