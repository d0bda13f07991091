package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.cryoj.image.ImageStatistics;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.PendingOutput;

/** Reads and builds the 1024-byte MRC2014 header (word n sits at byte 4 * (n - 1)). */
final class MrcHeaderCodec {
    private MrcHeaderCodec() {}

    static final int MODE = 12, MXYZ = 28, CELLA = 40, CELLB = 52, MAPCRS = 64, DMIN = 76, DMAX = 80, DMEAN = 84,
            ISPG = 88, NSYMBT = 92, EXTTYP = 104, NVERSION = 108, ORIGIN = 196, MAP = 208, MACHST = 212,
            RMS = 216, NLABL = 220, LABELS = 224, LABEL_BYTES = 80, MAX_LABELS = 10;

    /** The raw 1024 bytes, in the file's byte order (see {@link #byteOrder}). */
    static ByteBuffer readRaw(Path file, FileChannel ch) throws IOException {
        if (ch.size() < MrcHeader.HEADER_BYTES)
            throw new InputFormatException(file, -1, "header",
                    "not an MRC file: " + ch.size() + " bytes, shorter than the 1024-byte header");
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES);
        while (b.hasRemaining()) if (ch.read(b, b.position()) < 0) break;
        return b.order(byteOrder(b));
    }

    static MrcHeader parse(Path file, FileChannel ch) throws IOException {
        ByteBuffer b = readRaw(file, ch);
        int nx = b.getInt(0), ny = b.getInt(4), nz = b.getInt(8), modeCode = b.getInt(MODE);
        if (nx <= 0 || ny <= 0 || nz <= 0)
            throw new InputFormatException(file, -1, "nx/ny/nz",
                    "not an MRC file or corrupt header: dimensions " + nx + " x " + ny + " x " + nz);
        MrcMode mode = MrcMode.of(modeCode);
        if (mode == null) {
            // A mode far outside MRC's small range, without the "MAP " identifier, means some other file.
            boolean mrcLike = "MAP ".equals(ascii(b, MAP, 4)) || (modeCode >= 0 && modeCode < 128);
            throw new InputFormatException(file, -1, "mode", mrcLike
                    ? "unsupported MRC mode " + modeCode + " (CryoJ reads modes 0, 1, 2, 6 and 12)"
                    : "not an MRC file: no 'MAP ' identifier and mode word " + modeCode + " is no MRC mode");
        }
        int mapc = b.getInt(MAPCRS), mapr = b.getInt(MAPCRS + 4), maps = b.getInt(MAPCRS + 8);
        if (!isAxisPermutation(mapc, mapr, maps))
            throw new InputFormatException(file, -1, "mapc/mapr/maps",
                    "axis order " + mapc + ", " + mapr + ", " + maps + " is not a permutation of 1, 2, 3");
        int nsymbt = b.getInt(NSYMBT);
        if (nsymbt < 0 || MrcHeader.HEADER_BYTES + (long) nsymbt > ch.size())
            throw new InputFormatException(file, -1, "nsymbt", "extended header size " + nsymbt + " does not fit the file");
        return new MrcHeader(nx, ny, nz, mode,
                pixelSize(b, 0), pixelSize(b, 1), pixelSize(b, 2),
                b.getFloat(ORIGIN), b.getFloat(ORIGIN + 4), b.getFloat(ORIGIN + 8),
                mapc, mapr, maps,
                b.getInt(ISPG), nsymbt, ascii(b, EXTTYP, 4).trim(), b.getInt(NVERSION), b.order(),
                b.getFloat(DMIN), b.getFloat(DMAX), b.getFloat(DMEAN), b.getFloat(RMS));
    }

    /** cella / mxyz along one axis; 0 when the header has no cell (RELION then assumes 1 Å). */
    private static double pixelSize(ByteBuffer b, int axis) {
        int m = b.getInt(MXYZ + 4 * axis);
        float cell = b.getFloat(CELLA + 4 * axis);
        return m > 0 && cell > 0 ? (double) cell / m : 0;
    }

    static boolean isAxisPermutation(int c, int r, int s) {
        return c >= 1 && c <= 3 && r >= 1 && r <= 3 && s >= 1 && s <= 3 && c != r && r != s && c != s;
    }

    /**
     * Byte order from the machine stamp (0x44 0x44 or 0x44 0x41 little-endian, 0x11 0x11
     * big-endian). Writers get the stamp wrong often enough that, like mrcfile in permissive
     * mode, we do not give up: a missing or contradicted stamp is settled by which order gives a
     * plausible mode and positive dimensions.
     */
    static ByteOrder byteOrder(ByteBuffer b) {
        int s0 = b.get(MACHST) & 0xff;
        ByteOrder stamped = s0 == 0x44 ? ByteOrder.LITTLE_ENDIAN : s0 == 0x11 ? ByteOrder.BIG_ENDIAN : null;
        if (stamped != null && plausible(b, stamped)) return stamped;
        if (plausible(b, ByteOrder.LITTLE_ENDIAN)) return ByteOrder.LITTLE_ENDIAN;
        if (plausible(b, ByteOrder.BIG_ENDIAN)) return ByteOrder.BIG_ENDIAN;
        return stamped != null ? stamped : ByteOrder.LITTLE_ENDIAN;
    }

    private static boolean plausible(ByteBuffer b, ByteOrder order) {
        ByteBuffer d = b.duplicate().order(order);
        int mode = d.getInt(MODE);
        return (mode >= 0 && mode <= 16 || mode == 101)
                && d.getInt(0) > 0 && d.getInt(4) > 0 && d.getInt(8) > 0
                && d.getInt(0) < 1 << 24 && d.getInt(4) < 1 << 24 && d.getInt(8) < 1 << 28;
    }

    static String ascii(ByteBuffer b, int at, int length) {
        byte[] s = new byte[length];
        b.get(at, s);
        return new String(s, StandardCharsets.US_ASCII).replace('\0', ' ');
    }

    /** What a header written by CryoJ says; {@code mz} is 1 for image stacks and single images. */
    record Layout(int nx, int ny, int nz, int mz, double pixelSize, MrcMode mode, int spaceGroup, MrcOrigin origin, String label) {
        Layout {
            if (mode != MrcMode.FLOAT32 && mode != MrcMode.FLOAT16)
                throw new IllegalArgumentException("CryoJ writes mode 2 (float32) or 12 (float16), not " + mode);
            if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("dimensions must be positive");
            if (!(pixelSize > 0) || Double.isInfinite(pixelSize))
                throw new IllegalArgumentException("pixel size must be positive and finite, was " + pixelSize);
            if (label.length() > LABEL_BYTES || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                throw new IllegalArgumentException("MRC label must be at most 80 printable ASCII characters: " + label);
        }
    }

    /**
     * Writes the header of a stack of {@code count} nx x ny images at the start of {@code output}, whose
     * images are written, and commits it (the stack writers' last step).
     */
    static void finishStack(PendingOutput output, int nx, int ny, int count, double pixelSize, MrcMode mode,
                            ImageStatistics st) throws IOException {
        ByteBuffer header = build(new Layout(nx, ny, count, 1, pixelSize, mode, 0, MrcOrigin.ZERO, MrcFile.LABEL), st);
        long at = 0;
        while (header.hasRemaining()) at += output.channel().write(header, at);
        output.commit();
    }

    /** A little-endian MRC2014 header with the given statistics (of the values as stored). */
    static ByteBuffer build(Layout l, ImageStatistics st) {
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, l.nx()).putInt(4, l.ny()).putInt(8, l.nz()).putInt(MODE, l.mode().code());
        // nxstart, nystart, nzstart stay 0
        b.putInt(MXYZ, l.nx()).putInt(MXYZ + 4, l.ny()).putInt(MXYZ + 8, l.mz());
        b.putFloat(CELLA, (float) (l.nx() * l.pixelSize()))
         .putFloat(CELLA + 4, (float) (l.ny() * l.pixelSize()))
         .putFloat(CELLA + 8, (float) (l.mz() * l.pixelSize()));
        b.putFloat(CELLB, 90f).putFloat(CELLB + 4, 90f).putFloat(CELLB + 8, 90f);
        b.putInt(MAPCRS, 1).putInt(MAPCRS + 4, 2).putInt(MAPCRS + 8, 3);
        b.putFloat(DMIN, (float) st.min()).putFloat(DMAX, (float) st.max()).putFloat(DMEAN, (float) st.mean());
        b.putInt(ISPG, l.spaceGroup());
        b.putInt(NSYMBT, 0);
        b.putInt(NVERSION, 20140);
        b.putFloat(ORIGIN, (float) l.origin().x()).putFloat(ORIGIN + 4, (float) l.origin().y())
         .putFloat(ORIGIN + 8, (float) l.origin().z());
        b.put(MAP, "MAP ".getBytes(StandardCharsets.US_ASCII));
        b.put(MACHST, (byte) 0x44).put(MACHST + 1, (byte) 0x44);
        b.putFloat(RMS, (float) st.stddev());
        byte[] label = l.label().getBytes(StandardCharsets.US_ASCII);
        b.putInt(NLABL, 1);
        for (int i = 0; i < LABEL_BYTES; i++) b.put(LABELS + i, i < label.length ? label[i] : (byte) ' ');
        return b.position(0);
    }
}
