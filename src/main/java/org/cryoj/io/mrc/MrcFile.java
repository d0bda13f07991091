package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;

/**
 * Reads and writes whole MRC2014 maps, stacks and images. Writes are atomic (temporary file,
 * then rename) and fill the header statistics, voxel size, origin and nversion so that
 * mrcfile-validate passes. For single images out of large stacks use {@link MrcStackReader},
 * to write a stack image by image {@link MrcStackWriter}.
 */
public final class MrcFile {
    static final String LABEL = "CryoJ";

    private MrcFile() {}

    public static MrcHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return MrcHeaderCodec.parse(file, ch);
        }
    }

    /**
     * The whole file as floats in X, Y, Z order (files with another mapc/mapr/maps order are
     * reordered), with the header voxel size along X (1 Å when the header has none).
     */
    public static FloatVolume read(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            MrcHeader h = MrcHeaderCodec.parse(file, ch);
            checkSize(file, h, ch.size());
            long voxels = (long) h.nx() * h.ny() * h.nz();
            if (voxels > Integer.MAX_VALUE - 8)
                throw new InputFormatException(file, -1, "nx/ny/nz", "too large to read whole (" + voxels
                        + " voxels); read it image by image with MrcStackReader");
            float[] out = new float[(int) voxels];
            int bpv = h.mode().bytesPerVoxel();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 22, voxels * bpv)).order(h.byteOrder());
            long pos = h.dataOffset();
            int filled = 0;
            while (filled < out.length) {
                buf.clear();
                int count = Math.min(buf.capacity() / bpv, out.length - filled);
                buf.limit(count * bpv);
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) throw new InputFormatException(file, -1, "data", "unexpected end of file");
                    pos += n;
                }
                MrcData.decode(buf, 0, h.mode(), out, filled, count);
                filled += count;
            }
            double px = h.pixelSizeX() > 0 ? h.pixelSizeX() : 1.0;
            if (h.hasStandardAxisOrder()) return new FloatVolume(h.nx(), h.ny(), h.nz(), out, px);
            return toXyz(h, out, px);
        }
    }

    /** Reorders data stored as (column, row, section) along axes (mapc, mapr, maps) into X, Y, Z. */
    private static FloatVolume toXyz(MrcHeader h, float[] crs, double px) {
        int[] n = new int[3];
        n[h.mapc() - 1] = h.nx();
        n[h.mapr() - 1] = h.ny();
        n[h.maps() - 1] = h.nz();
        FloatVolume v = FloatVolume.zeros(n[0], n[1], n[2], px);
        int[] xyz = new int[3];
        int i = 0;
        for (int s = 0; s < h.nz(); s++)
            for (int r = 0; r < h.ny(); r++)
                for (int c = 0; c < h.nx(); c++) {
                    xyz[h.mapc() - 1] = c;
                    xyz[h.mapr() - 1] = r;
                    xyz[h.maps() - 1] = s;
                    v.set(xyz[0], xyz[1], xyz[2], crs[i++]);
                }
        return v;
    }

    /** Writes a map (ispg 1, origin 0) in mode 2 or 12, atomically. */
    public static void write(Path file, FloatVolume v, MrcMode mode, boolean overwrite) throws IOException {
        write(file, v, mode, MrcOrigin.ZERO, overwrite);
    }

    /** Writes a map (ispg 1) with the given origin (header words 50-52, Å). */
    public static void write(Path file, FloatVolume v, MrcMode mode, MrcOrigin origin, boolean overwrite) throws IOException {
        write(file, v, new MrcHeaderCodec.Layout(v.nx(), v.ny(), v.nz(), v.nz(), v.pixelSize(), mode, 1, origin, LABEL), overwrite);
    }

    /** Writes an image stack (.mrcs, ispg 0, mz 1): nz counts images. */
    public static void writeStack(Path file, FloatVolume v, MrcMode mode, boolean overwrite) throws IOException {
        write(file, v, new MrcHeaderCodec.Layout(v.nx(), v.ny(), v.nz(), 1, v.pixelSize(), mode, 0, MrcOrigin.ZERO, LABEL), overwrite);
    }

    /** Writes one 2D image (nz must be 1) as MRC2014 does: a stack of one (ispg 0, mz 1). */
    public static void writeImage(Path file, FloatVolume image, MrcMode mode, boolean overwrite) throws IOException {
        if (image.nz() != 1) throw new IllegalArgumentException("a 2D image needs nz = 1, was " + image.nz());
        writeStack(file, image, mode, overwrite);
    }

    private static void write(Path file, FloatVolume v, MrcHeaderCodec.Layout layout, boolean overwrite) throws IOException {
        MrcMode mode = layout.mode();
        float[] data = v.data();
        float[] stored = data;
        if (mode == MrcMode.FLOAT16) {
            stored = new float[data.length];
            for (int i = 0; i < data.length; i++) stored[i] = MrcData.stored(mode, data[i]);
        }
        ByteBuffer header = MrcHeaderCodec.build(layout, ImageStatistics.of(stored));
        final float[] src = stored;
        AtomicOutput.writeChannel(file, overwrite, ch -> {
            writeFully(ch, header);
            ByteBuffer buf = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : src) {
                if (buf.remaining() < 4) { buf.flip(); writeFully(ch, buf); buf.clear(); }
                MrcData.put(buf, mode, f);
            }
            buf.flip();
            writeFully(ch, buf);
        });
    }

    static void checkSize(Path file, MrcHeader h, long size) throws InputFormatException {
        if (size < h.expectedFileSize())
            throw new InputFormatException(file, -1, "data",
                    "file is " + size + " bytes, header promises " + h.expectedFileSize()
                            + " (" + h.nx() + "x" + h.ny() + "x" + h.nz() + ", mode " + h.mode().code() + ")");
    }

    static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, expected an MRC file");
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
