package org.cryoj.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.cryoj.image.ImageStatistics;

/**
 * One image as a stack stores it, mode 2 or 12, little-endian, with the statistics of the stored
 * values (after float16 rounding) for the header. The output buffer is reused: one encoder per
 * thread, each result valid until the next call.
 */
public final class MrcImageEncoder {
    private final MrcMode mode;
    private final int pixels;
    private final ByteBuffer bytes;
    private final float[] stored;
    private final EncoderKernel kernel = EncoderKernel.best();
    private ImageStatistics statistics;

    public MrcImageEncoder(MrcMode mode, int pixels) {
        if (mode != MrcMode.FLOAT32 && mode != MrcMode.FLOAT16)
            throw new IllegalArgumentException("CryoJ writes MRC modes 2 and 12, not " + mode.code());
        if (pixels < 1) throw new IllegalArgumentException("an image needs pixels, got " + pixels);
        this.mode = mode;
        this.pixels = pixels;
        // direct, so a channel writes it without copying it first
        this.bytes = ByteBuffer.allocateDirect(Math.multiplyExact(pixels, mode.bytesPerVoxel())).order(ByteOrder.LITTLE_ENDIAN);
        this.stored = mode == MrcMode.FLOAT16 ? new float[pixels] : null;
    }

    public MrcMode mode() { return mode; }
    public int pixels() { return pixels; }

    /**
     * @return the image's bytes, position 0 to limit
     * @throws IllegalArgumentException when a finite value lies beyond float16's range (|v| &lt; 65520)
     */
    public ByteBuffer encode(float[] image) {
        if (image.length != pixels)
            throw new IllegalArgumentException("image has " + image.length + " values, the encoder's " + pixels);
        bytes.clear();
        if (mode == MrcMode.FLOAT32) {
            bytes.asFloatBuffer().put(image);
            statistics = kernel.statistics(image);
        } else {
            if (!kernel.toHalves(image, bytes, stored)) throw outOfRange(image);
            statistics = kernel.statistics(stored);
        }
        return bytes;
    }

    /** Statistics of the values the last {@link #encode} stored. */
    public ImageStatistics statistics() {
        if (statistics == null) throw new IllegalStateException("nothing encoded yet");
        return statistics;
    }

    private static IllegalArgumentException outOfRange(float[] image) {
        float worst = 0;
        for (float v : image) if (Float.isFinite(v) && Math.abs(v) > Math.abs(worst)) worst = v;
        return new IllegalArgumentException("value " + worst + " is beyond the float16 range (|v| < 65520) of MRC mode 12; write mode 2");
    }
}
