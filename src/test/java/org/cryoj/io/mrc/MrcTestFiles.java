package org.cryoj.io.mrc;


import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds MRC files byte by byte from the MRC2014 word table, independently of MrcHeaderCodec. */
final class MrcTestFiles {
    private MrcTestFiles() {}

    /** Header fields a test may change from a plain MRC2014 header. */
    static final class Raw {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int nx, ny, nz, mode;
        int mapc = 1, mapr = 2, maps = 3, ispg = 1, nsymbt = 0, nversion = 20140;
        float cell = 0;          // cella per voxel; 0 leaves the cell empty
        String exttyp = "";
        byte[] stamp;            // null: the right one for the order
        double[] values;         // stored as the mode's type

        Raw(int nx, int ny, int nz, int mode, double... values) {
            this.nx = nx; this.ny = ny; this.nz = nz; this.mode = mode; this.values = values;
        }

        void write(Path file) throws IOException {
            int bpv = switch (mode) { case 0 -> 1; case 1, 6, 12 -> 2; case 2 -> 4; default -> throw new IllegalArgumentException(); };
            ByteBuffer b = ByteBuffer.allocate(1024 + nsymbt + values.length * bpv).order(order);
            b.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
            b.putInt(28, nx).putInt(32, ny).putInt(36, nz);
            b.putFloat(40, cell * nx).putFloat(44, cell * ny).putFloat(48, cell * nz);
            b.putInt(64, mapc).putInt(68, mapr).putInt(72, maps).putInt(88, ispg).putInt(92, nsymbt);
            byte[] e = exttyp.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < e.length; i++) b.put(104 + i, e[i]);
            b.putInt(108, nversion);
            b.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
            byte[] s = stamp != null ? stamp : order == ByteOrder.LITTLE_ENDIAN ? new byte[]{0x44, 0x44} : new byte[]{0x11, 0x11};
            b.put(212, s[0]).put(213, s[1]);
            for (int i = 0; i < nsymbt; i++) b.put(1024 + i, (byte) 0x7f);   // junk the reader must skip
            b.position(1024 + nsymbt);
            for (double v : values) {
                switch (mode) {
                    case 0 -> b.put((byte) v);
                    case 1 -> b.putShort((short) v);
                    case 6 -> b.putShort((short) (int) v);          // 0..65535 in two bytes
                    case 2 -> b.putFloat((float) v);
                    case 12 -> b.putShort(halfOf(v));
                    default -> throw new IllegalArgumentException();
                }
            }
            Files.write(file, b.array());
        }
    }

    /** Half bits for values exactly representable as halves with few bits (test data is chosen so). */
    static short halfOf(double v) {
        if (v == 0) return 0;
        int sign = v < 0 ? 0x8000 : 0;
        double a = Math.abs(v);
        int e = Math.getExponent(a);
        if (e < -14) return (short) (sign | (int) Math.round(a * 0x1p24));
        int mant = (int) Math.round((a / Math.pow(2, e) - 1) * 1024);
        return (short) (sign | ((e + 15) << 10) | mant);
    }
}
