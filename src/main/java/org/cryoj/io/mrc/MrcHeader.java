package org.cryoj.io.mrc;

import java.nio.ByteOrder;

/**
 * The MRC2014 header fields CryoJ uses. Pixel size is cella / mx (Å per voxel) as RELION and
 * mrcfile compute it; {@code nz} counts images in a stack (ispg 0) or sections of a volume.
 * nx, ny, nz are the file's column, row and section counts; {@code mapc, mapr, maps} say which
 * of X, Y, Z (1, 2, 3) each of them runs along.
 *
 * @param extendedHeaderBytes nsymbt, bytes between the 1024-byte header and the data
 * @param extendedHeaderType  exttyp (e.g. "FEI1", "CCP4"), blank when none is declared
 * @param version             nversion (20140 for MRC2014; 0 in RELION 3.1 output)
 */
public record MrcHeader(int nx, int ny, int nz, MrcMode mode,
                        double pixelSizeX, double pixelSizeY, double pixelSizeZ,
                        float originX, float originY, float originZ,
                        int mapc, int mapr, int maps,
                        int spaceGroup, int extendedHeaderBytes, String extendedHeaderType, int version,
                        ByteOrder byteOrder,
                        double min, double max, double mean, double rms) {

    public static final int HEADER_BYTES = 1024;

    /** True for an image stack (.mrcs), where nz counts 2D images. */
    public boolean isStack() { return spaceGroup == 0 && nz > 1; }

    /** True when columns, rows and sections run along X, Y and Z, the only order RELION writes. */
    public boolean hasStandardAxisOrder() { return mapc == 1 && mapr == 2 && maps == 3; }

    public long dataOffset() { return HEADER_BYTES + (long) extendedHeaderBytes; }

    public long sectionBytes() { return (long) nx * ny * mode.bytesPerVoxel(); }

    /** Header plus extended header plus data: what the file size must be. */
    public long expectedFileSize() { return dataOffset() + sectionBytes() * nz; }
}
