package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.cryoj.io.InputFormatException;

/**
 * Reads ranges of rows of MRC files, in X, Y, Z order, as floats into a caller's buffer, for
 * loading many micrographs a block at a time without allocating (MrcFile.read makes a new array
 * per file). Float32 data in the machine's byte order are read straight into the buffer; other
 * modes and byte orders are decoded through a small reused buffer. Not thread-safe.
 */
public final class MrcDataReader implements AutoCloseable {
    private static final int CHUNK = 1 << 18;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    private float[] decoded;
    /** The last file read from, kept open for its next rows. */
    private Path openFile;
    private FileChannel open;

    public MrcHeader header(Path file) throws IOException {
        return MrcFile.readHeader(file);
    }

    /**
     * Rows {@code [firstRow, firstRow + rows)} as floats in the machine's byte order into
     * {@code into} (from position 0; position and limit left at 0 and the bytes written). Float32
     * data in that byte order go straight from the file into the buffer (one copy, none more).
     * Keeps the file open for the next call on it; {@link #close} closes it.
     */
    public void read(Path file, MrcHeader header, long firstRow, int rows, ByteBuffer into) throws IOException {
        long voxels = (long) rows * header.nx();
        if (firstRow < 0 || rows < 0 || firstRow + rows > (long) header.ny() * header.nz())
            throw new IllegalArgumentException("rows " + firstRow + " to " + (firstRow + rows) + " of " + header.ny() * (long) header.nz());
        if (into.capacity() < voxels * 4) throw new IllegalArgumentException(into.capacity() + " bytes for " + voxels + " voxels");
        if (!header.hasStandardAxisOrder())
            throw new InputFormatException(file, -1, "mapc/mapr/maps", "axes " + header.mapc() + ", " + header.mapr() + ", "
                    + header.maps() + ": images are read in X, Y, Z order only");
        FileChannel ch = channel(file, header);
        int bpv = header.mode().bytesPerVoxel();
        long pos = header.dataOffset() + firstRow * header.nx() * bpv;
        into.clear().limit((int) (voxels * 4));
        if (header.mode() == MrcMode.FLOAT32 && header.byteOrder() == ByteOrder.nativeOrder()) {
            while (into.hasRemaining()) {
                int n = ch.read(into, pos);
                if (n < 0) throw new InputFormatException(file, -1, "data", "unexpected end of file");
                pos += n;
            }
        } else {
            FloatBuffer out = into.order(ByteOrder.nativeOrder()).asFloatBuffer();
            if (decoded == null) decoded = new float[CHUNK / 2];   // the most voxels a chunk holds (2-byte modes)
            int filled = 0;
            chunk.order(header.byteOrder());
            while (filled < voxels) {
                int count = (int) Math.min(Math.min(CHUNK / bpv, decoded.length), voxels - filled);
                chunk.clear().limit(count * bpv);
                while (chunk.hasRemaining()) {
                    int n = ch.read(chunk, pos);
                    if (n < 0) throw new InputFormatException(file, -1, "data", "unexpected end of file");
                    pos += n;
                }
                MrcData.decode(chunk, 0, header.mode(), decoded, 0, count);
                out.put(decoded, 0, count);
                filled += count;
            }
        }
        into.clear().limit((int) (voxels * 4));
    }

    private FileChannel channel(Path file, MrcHeader header) throws IOException {
        if (open != null && file.equals(openFile)) return open;
        close();
        FileChannel ch = MrcFile.open(file);
        try {
            MrcFile.checkSize(file, header, ch.size());
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        open = ch;
        openFile = file;
        return ch;
    }

    @Override
    public void close() throws IOException {
        FileChannel ch = open;
        open = null;
        openFile = null;
        if (ch != null) ch.close();
    }
}
