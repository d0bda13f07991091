package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.cryoj.io.InputFormatException;

/**
 * Reads whole files in X, Y, Z order into a caller's float array through one reused direct
 * buffer, for loading many micrographs without allocating each time (MrcFile.read makes a new
 * array per file). Not thread-safe.
 */
public final class MrcDataReader {
    private static final int CHUNK = 1 << 20;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);

    public MrcHeader header(Path file) throws IOException {
        return MrcFile.readHeader(file);
    }

    /**
     * Reads the data {@code header} (from {@link #header}) describes into {@code into[0, nx ny nz)}.
     *
     * @throws InputFormatException when the file is shorter than the header says or its axes are
     *                              not in X, Y, Z order
     */
    public void read(Path file, MrcHeader header, float[] into) throws IOException {
        read(file, header, 0, (long) header.ny() * header.nz(), into);
    }

    /**
     * Reads rows {@code [firstRow, firstRow + rows)} (counted through the sections, nx voxels each)
     * into {@code into[0, rows nx)}: a band of a micrograph.
     */
    public void read(Path file, MrcHeader header, long firstRow, long rows, float[] into) throws IOException {
        long voxels = rows * header.nx();
        if (firstRow < 0 || rows < 0 || firstRow + rows > (long) header.ny() * header.nz())
            throw new IllegalArgumentException("rows " + firstRow + " to " + (firstRow + rows) + " of " + header.ny() * (long) header.nz());
        if (into.length < voxels) throw new IllegalArgumentException(into.length + " floats for " + voxels + " voxels");
        if (!header.hasStandardAxisOrder())
            throw new InputFormatException(file, -1, "mapc/mapr/maps", "axes " + header.mapc() + ", " + header.mapr() + ", "
                    + header.maps() + ": images are read in X, Y, Z order only");
        try (FileChannel ch = MrcFile.open(file)) {
            MrcFile.checkSize(file, header, ch.size());
            int bpv = header.mode().bytesPerVoxel();
            long pos = header.dataOffset() + firstRow * header.nx() * bpv;
            int filled = 0;
            chunk.order(header.byteOrder());
            while (filled < voxels) {
                int count = (int) Math.min(CHUNK / bpv, voxels - filled);
                chunk.clear().limit(count * bpv);
                while (chunk.hasRemaining()) {
                    int n = ch.read(chunk, pos);
                    if (n < 0) throw new InputFormatException(file, -1, "data", "unexpected end of file");
                    pos += n;
                }
                MrcData.decode(chunk, 0, header.mode(), into, filled, count);
                filled += count;
            }
        }
    }
}
