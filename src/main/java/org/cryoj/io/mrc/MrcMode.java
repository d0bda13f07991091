package org.cryoj.io.mrc;

/** MRC data modes CryoJ understands (MRC2014 numbering). */
public enum MrcMode {
    INT8(0, 1), INT16(1, 2), FLOAT32(2, 4), UINT16(6, 2), FLOAT16(12, 2);

    private final int code;
    private final int bytes;

    MrcMode(int code, int bytes) { this.code = code; this.bytes = bytes; }

    public int code() { return code; }
    public int bytesPerVoxel() { return bytes; }

    /** @return the mode, or null when the code is not one CryoJ reads */
    public static MrcMode of(int code) {
        for (MrcMode m : values()) if (m.code == code) return m;
        return null;
    }
}
