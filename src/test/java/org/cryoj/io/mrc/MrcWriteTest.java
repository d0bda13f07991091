package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcWriteTest {
    @TempDir Path dir;

    private static FloatVolume gaussian(int nx, int ny, int nz, double px, long seed) {
        Random r = new Random(seed);
        FloatVolume v = FloatVolume.zeros(nx, ny, nz, px);
        for (int i = 0; i < v.data().length; i++) v.data()[i] = (float) (3 + 2 * r.nextGaussian());
        return v;
    }

    /** mrcfile-validate's verdict, ignoring only its float16 "RMS deviation is inf" (it sums in float16). */
    private static void assertMrcfileValid(Path f) throws Exception {
        List<String> complaints = ExternalTools.mrcfileComplaints(f);
        assertTrue(complaints.isEmpty(), "mrcfile-validate: " + complaints);
        assertEquals(List.of(), MrcValidator.validate(f));
    }

    @Test
    void writtenMapsPassMrcfileValidateAndCarryTheHeaderFields() throws Exception {
        FloatVolume v = gaussian(12, 10, 8, 1.35, 1);
        Path f32 = dir.resolve("m2.mrc"), f16 = dir.resolve("m12.mrc");
        MrcFile.write(f32, v, MrcMode.FLOAT32, new MrcOrigin(-8.1, 4.05, 0.5), false);
        MrcFile.write(f16, v, MrcMode.FLOAT16, false);
        assertMrcfileValid(f32);
        assertMrcfileValid(f16);
        // mrcfile as the independent reader of what we wrote
        String out = ExternalTools.python(dir, String.join("\n",
                "import mrcfile, numpy as np",
                "for n in ('m2.mrc', 'm12.mrc'):",
                "  m = mrcfile.open(n)",
                "  h = m.header",
                "  d = m.data.astype(np.float64)",
                "  print(n, int(h.mode), int(h.nversion), int(h.ispg), int(h.mz), float(m.voxel_size.x), float(h.origin.x), float(h.origin.y),",
                "        float(h.origin.z), h.label[0].decode().strip(), repr(float(h.dmin) == d.min()), repr(abs(float(h.rms) - d.std()) < 1e-5 * d.std()))",
                "  m.close()"));
        assertTrue(out.contains("m2.mrc 2 20140 1 8 1.35000002384 -8.10000038147 4.05000019073 0.5 CryoJ True True")
                || out.matches("(?s).*m2\\.mrc 2 20140 1 8 1\\.35\\d* -8\\.1\\d* 4\\.05\\d* 0\\.5 CryoJ True True.*"), out);
        assertTrue(out.matches("(?s).*m12\\.mrc 12 20140 1 8 1\\.35\\d* 0\\.0 0\\.0 0\\.0 CryoJ True True.*"), out);
        ImageAssert.assertImagesEqual(v, MrcFile.read(f32), 0);
        ImageAssert.assertImagesEqual(v, MrcFile.read(f16), 2e-3 * 12);   // half precision: 2^-11 relative, |v| < 12
    }

    @Test
    void stacksAndSingleImagesAreIspg0WithMz1() throws Exception {
        Path s = dir.resolve("s.mrcs"), i = dir.resolve("i.mrc");
        MrcFile.writeStack(s, gaussian(8, 8, 5, 2.0, 2), MrcMode.FLOAT32, false);
        MrcFile.writeImage(i, gaussian(9, 7, 1, 2.0, 3), MrcMode.FLOAT16, false);
        assertMrcfileValid(s);
        assertMrcfileValid(i);
        String out = ExternalTools.python(dir, "import mrcfile\nfor n in ('s.mrcs', 'i.mrc'):\n"
                + "  m = mrcfile.open(n); print(n, int(m.header.ispg), int(m.header.mz), m.is_image_stack() or m.is_single_image())");
        assertTrue(out.contains("s.mrcs 0 1 True") && out.contains("i.mrc 0 1 True"), out);
        assertThrows(IllegalArgumentException.class, () -> MrcFile.writeImage(dir.resolve("x.mrc"), gaussian(4, 4, 2, 1, 4), MrcMode.FLOAT32, false));
        assertTrue(MrcFile.readHeader(s).isStack());
    }

    @Test
    void atomicWriteLeavesNothingOnFailureAndDoesNotOverwrite() throws Exception {
        Path f = dir.resolve("a.mrc");
        FloatVolume huge = FloatVolume.zeros(2, 2, 1, 1.0);
        huge.data()[3] = 1e6f;   // beyond float16
        assertThrows(IllegalArgumentException.class, () -> MrcFile.write(f, huge, MrcMode.FLOAT16, false));
        try (var files = Files.list(dir)) { assertEquals(0, files.count(), "no file and no .part left"); }
        MrcFile.write(f, gaussian(4, 4, 4, 1, 5), MrcMode.FLOAT32, false);
        byte[] before = Files.readAllBytes(f);
        assertThrows(FileAlreadyExistsException.class, () -> MrcFile.write(f, gaussian(4, 4, 4, 1, 6), MrcMode.FLOAT32, false));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)));
        MrcFile.write(f, gaussian(4, 4, 4, 1, 6), MrcMode.FLOAT32, true);
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(f)));
    }

    private static final Pattern RELION_STATS = Pattern.compile(
            "avg= (\\S+) stddev= (\\S+) minval= (\\S+) maxval= (\\S+); angpix = (\\S+)");

    /** relion_image_handler --stats prints "avg= .. stddev= .. minval= .. maxval= ..; angpix = .." with 6 significant digits. */
    @Test
    void relionReadsOurFilesWithTheSameStatistics() throws Exception {
        ExternalTools.require("relion_image_handler");
        for (MrcMode mode : new MrcMode[]{MrcMode.FLOAT32}) {   // RELION 3.1.3 has no float16 reader
            FloatVolume v = gaussian(16, 16, 16, 1.7, 7);
            Path f = dir.resolve("ours" + mode.code() + ".mrc");
            MrcFile.write(f, v, mode, false);
            String out = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", f.toString(), "--stats");
            Matcher m = RELION_STATS.matcher(out);
            assertTrue(m.find(), out);
            ImageStatistics st = ImageStatistics.of(v.data());
            assertEquals(st.mean(), Double.parseDouble(m.group(1)), 1e-5 * Math.abs(st.mean()) + 1e-6, out);
            assertEquals(st.stddev(), Double.parseDouble(m.group(2)), 1e-5 * st.stddev(), out);
            assertEquals(st.min(), Double.parseDouble(m.group(3)), 1e-5 * Math.abs(st.min()), out);
            assertEquals(st.max(), Double.parseDouble(m.group(4)), 1e-5 * Math.abs(st.max()), out);
            assertEquals(1.7, Double.parseDouble(m.group(5)), 1e-5, out);
        }
        Path stack = dir.resolve("ours.mrcs");
        FloatVolume s = gaussian(8, 8, 3, 1.1, 8);
        MrcFile.writeStack(stack, s, MrcMode.FLOAT32, false);
        String out = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", stack.toString(), "--stats");
        // for a stack RELION prints one line per image, "00000n@file : (x,y,z,n)= 8 x 8 x 1 x 1 ; avg= ..."
        Matcher m = RELION_STATS.matcher(out);
        for (int k = 0; k < 3; k++) {
            assertTrue(m.find(), "image " + (k + 1) + " in " + out);
            ImageStatistics st = ImageStatistics.of(s.data(), 64 * k, 64 * (k + 1));
            assertEquals(st.mean(), Double.parseDouble(m.group(1)), 1e-5 * Math.abs(st.mean()), out);
            assertEquals(st.stddev(), Double.parseDouble(m.group(2)), 1e-5 * st.stddev(), out);
        }
        assertFalse(m.find(), "three images only: " + out);
    }

    @Test
    void readsMapsRelionWrote() throws Exception {
        ExternalTools.require("relion_image_handler");
        FloatVolume v = gaussian(12, 12, 12, 1.3, 9);
        Path ours = dir.resolve("ours.mrc"), theirs = dir.resolve("theirs.mrc");
        MrcFile.write(ours, v, MrcMode.FLOAT32, false);
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", ours.toString(), "--o", theirs.toString(), "--multiply_constant", "2");
        FloatVolume expected = v.copy();
        for (int i = 0; i < expected.data().length; i++) expected.data()[i] *= 2;   // exact in float
        FloatVolume read = MrcFile.read(theirs);
        ImageAssert.assertImagesEqual(expected, read, 0);
        assertEquals(1.3, read.pixelSize(), 1e-6);
        // RELION 3.1.3 writes nversion 0 and stale header statistics; the validator says so
        List<String> problems = MrcValidator.validate(theirs);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("nversion is 0")), problems.toString());
    }
}
