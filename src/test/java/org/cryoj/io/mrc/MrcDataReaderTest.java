package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

import org.cryoj.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row ranges read into a direct buffer, for every mode and both byte orders, against MrcFile.read. */
class MrcDataReaderTest {
    @TempDir Path dir;

    @Test
    void rowRangesEqualTheWholeReadInEveryModeAndByteOrder() throws Exception {
        int nx = 7, ny = 300;
        for (int mode : new int[] {0, 1, 2, 6, 12})
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                double[] v = new double[nx * ny];
                for (int i = 0; i < v.length; i++)
                    v[i] = switch (mode) { case 0 -> (i % 250) - 125; case 6 -> i % 60000; case 12 -> (i % 64) * 0.25 - 8; default -> i * 0.5 - 300; };
                MrcTestFiles.Raw raw = new MrcTestFiles.Raw(nx, ny, 1, mode, v);
                raw.order = order;
                raw.nsymbt = mode == 2 ? 80 : 0;   // an extended header to skip
                Path f = dir.resolve("m" + mode + order + ".mrc");
                raw.write(f);
                float[] whole = MrcFile.read(f).data();
                try (MrcDataReader r = new MrcDataReader()) {
                    MrcHeader h = r.header(f);
                    ByteBuffer into = ByteBuffer.allocateDirect(4 * nx * 64).order(ByteOrder.nativeOrder());
                    for (int first = 0; first < ny; first += 64) {
                        int rows = Math.min(64, ny - first);
                        r.read(f, h, first, rows, into);
                        float[] got = new float[rows * nx];
                        into.asFloatBuffer().get(got);
                        assertArrayEquals(Arrays.copyOfRange(whole, first * nx, (first + rows) * nx), got,
                                "mode " + mode + ", " + order + ", rows from " + first);
                    }
                }
            }
    }

    @Test
    void largeReadsCrossTheDecodingChunkAndBadRangesAreRefused() throws Exception {
        int nx = 1000, ny = 300;   // 300,000 int16 voxels: several 256 KB chunks
        double[] v = new double[nx * ny];
        for (int i = 0; i < v.length; i++) v[i] = (i * 7) % 30000 - 15000;
        MrcTestFiles.Raw raw = new MrcTestFiles.Raw(nx, ny, 1, 1, v);
        raw.order = ByteOrder.BIG_ENDIAN;
        Path f = dir.resolve("big.mrc");
        raw.write(f);
        float[] whole = MrcFile.read(f).data();
        try (MrcDataReader r = new MrcDataReader()) {
            MrcHeader h = r.header(f);
            ByteBuffer into = ByteBuffer.allocateDirect(4 * nx * ny).order(ByteOrder.nativeOrder());
            r.read(f, h, 0, ny, into);
            float[] got = new float[nx * ny];
            into.asFloatBuffer().get(got);
            assertArrayEquals(whole, got);
            assertThrows(IllegalArgumentException.class, () -> r.read(f, h, 250, 51, into));
            assertThrows(IllegalArgumentException.class, () -> r.read(f, h, 0, 10, ByteBuffer.allocateDirect(4)));
        }
        MrcTestFiles.Raw swapped = new MrcTestFiles.Raw(2, 2, 1, 2, 1, 2, 3, 4);
        swapped.mapc = 2; swapped.mapr = 1;
        Path g = dir.resolve("yx.mrc");
        swapped.write(g);
        try (MrcDataReader r = new MrcDataReader()) {
            MrcHeader h = r.header(g);
            assertThrows(InputFormatException.class, () -> r.read(g, h, 0, 2, ByteBuffer.allocateDirect(16)));
        }
    }
}
