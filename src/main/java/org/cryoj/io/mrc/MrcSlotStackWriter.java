package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.cryoj.image.ImageStatistics;
import org.cryoj.io.PendingOutput;

/**
 * A stack of a known number of images whose images arrive in any order and from any thread:
 * each is written at its slot with a positional write to a temporary file (so threads need no
 * lock), and {@link #commit()} writes the header, with the statistics of all slots merged in slot
 * order (the same header whatever the order of arrival), and renames the file into place. As with
 * {@link MrcStackWriter}, closing without a commit deletes the temporary file.
 */
public final class MrcSlotStackWriter implements AutoCloseable {
    private final PendingOutput output;
    private final int nx, ny, count;
    private final double pixelSize;
    private final MrcMode mode;
    private final long imageBytes;
    private final ImageStatistics[] slots;

    private MrcSlotStackWriter(PendingOutput output, int nx, int ny, int count, double pixelSize, MrcMode mode) {
        this.output = output;
        this.nx = nx;
        this.ny = ny;
        this.count = count;
        this.pixelSize = pixelSize;
        this.mode = mode;
        this.imageBytes = (long) nx * ny * mode.bytesPerVoxel();
        this.slots = new ImageStatistics[count];
    }

    /** Starts a stack of {@code count} images; fails at once when the target exists and overwrite is false. */
    public static MrcSlotStackWriter create(Path target, int nx, int ny, int count, double pixelSize, MrcMode mode,
                                            boolean overwrite) throws IOException {
        // validates mode, sizes and pixel size before any file is created
        new MrcHeaderCodec.Layout(nx, ny, count, 1, pixelSize, mode, 0, MrcOrigin.ZERO, MrcFile.LABEL);
        return new MrcSlotStackWriter(PendingOutput.open(target, overwrite), nx, ny, count, pixelSize, mode);
    }

    public Path target() { return output.target(); }
    public int count() { return count; }

    /**
     * Writes image {@code slot} (0-based) as {@code encoded} holds it (mode and size of this stack,
     * e.g. from {@link MrcImageEncoder}) with the statistics of its stored values. Thread-safe
     * for distinct slots.
     */
    public void write(int slot, ByteBuffer encoded, ImageStatistics statistics) throws IOException {
        if (slot < 0 || slot >= count) throw new IndexOutOfBoundsException("slot " + slot + " of a stack of " + count);
        if (encoded.remaining() != imageBytes)
            throw new IllegalArgumentException(encoded.remaining() + " bytes for an image of " + imageBytes);
        long at = MrcHeader.HEADER_BYTES + slot * imageBytes;
        while (encoded.hasRemaining()) at += output.channel().write(encoded, at);
        synchronized (slots) { slots[slot] = statistics; }
    }

    /** Writes the header and renames the stack into place; every slot must have been written. */
    public void commit() throws IOException {
        StackStatistics all = new StackStatistics();
        synchronized (slots) {
            for (int i = 0; i < count; i++) {
                if (slots[i] == null) {
                    abort();
                    throw new IllegalStateException(output.target() + ": image " + (i + 1) + " of " + count + " was never written");
                }
                all.add(slots[i]);
            }
        }
        MrcHeaderCodec.finishStack(output, nx, ny, count, pixelSize, mode, all.result());
    }

    /** Discards everything written; the target is left untouched. */
    public void abort() throws IOException { output.abort(); }

    /** Aborts unless committed. */
    @Override
    public void close() throws IOException { output.close(); }
}
