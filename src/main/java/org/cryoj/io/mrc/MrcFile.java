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
 * Reads and writes MRC2014 maps and stacks. Writes are atomic (temporary file, then rename)
 * and fill the header statistics, voxel size and nversion so that mrcfile-validate passes.
 */
public final class MrcFile {
    private MrcFile() {}

    public static MrcHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return readHeader(file, ch);
        }
    }

    /** The whole file as floats, with the header voxel size (1 Å when the header has none). */
    public static FloatVolume read(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            MrcHeader h = readHeader(file, ch);
            long expected = h.dataOffset() + h.sectionBytes() * h.nz();
            if (ch.size() < expected)
                throw new InputFormatException(file, -1, "data",
                        "file is " + ch.size() + " bytes, header promises " + expected
                                + " (" + h.nx() + "x" + h.ny() + "x" + h.nz() + ", mode " + h.mode().code() + ")");
            float[] out = new float[Math.multiplyExact(Math.multiplyExact(h.nx(), h.ny()), h.nz())];
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 22, h.sectionBytes() * h.nz())).order(h.byteOrder());
            long pos = h.dataOffset();
            int filled = 0;
            int bpv = h.mode().bytesPerVoxel();
            while (filled < out.length) {
                buf.clear();
                int want = (int) Math.min(buf.capacity(), (long) (out.length - filled) * bpv);
                buf.limit(want);
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) throw new InputFormatException(file, -1, "data", "unexpected end of file");
                    pos += n;
                }
                buf.flip();
                filled = decode(h.mode(), buf, out, filled);
            }
            return new FloatVolume(h.nx(), h.ny(), h.nz(), out, h.pixelSizeX() > 0 ? h.pixelSizeX() : 1.0);
        }
    }

    /** Writes a map (ispg 1) in the given mode, atomically. */
    public static void write(Path file, FloatVolume v, MrcMode mode, boolean overwrite) throws IOException {
        write(file, v, mode, false, overwrite);
    }

    /** Writes an image stack (.mrcs, ispg 0): nz counts images. */
    public static void writeStack(Path file, FloatVolume v, MrcMode mode, boolean overwrite) throws IOException {
        write(file, v, mode, true, overwrite);
    }

    private static void write(Path file, FloatVolume v, MrcMode mode, boolean stack, boolean overwrite) throws IOException {
        if (mode != MrcMode.FLOAT32 && mode != MrcMode.FLOAT16)
            throw new IllegalArgumentException("CryoJ writes mode 2 (float32) or 12 (float16), not " + mode);
        float[] data = v.data();
        float[] stored = data;
        if (mode == MrcMode.FLOAT16) {
            // Statistics describe what is stored, so compute them after rounding to float16.
            stored = new float[data.length];
            for (int i = 0; i < data.length; i++) stored[i] = Float16.toFloat(Float16.fromFloat(data[i]));
        }
        ImageStatistics st = ImageStatistics.of(stored);
        ByteBuffer header = headerBytes(v, mode, stack, st);
        final float[] src = stored;
        AtomicOutput.writeChannel(file, overwrite, ch -> {
            writeFully(ch, header);
            ByteBuffer buf = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < src.length; i++) {
                if (buf.remaining() < 4) { buf.flip(); writeFully(ch, buf); buf.clear(); }
                if (mode == MrcMode.FLOAT16) buf.putShort(Float16.fromFloat(src[i]));
                else buf.putFloat(src[i]);
            }
            buf.flip();
            writeFully(ch, buf);
        });
    }

    static ByteBuffer headerBytes(FloatVolume v, MrcMode mode, boolean stack, ImageStatistics st) {
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int mz = stack ? 1 : v.nz();
        b.putInt(0, v.nx()).putInt(4, v.ny()).putInt(8, v.nz()).putInt(12, mode.code());
        // nxstart..nzstart stay 0; sampling mx, my, mz
        b.putInt(28, v.nx()).putInt(32, v.ny()).putInt(36, mz);
        b.putFloat(40, (float) (v.nx() * v.pixelSize()))
         .putFloat(44, (float) (v.ny() * v.pixelSize()))
         .putFloat(48, (float) (mz * v.pixelSize()));
        b.putFloat(52, 90f).putFloat(56, 90f).putFloat(60, 90f);
        b.putInt(64, 1).putInt(68, 2).putInt(72, 3);
        b.putFloat(76, (float) st.min()).putFloat(80, (float) st.max()).putFloat(84, (float) st.mean());
        b.putInt(88, stack ? 0 : 1);
        b.putInt(92, 0);                 // nsymbt: no extended header
        b.putInt(108, 20140);            // nversion: MRC2014
        b.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
        b.put(212, (byte) 0x44).put(213, (byte) 0x44);   // machine stamp: little-endian
        b.putFloat(216, (float) st.stddev());
        byte[] label = "CryoJ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.putInt(220, 1);
        for (int i = 0; i < 80; i++) b.put(224 + i, i < label.length ? label[i] : (byte) ' ');
        b.position(0);
        return b;
    }

    static MrcHeader readHeader(Path file, FileChannel ch) throws IOException {
        if (ch.size() < MrcHeader.HEADER_BYTES)
            throw new InputFormatException(file, -1, "header",
                    "not an MRC file: " + ch.size() + " bytes, shorter than the 1024-byte header");
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES);
        while (b.hasRemaining()) if (ch.read(b, b.position()) < 0) break;
        ByteOrder order = byteOrder(b);
        b.order(order);
        int nx = b.getInt(0), ny = b.getInt(4), nz = b.getInt(8), modeCode = b.getInt(12);
        if (nx <= 0 || ny <= 0 || nz <= 0 || nx > 1 << 20 || ny > 1 << 20 || nz > 1 << 24)
            throw new InputFormatException(file, -1, "nx/ny/nz",
                    "not an MRC file: implausible dimensions " + nx + " x " + ny + " x " + nz);
        MrcMode mode = MrcMode.of(modeCode);
        if (mode == null)
            throw new InputFormatException(file, -1, "mode",
                    "unsupported MRC mode " + modeCode + " (CryoJ reads modes 0, 1, 2, 6 and 12)");
        int mx = b.getInt(28), my = b.getInt(32), mz = b.getInt(36);
        double px = mx > 0 ? b.getFloat(40) / mx : 0, py = my > 0 ? b.getFloat(44) / my : 0, pz = mz > 0 ? b.getFloat(48) / mz : 0;
        int nsymbt = b.getInt(92);
        if (nsymbt < 0 || MrcHeader.HEADER_BYTES + (long) nsymbt > ch.size())
            throw new InputFormatException(file, -1, "nsymbt", "extended header size " + nsymbt + " does not fit the file");
        return new MrcHeader(nx, ny, nz, mode, px, py, pz,
                b.getFloat(196), b.getFloat(200), b.getFloat(204),
                b.getInt(88), nsymbt, order,
                b.getFloat(76), b.getFloat(80), b.getFloat(84), b.getFloat(216));
    }

    /** Byte order from the machine stamp; falls back to the plausibility of the mode word. */
    private static ByteOrder byteOrder(ByteBuffer b) {
        int stamp = b.get(212) & 0xff;
        if (stamp == 0x44 || stamp == 0x41) return ByteOrder.LITTLE_ENDIAN;
        if (stamp == 0x11) return ByteOrder.BIG_ENDIAN;
        int modeLe = b.order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        return (modeLe >= 0 && modeLe < 64) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    private static int decode(MrcMode mode, ByteBuffer buf, float[] out, int at) {
        switch (mode) {
            case INT8 -> { while (buf.hasRemaining()) out[at++] = buf.get(); }
            case INT16 -> { while (buf.remaining() >= 2) out[at++] = buf.getShort(); }
            case UINT16 -> { while (buf.remaining() >= 2) out[at++] = buf.getShort() & 0xffff; }
            case FLOAT32 -> { while (buf.remaining() >= 4) out[at++] = buf.getFloat(); }
            case FLOAT16 -> { while (buf.remaining() >= 2) out[at++] = Float16.toFloat(buf.getShort()); }
        }
        return at;
    }

    private static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory, expected an MRC file");
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
