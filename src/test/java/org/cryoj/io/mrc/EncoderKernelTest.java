package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.cryoj.image.ImageStatistics;
import org.junit.jupiter.api.Test;

/** The SIMD encoder against the scalar one (Float16Test checks that against an independent reference). */
class EncoderKernelTest {
    private final EncoderKernel vector = EncoderKernel.best();

    @Test
    void theVectorKernelIsTheOneInUse() {
        assertEquals("VectorEncoderKernel", vector.getClass().getSimpleName(), "tests run with jdk.incubator.vector");
    }

    @Test
    void halvesEqualTheScalarConversionForEveryFloatFrom2ToTheMinus26To65520() {
        // 352 million floats, every one of either sign (alternating), in arrays of 2^16 + 5 (a tail too)
        int len = (1 << 16) + 5;
        float[] src = new float[len], stored = new float[len];
        ByteBuffer out = ByteBuffer.allocateDirect(2 * len).order(ByteOrder.LITTLE_ENDIAN);
        long bad = 0;
        String first = null;
        for (int bits = 0x32800000; bits < 0x477ff000; ) {
            int n = (int) Math.min(len, 0x477ff000L - bits);
            float[] in = n == len ? src : new float[n];
            float[] st = n == len ? stored : new float[n];
            for (int i = 0; i < n; i++) in[i] = Float.intBitsToFloat(bits + i) * ((i & 1) == 0 ? 1 : -1);
            assertTrue(vector.toHalves(in, out, st));
            for (int i = 0; i < n; i++) {
                short want = Float16.fromFloat(in[i]), got = out.getShort(2 * i);
                if (want != got || Float.floatToRawIntBits(st[i]) != Float.floatToRawIntBits(Float16.toFloat(want))) {
                    if (bad++ == 0) first = in[i] + ": half " + Integer.toHexString(got & 0xffff) + " want " + Integer.toHexString(want & 0xffff)
                            + ", stored " + st[i] + " want " + Float16.toFloat(want);
                }
            }
            bits += n;
        }
        assertEquals(0, bad, first);
    }

    @Test
    void specialValuesTakeTheScalarWayAndOverflowIsRefused() {
        float[] src = new float[100], stored = new float[100];
        ByteBuffer out = ByteBuffer.allocateDirect(200).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < src.length; i++) src[i] = (float) r.nextGaussian();
        src[3] = 0f; src[4] = -0f; src[5] = 1e-30f; src[6] = -3e-6f; src[7] = 65504f; src[8] = -65519.99f;
        src[40] = Float.POSITIVE_INFINITY; src[41] = Float.NaN;
        assertTrue(vector.toHalves(src, out, stored));
        for (int i = 0; i < src.length; i++) {
            short want = Float16.fromFloat(src[i]);
            assertEquals(want, out.getShort(2 * i), "value " + src[i]);
            assertEquals(Float.floatToRawIntBits(Float16.toFloat(want)), Float.floatToRawIntBits(stored[i]), "stored " + src[i]);
        }
        src[50] = 65520f;
        assertFalse(vector.toHalves(src, out, stored));
        src[50] = 0; src[99] = -70000f;   // in the scalar tail of some vector sizes
        assertFalse(vector.toHalves(src, out, stored));
    }

    @Test
    void statisticsEqualTheTwoPassDefinition() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {1, 3, 15, 16, 17, 64, 1000, 65536, 65541}) {
            for (double offset : new double[] {0, 1000, -3e4}) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) (offset + 2 * r.nextGaussian());
                ImageStatistics want = ImageStatistics.of(v), got = vector.statistics(v);
                assertEquals(want.min(), got.min(), 0.0, "min, n " + n);
                assertEquals(want.max(), got.max(), 0.0, "max, n " + n);
                assertEquals(want.mean(), got.mean(), 1e-12 * Math.max(1, Math.abs(want.mean())), "mean, n " + n);
                assertEquals(want.stddev(), got.stddev(), 1e-9 * Math.max(1e-30, want.stddev()) + 1e-12, "stddev, n " + n + " offset " + offset);
                assertEquals(n, got.count());
            }
        }
    }
}
