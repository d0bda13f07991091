package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/** Applies {@link ImageHandlerSettings} to a map, in relion_image_handler's order. */
public final class ImageHandler {
    private ImageHandler() {}

    public static FloatVolume apply(FloatVolume in, ImageHandlerSettings s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
