package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.PendingOutput;

/**
 * Writes an image stack (.mrcs, ispg 0) one image at a time, in mode 2 or 12, little-endian.
 * Images go to a temporary file; {@link #commit()} writes the header (nz and statistics over
 * all images as stored) and renames the file into place. Closing without a commit, or
 * {@link #abort()}, deletes the temporary file, so an exception or a cancel inside
 * try-with-resources leaves no half-written stack:
 * <pre>
 * try (MrcStackWriter w = MrcStackWriter.create(out, 64, 64, 1.4, MrcMode.FLOAT32, false)) {
 *     for (...) w.append(image);
 *     w.commit();
 * }
 * </pre>
 */
public final class MrcStackWriter implements AutoCloseable {
    private final PendingOutput output;
    private final int nx, ny;
    private final double pixelSize;
    private final MrcMode mode;
    private final ByteBuffer buffer;
    private final float[] stored;
    private int count;
    private long position = MrcHeader.HEADER_BYTES;
    private final StackStatistics statistics = new StackStatistics();

    private MrcStackWriter(PendingOutput output, int nx, int ny, double pixelSize, MrcMode mode) {
        this.output = output;
        this.nx = nx;
        this.ny = ny;
        this.pixelSize = pixelSize;
        this.mode = mode;
        this.stored = new float[nx * ny];
        this.buffer = ByteBuffer.allocate(nx * ny * mode.bytesPerVoxel()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Starts a stack of nx x ny images; fails at once when the target exists and overwrite is false. */
    public static MrcStackWriter create(Path target, int nx, int ny, double pixelSize, MrcMode mode, boolean overwrite) throws IOException {
        // validates mode, sizes and pixel size before any file is created
        new MrcHeaderCodec.Layout(nx, ny, 1, 1, pixelSize, mode, 0, MrcOrigin.ZERO, MrcFile.LABEL);
        if ((long) nx * ny * mode.bytesPerVoxel() > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("images of " + nx + " x " + ny + " are too large");
        return new MrcStackWriter(PendingOutput.open(target, overwrite), nx, ny, pixelSize, mode);
    }

    public int count() { return count; }

    /** Appends one image of nx * ny floats (x fastest). */
    public void append(float[] image) throws IOException {
        if (image.length != stored.length)
            throw new IllegalArgumentException("image has " + image.length + " values, the stack's images " + nx + " x " + ny);
        for (int i = 0; i < image.length; i++) stored[i] = MrcData.stored(mode, image[i]);
        buffer.clear();
        for (float f : stored) MrcData.put(buffer, mode, f);
        buffer.flip();
        while (buffer.hasRemaining()) position += output.channel().write(buffer, position);
        statistics.add(ImageStatistics.of(stored));
        count++;
    }

    /** Appends a 2D image; its size must match and its voxel size is not checked. */
    public void append(FloatVolume image) throws IOException {
        if (image.nx() != nx || image.ny() != ny || image.nz() != 1)
            throw new IllegalArgumentException("image is " + image.nx() + "x" + image.ny() + "x" + image.nz()
                    + ", the stack's images are " + nx + "x" + ny);
        append(image.data());
    }

    /** Statistics of everything appended so far (as stored). */
    public ImageStatistics statistics() {
        if (count == 0) throw new IllegalStateException("no images appended");
        return statistics.result();
    }

    /** Writes the header and renames the stack into place. */
    public void commit() throws IOException {
        if (count == 0) {
            abort();
            throw new IllegalStateException(output.target() + ": an MRC stack needs at least one image; nothing written");
        }
        MrcHeaderCodec.finishStack(output, nx, ny, count, pixelSize, mode, statistics());
    }

    /** Discards everything written; the target is left untouched. */
    public void abort() throws IOException { output.abort(); }

    /** Aborts unless committed. */
    @Override
    public void close() throws IOException { output.close(); }
}
