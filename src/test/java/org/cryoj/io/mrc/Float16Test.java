package org.cryoj.io.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Float16 against an independent reference written from the IEEE 754 definition in double
 * arithmetic (JDK 20's Float.floatToFloat16 would do, but the build targets 17).
 */
class Float16Test {

    /** Value of a finite half from its fields: subnormal mant * 2^-24, normal (1024 + mant) * 2^(exp - 25). */
    private static double halfValue(int h) {
        int exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        double mag = exp == 0 ? mant * 0x1p-24 : (1024 + mant) * Math.pow(2, exp - 25);
        return (h & 0x8000) != 0 ? -mag : mag;
    }

    /**
     * Round to nearest, ties to even: bracket |f| between consecutive halves by their values
     * (0x7c00 stands for 2^16, where the unbounded exponent range would put the next half, which
     * makes 65520 the overflow tie as IEEE specifies).
     */
    private static int referenceFromFloat(float f) {
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        double a = Math.abs((double) f);
        if (Double.isInfinite(a)) return sign | 0x7c00;
        int lo = 0, hi = 0x7c00;                       // invariant: value(lo) <= a < value(hi) unless a >= 2^16
        if (a >= 65536.0) return sign | 0x7c00;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (magnitude(mid) <= a) lo = mid; else hi = mid;
        }
        double dLo = a - magnitude(lo), dHi = magnitude(hi) - a;
        int r = dLo < dHi ? lo : dHi < dLo ? hi : ((lo & 1) == 0 ? lo : hi);
        return sign | r;
    }

    private static double magnitude(int h) { return h == 0x7c00 ? 65536.0 : halfValue(h); }

    /**
     * A second reference, independent of both the code and {@link #referenceFromFloat}: scale |f| by
     * the half's ulp at its exponent (2^-24 below 2^-14), round with Math.rint (ties to even, exact
     * in double for a float), scale back; 2^16 and more is infinity; then the fields of the result.
     */
    private static int rintReference(float f) {
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        double a = Math.abs((double) f);
        int e = Math.max(Math.getExponent(a), -14);
        double ulp = Math.scalb(1.0, e - 10);
        double r = Math.rint(a / ulp) * ulp;
        if (r >= 65536.0) return sign | 0x7c00;
        if (r < 0x1p-14) return sign | (int) (r / 0x1p-24);
        int re = Math.getExponent(r);
        return sign | ((re + 15) << 10) | ((int) (r / Math.scalb(1.0, re - 10)) - 1024);
    }

    @Test
    void agreesWithRintReferenceOnEveryFloatFrom2ToTheMinus26To2ToThe17() {
        // every positive float in [2^-26, 2^17) (360 million): all subnormal, normal, tie and overflow
        // cases of the half range; below, everything rounds to zero, above to infinity (checked apart)
        int bad = 0;
        String first = null;
        for (int bits = 0x32800000; bits < 0x48000000; bits++) {
            float f = Float.intBitsToFloat(bits);
            int expected = rintReference(f), actual = Float16.fromFloat(f) & 0xffff;
            int negative = Float16.fromFloat(-f) & 0xffff;
            if (expected != actual || negative != (expected | 0x8000)) {
                if (bad++ == 0) first = "fromFloat(" + f + " = 0x" + Integer.toHexString(bits) + ") = 0x"
                        + Integer.toHexString(actual) + " / -0x" + Integer.toHexString(negative)
                        + ", reference 0x" + Integer.toHexString(expected);
            }
        }
        assertEquals(0, bad, first);
        for (int bits = 0; bits < 0x32800000; bits += 4099) {
            assertEquals(0, Float16.fromFloat(Float.intBitsToFloat(bits)), "tiny 0x" + Integer.toHexString(bits));
            assertEquals((short) 0x8000, Float16.fromFloat(-Float.intBitsToFloat(bits)));
        }
        for (int bits = 0x48000000; bits <= 0x7f800000; bits += 4099) {
            assertEquals(0x7c00, Float16.fromFloat(Float.intBitsToFloat(bits)), "huge 0x" + Integer.toHexString(bits));
            assertEquals((short) 0xfc00, Float16.fromFloat(-Float.intBitsToFloat(bits)));
        }
    }

    @Test
    void bulkRoundingEqualsOneByOneAndFlagsOverflow() {
        SplittableRandom rnd = new SplittableRandom(99);
        float[] src = new float[10_007];
        for (int i = 0; i < src.length; i++) src[i] = (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(-26, 13)));   // |v| well below 65520
        src[17] = Float.NaN;
        src[18] = Float.NEGATIVE_INFINITY;
        short[] bits = new short[src.length - 3];
        float[] stored = new float[src.length - 3];
        assertTrue(Float16.round(src, 3, bits.length, bits, stored));
        for (int i = 0; i < bits.length; i++) {
            assertEquals(Float16.fromFloat(src[3 + i]), bits[i], "bits " + i);
            assertEquals(Float16.toFloat(bits[i]), stored[i], 0.0f, "value " + i);
        }
        src[5000] = 65520f;
        assertTrue(!Float16.round(src, 3, bits.length, bits, stored), "65520 rounds to infinity: refused");
    }

    @Test
    void toFloatIsExactAndRoundTripsForAll65536Patterns() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Float16.toFloat((short) h);
            int exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
            boolean negative = (h & 0x8000) != 0;
            if (exp == 0x1f && mant != 0) {
                assertTrue(Float.isNaN(f), "NaN pattern " + Integer.toHexString(h));
                int back = Float16.fromFloat(f) & 0xffff;
                assertTrue(((back >>> 10) & 0x1f) == 0x1f && (back & 0x3ff) != 0, "NaN stays NaN: " + Integer.toHexString(h));
                assertEquals(h & 0x8000, back & 0x8000, "NaN sign");
                continue;
            }
            if (exp == 0x1f) assertEquals(negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY, f);
            else {
                assertEquals(halfValue(h), (double) f, 0.0, "value of " + Integer.toHexString(h));
                assertEquals(negative, (Float.floatToRawIntBits(f) & 0x80000000) != 0, "sign of " + Integer.toHexString(h));
            }
            assertEquals(h, Float16.fromFloat(f) & 0xffff, "round trip of " + Integer.toHexString(h));
        }
    }

    private static void check(float f) {
        if (Float.isNaN(f)) {                                  // any quiet NaN of the same sign will do
            int h = Float16.fromFloat(f) & 0xffff;
            if (((h >>> 10) & 0x1f) != 0x1f || (h & 0x3ff) == 0 || (h & 0x8000) != ((Float.floatToRawIntBits(f) >>> 16) & 0x8000))
                fail("fromFloat(NaN 0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ") = 0x" + Integer.toHexString(h));
            return;
        }
        int expected = referenceFromFloat(f), actual = Float16.fromFloat(f) & 0xffff;
        if (expected != actual)
            fail("fromFloat(" + f + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ") = 0x"
                    + Integer.toHexString(actual) + ", reference 0x" + Integer.toHexString(expected));
    }

    @Test
    void roundsHalfwayPointsAndTheirNeighboursToNearestEven() {
        for (int h = 0; h < 0x7c00; h++) {
            // the midpoint between h and h + 1 (for 0x7bff: 65520, the overflow tie) is exact in float
            float mid = (float) ((magnitude(h) + magnitude(h + 1)) / 2);
            assertEquals((magnitude(h) + magnitude(h + 1)) / 2, mid, 0.0);
            for (float f : new float[]{mid, Math.nextUp(mid), Math.nextDown(mid), (float) magnitude(h)}) {
                check(f);
                check(-f);
            }
        }
    }

    @Test
    void agreesWithReferenceOnRandomAndSpecialFloats() {
        SplittableRandom rnd = new SplittableRandom(1234);
        for (int i = 0; i < 1_000_000; i++) {
            check(Float.intBitsToFloat(rnd.nextInt()));                     // any float, most outside half range
            check((float) ((rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-30, 17))));  // within and around it
        }
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-25f, Math.nextUp(0x1p-25f),
                Math.nextDown(0x1p-25f), 0x1p-24f, 0x1.8p-24f, 0x1p-14f, Math.nextDown(0x1p-14f), 65504f, 65519.996f,
                65520f, Math.nextDown(65520f), Math.nextUp(65520f), 65536f, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float f : special) { check(f); check(-f); }
        assertEquals(0x7c00, Float16.fromFloat(65520f) & 0xffff, "65520 is the overflow tie: rounds to infinity");
        assertEquals(0x7bff, Float16.fromFloat(Math.nextDown(65520f)) & 0xffff);
        assertEquals(0x0000, Float16.fromFloat(0x1p-25f) & 0xffff, "half the smallest subnormal ties to zero");
        assertEquals(0x0001, Float16.fromFloat(Math.nextUp(0x1p-25f)) & 0xffff);
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
    }
}
