package org.cryoj.io.mrc;

/**
 * IEEE 754 binary16 conversion (MRC mode 12). Java 17 has no Float.floatToFloat16, so it is
 * done here by hand: round-to-nearest-even, subnormals, infinities and NaN all preserved.
 */
public final class Float16 {
    private Float16() {}

    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float f = mant * 0x1p-24f;           // subnormal: exact in float
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int sign = (x >>> 16) & 0x8000;
        int exp = (x >>> 23) & 0xff;
        int mant = x & 0x7fffff;
        if (exp == 0xff) {                        // Inf or NaN (keep NaN quiet and non-zero)
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);   // overflow -> Inf
        if (e <= 0) {                             // subnormal or zero in half
            if (e < -10) return (short) sign;     // below half the smallest subnormal
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) half++;
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) half++;  // may carry into exponent: correct
        return (short) (sign | half);
    }
}
