package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackReadersTest {
    @TempDir Path dir;

    /** Image j of stack s holds s * 1000 + j * 10 + pixel index, so any mix-up shows. */
    private static float[] image(int s, int j, int n) {
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) a[i] = s * 1000 + j * 10 + i;
        return a;
    }

    private Path stack(int s, int n, int images, MrcMode mode) throws IOException {
        Path f = dir.resolve("stack" + s + ".mrcs");
        try (MrcStackWriter w = MrcStackWriter.create(f, n, n, 1.0, mode, false)) {
            for (int j = 0; j < images; j++) w.append(image(s, j, n));
            w.commit();
        }
        return f;
    }

    @Test
    void readsInAnyOrderWithABoundedNumberOfOpenStacks() throws Exception {
        int n = 4, stacks = 6, images = 5;
        Path[] files = new Path[stacks];
        for (int s = 0; s < stacks; s++) files[s] = stack(s, n, images, MrcMode.FLOAT32);
        Random r = new Random(3);
        try (StackReaders readers = new StackReaders(n, 2)) {
            float[] buf = null;
            for (int k = 0; k < 200; k++) {
                int s = r.nextInt(stacks), j = r.nextInt(images);
                buf = readers.read(files[s], j, buf);
                assertArrayEquals(image(s, j, n), buf, "stack " + s + " image " + j);
                assertTrue(readers.openCount() <= 2, "open stacks: " + readers.openCount());
            }
            readers.close();
            assertEquals(0, readers.openCount());
        }
    }

    @Test
    void sharedByThreadsWhileEvicting() throws Exception {
        int n = 8, stacks = 5, images = 7;
        Path[] files = new Path[stacks];
        for (int s = 0; s < stacks; s++) files[s] = stack(s, n, images, MrcMode.FLOAT16);
        try (StackReaders readers = new StackReaders(n, 1)) {
            Thread[] threads = new Thread[4];
            Throwable[] failure = new Throwable[1];
            for (int t = 0; t < threads.length; t++) {
                int seed = t;
                threads[t] = new Thread(() -> {
                    Random r = new Random(seed);
                    try {
                        for (int k = 0; k < 300; k++) {
                            int s = r.nextInt(stacks), j = r.nextInt(images);
                            float[] got = readers.read(files[s], j, null);
                            float[] want = image(s, j, n);
                            // float16 holds these integers to within its 11-bit precision
                            for (int i = 0; i < want.length; i++)
                                if (Math.abs(got[i] - want[i]) > want[i] / 1024) throw new AssertionError("stack " + s + " image " + j + " pixel " + i);
                        }
                    } catch (Throwable e) {
                        synchronized (failure) { failure[0] = e; }
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) t.join();
            if (failure[0] != null) throw new AssertionError(failure[0]);
        }
    }

    @Test
    void aStackOfAnotherImageSizeIsRefusedByName() throws Exception {
        Path small = stack(0, 4, 2, MrcMode.FLOAT32);
        try (StackReaders readers = new StackReaders(6, 4)) {
            IOException e = assertThrows(IOException.class, () -> readers.read(small, 0, null));
            assertTrue(e.getMessage().contains("stack0.mrcs") && e.getMessage().contains("4x4") && e.getMessage().contains("6"), e.getMessage());
            assertEquals(0, readers.openCount());
        }
    }
}
