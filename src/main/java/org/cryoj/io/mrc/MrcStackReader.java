package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.InputFormatException;

/**
 * Random access to the images (sections) of an MRC stack or map without reading it whole:
 * the data is memory-mapped once, in pieces of whole images below 2 GiB each, and every read
 * decodes just one image. Reads use absolute positions, so one reader can serve many threads.
 * Use in try-with-resources; after {@link #close()} reads fail. (Java 17 cannot unmap
 * explicitly: the mapping goes with the garbage collector, which on Linux does not block
 * renaming or deleting the file.)
 */
public final class MrcStackReader implements AutoCloseable {
    private final Path file;
    private final MrcHeader header;
    private final MappedByteBuffer[] pieces;
    private final int imagesPerPiece;
    private final double pixelSize;
    private volatile boolean closed;

    private MrcStackReader(Path file, MrcHeader header, MappedByteBuffer[] pieces, int imagesPerPiece) {
        this.file = file;
        this.header = header;
        this.pieces = pieces;
        this.imagesPerPiece = imagesPerPiece;
        this.pixelSize = header.pixelSizeX() > 0 ? header.pixelSizeX() : 1.0;
    }

    public static MrcStackReader open(Path file) throws IOException {
        try (FileChannel ch = MrcFile.open(file)) {
            MrcHeader h = MrcHeaderCodec.parse(file, ch);
            MrcFile.checkSize(file, h, ch.size());
            if (!h.hasStandardAxisOrder())
                throw new InputFormatException(file, -1, "mapc/mapr/maps", "axis order " + h.mapc() + ", " + h.mapr()
                        + ", " + h.maps() + ": images of a stack must be stored X, Y, Z (1, 2, 3); read it whole with MrcFile.read");
            long imageBytes = h.sectionBytes();
            if (imageBytes > Integer.MAX_VALUE - 8)
                throw new InputFormatException(file, -1, "nx/ny", "one image of " + h.nx() + " x " + h.ny() + " is too large to map");
            int perPiece = (int) Math.min(h.nz(), (Integer.MAX_VALUE - 8) / imageBytes);
            int n = (h.nz() + perPiece - 1) / perPiece;
            MappedByteBuffer[] pieces = new MappedByteBuffer[n];
            for (int p = 0; p < n; p++) {
                int images = Math.min(perPiece, h.nz() - p * perPiece);
                pieces[p] = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + (long) p * perPiece * imageBytes, images * imageBytes);
                pieces[p].order(h.byteOrder());
            }
            return new MrcStackReader(file, h, pieces, perPiece);
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
        long offset = (long) (index % imagesPerPiece) * header.sectionBytes();
        MrcData.decode(pieces[index / imagesPerPiece], offset, header.mode(), out, 0, voxels);
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
        java.util.Arrays.fill(pieces, null);
    }
}
