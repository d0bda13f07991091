package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.InputFormatException;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrcReadTest {
    @TempDir Path dir;

    /** Values that exercise each mode's range: sign of int8, int16 extremes, uint16 above 32767, half fractions. */
    private static double[] valuesFor(int mode) {
        return switch (mode) {
            case 0 -> new double[]{-128, -1, 0, 1, 127, 42};
            case 1 -> new double[]{-32768, -1, 0, 1, 32767, 1234};
            case 6 -> new double[]{0, 1, 32767, 32768, 65535, 40000};
            case 2 -> new double[]{-1.5e-3, 3.25, -7e10, 0, 1, 0.1f};
            case 12 -> new double[]{-0.5, 65504, 0x1p-24, -3.125, 0, 1024};
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @CsvSource({"0,LE", "0,BE", "1,LE", "1,BE", "2,LE", "2,BE", "6,LE", "6,BE", "12,LE", "12,BE"})
    void readsEveryModeInBothByteOrders(int mode, String order) throws Exception {
        double[] values = valuesFor(mode);
        MrcTestFiles.Raw raw = new MrcTestFiles.Raw(3, 2, 1, mode, values);
        raw.order = order.equals("LE") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        raw.cell = 1.25f;
        Path f = dir.resolve("m.mrc");
        raw.write(f);
        FloatVolume v = MrcFile.read(f);
        for (int i = 0; i < values.length; i++) assertEquals((float) values[i], v.data()[i], 0f, "voxel " + i);
        assertEquals(1.25, v.pixelSize(), 1e-7);
        assertEquals(raw.order, MrcFile.readHeader(f).byteOrder());
        try (MrcStackReader r = MrcStackReader.open(f)) {
            float[] image = r.readImage(0, null);
            for (int i = 0; i < values.length; i++) assertEquals((float) values[i], image[i], 0f, "stack reader, voxel " + i);
        }
    }

    @Test
    void badMachineStampIsToleratedByLookingAtTheHeader() throws Exception {
        for (ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (byte[] stamp : new byte[][]{{0, 0}, {0x44, 0x44}, {0x11, 0x11}}) {
                MrcTestFiles.Raw raw = new MrcTestFiles.Raw(2, 2, 1, 1, -300, 5, 7, 32000);
                raw.order = order;
                raw.stamp = stamp;
                Path f = dir.resolve("s.mrc");
                java.nio.file.Files.deleteIfExists(f);
                raw.write(f);
                assertEquals(order, MrcFile.readHeader(f).byteOrder(), "stamp " + stamp[0] + " order " + order);
                assertEquals(-300f, MrcFile.read(f).data()[0]);
            }
        }
    }

    @Test
    void skipsExtendedHeaderAndExposesItsType() throws Exception {
        MrcTestFiles.Raw raw = new MrcTestFiles.Raw(2, 1, 2, 2, 1, 2, 3, 4);
        raw.nsymbt = 2 * 1024;
        raw.exttyp = "FEI1";
        Path f = dir.resolve("e.mrc");
        raw.write(f);
        MrcHeader h = MrcFile.readHeader(f);
        assertEquals(2048, h.extendedHeaderBytes());
        assertEquals("FEI1", h.extendedHeaderType());
        assertEquals(3072, h.dataOffset());
        assertEquals(4f, MrcFile.read(f).data()[3]);
        try (MrcStackReader r = MrcStackReader.open(f)) {
            assertEquals(3f, r.readImage(1, null)[0]);
        }
    }

    @Test
    void reordersMapsStoredWithOtherAxisOrder() throws Exception {
        // Columns along Z, rows along X, sections along Y: file dims (nc, nr, ns) = (4, 2, 3) means X=2, Y=3, Z=4.
        int nc = 4, nr = 2, ns = 3;
        double[] values = new double[nc * nr * ns];
        int i = 0;
        for (int s = 0; s < ns; s++)
            for (int r = 0; r < nr; r++)
                for (int c = 0; c < nc; c++) values[i++] = 100 * r + 10 * s + c;   // = 100 x + 10 y + z
        MrcTestFiles.Raw raw = new MrcTestFiles.Raw(nc, nr, ns, 2, values);
        raw.mapc = 3; raw.mapr = 1; raw.maps = 2;
        Path f = dir.resolve("p.mrc");
        raw.write(f);
        FloatVolume v = MrcFile.read(f);
        assertEquals(2, v.nx()); assertEquals(3, v.ny()); assertEquals(4, v.nz());
        for (int z = 0; z < 4; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 2; x++)
            assertEquals(100 * x + 10 * y + z, v.get(x, y, z), 0f);
        InputFormatException e = assertThrows(InputFormatException.class, () -> MrcStackReader.open(f));
        assertEquals("mapc/mapr/maps", e.field());

        raw.mapc = 1; raw.mapr = 1; raw.maps = 3;
        Path g = dir.resolve("q.mrc");
        raw.write(g);
        e = assertThrows(InputFormatException.class, () -> MrcFile.read(g));
        assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
    }

    @Test
    void refusesUnknownModeAndTruncatedData() throws Exception {
        MrcTestFiles.Raw raw = new MrcTestFiles.Raw(2, 2, 1, 2, 1, 2, 3, 4);
        Path f = dir.resolve("t.mrc");
        raw.write(f);
        java.nio.file.Files.write(f, java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(f), 1024 + 12));
        InputFormatException e = assertThrows(InputFormatException.class, () -> MrcFile.read(f));
        assertEquals("data", e.field());
        byte[] bytes = java.nio.file.Files.readAllBytes(f);
        bytes[12] = 4;   // mode 4: complex, not read by CryoJ
        java.nio.file.Files.write(f, bytes);
        assertEquals("mode", assertThrows(InputFormatException.class, () -> MrcFile.readHeader(f)).field());
    }

    /** mrcfile (an independent writer) produces every mode we read in both byte orders. */
    @ParameterizedTest
    @CsvSource({"int8,<", "int8,>", "int16,<", "int16,>", "float32,<", "float32,>", "uint16,<", "uint16,>", "float16,<", "float16,>"})
    void readsFilesWrittenByMrcfile(String dtype, String order) throws Exception {
        ExternalTools.python(dir, String.join("\n",
                "import mrcfile, numpy as np",
                "z, y, x = np.mgrid[0:5, 0:4, 0:3]",
                "a = ((x - 2 * y + 3 * z) * (1 if '" + dtype + "' != 'uint16' else -1) % 60 - (0 if '" + dtype + "' == 'uint16' else 20)).astype(np.dtype('" + dtype + "').newbyteorder('" + order + "'))",
                "m = mrcfile.new('f.mrc', overwrite=True)",
                "m.set_data(a)",
                "m.voxel_size = (1.5, 1.5, 1.5)",
                "m.header.origin = (10.0, -20.0, 30.5)",
                "m.close()"));
        MrcHeader h = MrcFile.readHeader(dir.resolve("f.mrc"));
        if (!dtype.equals("int8"))   // numpy int8 has no byte order, so mrcfile writes a native (little-endian) header
            assertEquals(order.equals("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, h.byteOrder());
        assertEquals(-20f, h.originY());
        assertEquals(30.5f, h.originZ());
        FloatVolume v = MrcFile.read(dir.resolve("f.mrc"));
        assertEquals(1.5, v.pixelSize(), 1e-6);
        for (int z = 0; z < 5; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 3; x++) {
            int t = dtype.equals("uint16") ? Math.floorMod(-(x - 2 * y + 3 * z), 60) : Math.floorMod(x - 2 * y + 3 * z, 60) - 20;
            assertEquals(t, v.get(x, y, z), 0f, dtype + " at " + x + "," + y + "," + z);
        }
    }
}
