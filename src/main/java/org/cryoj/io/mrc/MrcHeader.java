package org.cryoj.io.mrc;

import java.nio.ByteOrder;

/**
 * The MRC2014 header fields CryoJ uses. Pixel size is cella / mx (Å per voxel) as RELION and
 * mrcfile compute it; {@code nz} counts images in a stack (ispg 0) or sections of a volume.
 *
 * @param extendedHeaderBytes nsymbt, bytes between the 1024-byte header and the data
 */
public record MrcHeader(int nx, int ny, int nz, MrcMode mode,
                        double pixelSizeX, double pixelSizeY, double pixelSizeZ,
                        float originX, float originY, float originZ,
                        int spaceGroup, int extendedHeaderBytes, ByteOrder byteOrder,
                        double min, double max, double mean, double rms) {

    public static final int HEADER_BYTES = 1024;

    /** True for an image stack (.mrcs), where nz counts 2D images. */
    public boolean isStack() { return spaceGroup == 0 && nz > 1; }

    public long dataOffset() { return HEADER_BYTES + (long) extendedHeaderBytes; }

    public long sectionBytes() { return (long) nx * ny * mode.bytesPerVoxel(); }
}
