package org.cryoj.io.mrc;

import java.nio.ByteBuffer;

/** Voxel conversion between MRC modes and float, with absolute reads so a mapped buffer can be shared. */
final class MrcData {
    private MrcData() {}

    /** Decodes {@code count} voxels starting at byte {@code from} of {@code src} (in its byte order). */
    static void decode(ByteBuffer src, long from, MrcMode mode, float[] dst, int dstOffset, int count) {
        int p = Math.toIntExact(from);
        switch (mode) {
            // MRC2014 mode 0 is signed; a few old writers meant unsigned, but the standard and mrcfile say int8
            case INT8 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = src.get(p + i); }
            case INT16 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = src.getShort(p + 2 * i); }
            case UINT16 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = src.getShort(p + 2 * i) & 0xffff; }
            // a bulk copy (byte-swapped where the orders differ) instead of a call per voxel
            case FLOAT32 -> src.duplicate().order(src.order()).position(p).asFloatBuffer().get(dst, dstOffset, count);
            case FLOAT16 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = Float16.toFloat(src.getShort(p + 2 * i)); }
        }
    }

    /** Appends one voxel in a writable mode (2 or 12). */
    static void put(ByteBuffer dst, MrcMode mode, float v) {
        if (mode == MrcMode.FLOAT16) dst.putShort(Float16.fromFloat(v));
        else dst.putFloat(v);
    }

    /**
     * The value a voxel will hold once stored: float16 rounding for mode 12. Header statistics
     * describe the stored data, and a value too large for float16 is refused rather than
     * silently turned into infinity.
     */
    static float stored(MrcMode mode, float v) {
        if (mode != MrcMode.FLOAT16) return v;
        float r = Float16.toFloat(Float16.fromFloat(v));
        if (Float.isInfinite(r) && !Float.isInfinite(v))
            throw new IllegalArgumentException("value " + v + " is beyond the float16 range (|v| < 65520) of MRC mode 12; write mode 2");
        return r;
    }
}
