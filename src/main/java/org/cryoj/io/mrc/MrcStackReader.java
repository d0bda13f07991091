package org.cryoj.io.mrc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.InputFormatException;

/**
 * Random access to the images (sections) of an MRC stack or map without reading it whole:
 * every read fetches and decodes just one image with a positional read of the open file, so one
 * reader can serve many threads. Reading instead of memory-mapping keeps the stack out of the
 * process's resident memory (mapped pages count in it; a refinement reads every particle once
 * per iteration). The reader holds one open file: use in try-with-resources, or
 * {@link StackReaders} to keep a bounded number open; after {@link #close()} reads fail.
 */
public final class MrcStackReader implements AutoCloseable {
    private final Path file;
    private final MrcHeader header;
    private final FileChannel channel;
    private final double pixelSize;
    private volatile boolean closed;

    private MrcStackReader(Path file, MrcHeader header, FileChannel channel) {
        this.file = file;
        this.header = header;
        this.channel = channel;
        this.pixelSize = header.pixelSizeX() > 0 ? header.pixelSizeX() : 1.0;
    }

    public static MrcStackReader open(Path file) throws IOException {
        FileChannel ch = MrcFile.open(file);
        try {
            MrcHeader h = MrcHeaderCodec.parse(file, ch);
            MrcFile.checkSize(file, h, ch.size());
            if (!h.hasStandardAxisOrder())
                throw new InputFormatException(file, -1, "mapc/mapr/maps", "axis order " + h.mapc() + ", " + h.mapr()
                        + ", " + h.maps() + ": images of a stack must be stored X, Y, Z (1, 2, 3); read it whole with MrcFile.read");
            if (h.sectionBytes() > Integer.MAX_VALUE - 8)
                throw new InputFormatException(file, -1, "nx/ny", "one image of " + h.nx() + " x " + h.ny() + " is too large to read");
            return new MrcStackReader(file, h, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() { return file; }
    public MrcHeader header() { return header; }

    /** Number of images (nz). */
    public int size() { return header.nz(); }

    /**
     * Decodes image {@code index} (0-based) into {@code dest} (nx * ny floats, allocated when
     * null) and returns it.
     */
    public float[] readImage(int index, float[] dest) {
        if (closed) throw new IllegalStateException(file + ": reader is closed");
        if (index < 0 || index >= header.nz())
            throw new IndexOutOfBoundsException(file + ": image " + (index + 1) + " asked for, the stack holds " + header.nz());
        int voxels = header.nx() * header.ny();
        float[] out = dest != null ? dest : new float[voxels];
        if (out.length != voxels) throw new IllegalArgumentException("destination holds " + out.length + " floats, an image " + voxels);
        ByteBuffer bytes = ByteBuffer.allocate((int) header.sectionBytes()).order(header.byteOrder());
        long position = header.dataOffset() + (long) index * header.sectionBytes();
        try {
            while (bytes.hasRemaining()) {
                int n = channel.read(bytes, position + bytes.position());
                if (n < 0) throw new IOException(file + ": ends inside image " + (index + 1));
            }
        } catch (ClosedChannelException e) {
            throw new IllegalStateException(file + ": reader is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": reading image " + (index + 1) + " failed: " + e.getMessage(), e);
        }
        MrcData.decode(bytes, 0, header.mode(), out, 0, voxels);
        return out;
    }

    /** Image {@code index} (0-based) as a 2D volume with the header voxel size. */
    public FloatVolume image(int index) {
        return new FloatVolume(header.nx(), header.ny(), 1, readImage(index, null), pixelSize);
    }

    /** The image an {@link ImageReference} names (its file must be this reader's). */
    public FloatVolume image(ImageReference ref) {
        return image(ref.zeroBasedIndex());
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing is lost when closing fails
        }
    }
}
