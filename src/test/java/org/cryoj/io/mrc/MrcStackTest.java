package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcStackTest {
    @TempDir Path dir;

    private static float[] image(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (seed + r.nextGaussian());
        return a;
    }

    private List<Path> files() throws IOException {
        try (var s = Files.list(dir)) { return s.toList(); }
    }

    @Test
    void singleImagesMatchTheFullRead() throws Exception {
        Path f = dir.resolve("big.mrcs");
        try (MrcStackWriter w = MrcStackWriter.create(f, 64, 64, 1.4, MrcMode.FLOAT32, false)) {
            for (int i = 0; i < 1000; i++) w.append(image(64 * 64, i));
            w.commit();
        }
        FloatVolume all = MrcFile.read(f);
        assertEquals(1000, all.nz());
        try (MrcStackReader r = MrcStackReader.open(f)) {
            assertEquals(1000, r.size());
            float[] buf = null;
            for (int i : new int[]{0, 1, 499, 998, 999}) {
                buf = r.readImage(i, buf);
                assertArrayEquals(java.util.Arrays.copyOfRange(all.data(), i * 4096, (i + 1) * 4096), buf, "image " + i);
            }
            long t0 = System.nanoTime();
            for (int k = 0; k < 10_000; k++) buf = r.readImage(k % 1000, buf);
            System.out.printf("MrcStackReader: %.1f us per 64x64 image%n", (System.nanoTime() - t0) / 1e3 / 10_000);
            FloatVolume third = r.image(ImageReference.parse("000003@big.mrcs"));
            assertEquals(1.4, third.pixelSize(), 1e-6);
            assertArrayEquals(java.util.Arrays.copyOfRange(all.data(), 2 * 4096, 3 * 4096), third.data());
            assertThrows(IndexOutOfBoundsException.class, () -> r.readImage(1000, null));
            r.close();
            assertThrows(IllegalStateException.class, () -> r.readImage(0, null));
        }
    }

    @Test
    void writerHeaderStatisticsCoverAllImagesAsStored() throws Exception {
        for (MrcMode mode : new MrcMode[]{MrcMode.FLOAT32, MrcMode.FLOAT16}) {
            Path f = dir.resolve("w" + mode.code() + ".mrcs");
            try (MrcStackWriter w = MrcStackWriter.create(f, 10, 6, 2.5, mode, false)) {
                for (int i = 0; i < 7; i++) w.append(image(60, 10 * i));   // image means 0..60: stats must merge
                w.commit();
            }
            FloatVolume back = MrcFile.read(f);
            ImageStatistics truth = ImageStatistics.of(back.data());   // two-pass over what the file holds
            MrcHeader h = MrcFile.readHeader(f);
            assertEquals(7, h.nz());
            assertEquals(0, h.spaceGroup());
            assertEquals((float) truth.min(), h.min());
            assertEquals((float) truth.max(), h.max());
            assertEquals(truth.mean(), h.mean(), 1e-5 * Math.abs(truth.mean()));
            assertEquals(truth.stddev(), h.rms(), 1e-5 * truth.stddev());
            assertEquals(List.of(), MrcValidator.validate(f));
            float[] first = image(60, 0);
            for (int i = 0; i < 60; i++)
                assertEquals(first[i], back.data()[i], mode == MrcMode.FLOAT16 ? 1e-3 * (Math.abs(first[i]) + 1) : 0);
        }
    }

    @Test
    void slotWriterFromManyThreadsEqualsTheSequentialWriter() throws Exception {
        for (MrcMode mode : new MrcMode[]{MrcMode.FLOAT32, MrcMode.FLOAT16}) {
            int count = 40;
            Path seq = dir.resolve("seq" + mode.code() + ".mrcs"), slots = dir.resolve("slots" + mode.code() + ".mrcs");
            try (MrcStackWriter w = MrcStackWriter.create(seq, 10, 6, 2.5, mode, false)) {
                for (int i = 0; i < count; i++) w.append(image(60, 3 * i));
                w.commit();
            }
            try (MrcSlotStackWriter w = MrcSlotStackWriter.create(slots, 10, 6, count, 2.5, mode, false)) {
                // slots in a scrambled order from four threads, each with its own encoder
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        MrcImageEncoder e = new MrcImageEncoder(mode, 60);
                        for (int i = count - 1 - first; i >= 0; i -= 4) w.write(i, e.encode(image(60, 3 * i)), e.statistics());
                        return null;
                    }));
                }
                for (var f : done) f.get();
                pool.shutdown();
                w.commit();
            }
            assertArrayEquals(MrcFile.read(seq).data(), MrcFile.read(slots).data(), "images of mode " + mode.code());
            MrcHeader a = MrcFile.readHeader(seq), b = MrcFile.readHeader(slots);
            assertEquals(count, b.nz());
            assertEquals(a.min(), b.min());
            assertEquals(a.max(), b.max());
            // one-pass statistics per image against two-pass ones: equal to float rounding
            assertEquals(a.mean(), b.mean(), 1e-6 * Math.abs(a.mean()));
            assertEquals(a.rms(), b.rms(), 1e-6 * a.rms());
            assertEquals(List.of(), MrcValidator.validate(slots));
        }
    }

    @Test
    void slotWriterRefusesAMissingSlotAndLeavesNothing() throws Exception {
        Path f = dir.resolve("gap.mrcs");
        assertThrows(IllegalStateException.class, () -> {
            try (MrcSlotStackWriter w = MrcSlotStackWriter.create(f, 4, 4, 3, 1, MrcMode.FLOAT32, false)) {
                MrcImageEncoder e = new MrcImageEncoder(MrcMode.FLOAT32, 16);
                w.write(0, e.encode(image(16, 1)), e.statistics());
                w.write(2, e.encode(image(16, 2)), e.statistics());
                w.commit();
            }
        });
        assertEquals(List.of(), files());
        MrcImageEncoder half = new MrcImageEncoder(MrcMode.FLOAT16, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> half.encode(new float[] {1, 70000}));
        assertTrue(e.getMessage().contains("float16"), e.getMessage());
    }

    @Test
    void abortAndExceptionsLeaveNoStackAndNoPartFile() throws Exception {
        Path f = dir.resolve("x.mrcs");
        try (MrcStackWriter w = MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT32, false)) {
            w.append(image(16, 1));
            w.abort();
        }
        assertEquals(List.of(), files());
        assertThrows(IllegalStateException.class, () -> {
            try (MrcStackWriter w = MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT32, false)) {
                w.append(image(16, 1));
                throw new IllegalStateException("cancelled by the user");
            }
        });
        assertEquals(List.of(), files());
        assertThrows(IllegalArgumentException.class, () -> {
            try (MrcStackWriter w = MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT32, false)) {
                w.append(new float[15]);
            }
        });
        assertEquals(List.of(), files());
        assertThrows(IllegalStateException.class, () -> {
            try (MrcStackWriter w = MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT32, false)) { w.commit(); }
        });
        assertEquals(List.of(), files());
    }

    @Test
    void existingStackIsKeptUnlessOverwriteIsAsked() throws Exception {
        Path f = dir.resolve("y.mrcs");
        MrcFile.writeStack(f, FloatVolume.zeros(4, 4, 2, 1), MrcMode.FLOAT32, false);
        byte[] before = Files.readAllBytes(f);
        assertThrows(FileAlreadyExistsException.class, () -> MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT32, false));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (MrcStackWriter w = MrcStackWriter.create(f, 4, 4, 1, MrcMode.FLOAT16, true)) {
            w.append(image(16, 3));
            w.commit();
        }
        assertEquals(1, MrcFile.readHeader(f).nz());
        assertEquals(List.of(f), files());
    }

    @Test
    void imageReferencesParseLikeRelion() throws Exception {
        ImageReference r = ImageReference.parse("000123@Extract/job018/Movies/mic_001.mrcs");
        assertEquals(123, r.index());
        assertEquals(122, r.zeroBasedIndex());
        assertEquals(Path.of("/proj/Extract/job018/Movies/mic_001.mrcs"), r.resolve(Path.of("/proj")));
        assertEquals("000123@Extract/job018/Movies/mic_001.mrcs", r.toString());
        ImageReference bare = ImageReference.parse("run_class001.mrc");
        assertFalse(bare.hasIndex());
        assertEquals(0, bare.zeroBasedIndex());
        assertEquals("run_class001.mrc", bare.toString());
        assertEquals(Path.of("/abs/x.mrcs"), ImageReference.parse("1@/abs/x.mrcs").resolve(Path.of("/proj")));
        for (String bad : new String[]{"0@a.mrcs", "abc@a.mrcs", "12@", "-1@a.mrcs", ""}) {
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> ImageReference.parse(bad, Path.of("particles.star"), 17, "rlnImageName"), bad);
            assertTrue(e.getMessage().startsWith("particles.star, line 17, rlnImageName: "), e.getMessage());
        }
    }

    @Test
    void validatorNamesWhatIsWrong() throws Exception {
        Path f = dir.resolve("v.mrc");
        MrcFile.write(f, FloatVolume.zeros(4, 4, 4, 1.5), MrcMode.FLOAT32, false);
        assertEquals(List.of(), MrcValidator.validate(f));
        byte[] good = Files.readAllBytes(f);
        assertProblem(f, good, b -> b[208] = 'X', "map ID string");
        assertProblem(f, good, b -> b[212] = 0x22, "invalid machine stamp");
        assertProblem(f, good, b -> b[12] = 3, "mode 3 is not a known MRC mode");
        assertProblem(f, good, b -> { b[40] = 0; b[41] = 0; b[42] = 0; b[43] = 0; }, "cella.x is 0.0");
        assertProblem(f, good, b -> b[108] = 0, "nversion is");
        assertProblem(f, good, b -> b[64] = 2, "mapc/mapr/maps are 2, 2, 3");
        assertProblem(f, good, b -> b[1024] = 0x3f, "header maximum");          // a voxel changed under the header
        assertProblem(f, good, b -> b[92] = 4, "file size");
        assertProblem(f, good, b -> b[0] = 0, "header nx is 0");
        Files.write(f, java.util.Arrays.copyOf(good, good.length - 4));
        assertTrue(MrcValidator.validate(f).get(0).startsWith("file size"));
    }

    private static void assertProblem(Path f, byte[] good, java.util.function.Consumer<byte[]> damage, String expected) throws IOException {
        byte[] b = good.clone();
        damage.accept(b);
        Files.write(f, b);
        List<String> problems = MrcValidator.validate(f);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }
}
