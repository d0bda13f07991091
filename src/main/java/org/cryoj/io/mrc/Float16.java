package org.cryoj.io.mrc;

/**
 * IEEE 754 binary16 conversion (MRC mode 12). Java 17 has no Float.floatToFloat16, so it is
 * done here by hand: round-to-nearest-even, subnormals, overflow to infinity, NaN kept NaN.
 *
 * <p>{@link #fromFloat} rounds without data-dependent branches (F. Giesen's method): the rounding
 * of a normal number is an integer addition of 0xfff plus the kept mantissa's lowest bit, and a
 * subnormal result is rounded by the FPU itself, by adding 0.5f, whose ulp is the half's 2^-24.
 * The earlier version chose the rounding direction with comparisons whose outcome is random for
 * image data, and branch mispredictions made it about ten times slower. {@link #toFloat} is a
 * table of all 65,536 halves.
 */
public final class Float16 {
    private Float16() {}

    /** float value of every half, by its 16 bits. */
    private static final float[] VALUES = new float[1 << 16];
    static {
        for (int h = 0; h < VALUES.length; h++) VALUES[h] = decode(h);
    }

    public static float toFloat(short bits) {
        return VALUES[bits & 0xffff];
    }

    /** The value of half {@code h} (16 low bits), from its fields. */
    private static float decode(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float f = mant * 0x1p-24f;            // subnormal (or zero): exact in float
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    public static short fromFloat(float f) {
        int x = Float.floatToRawIntBits(f);
        int a = x & 0x7fffffff;
        int h;
        if (a >= 0x47800000) {                    // |f| >= 2^16, infinity or NaN
            h = a > 0x7f800000 ? 0x7e00 | ((a >>> 13) & 0x3ff) : 0x7c00;   // NaN stays a quiet NaN
        } else if (a < 0x38800000) {              // |f| < 2^-14: a subnormal half or zero
            h = Float.floatToRawIntBits(Float.intBitsToFloat(a) + 0.5f) - 0x3f000000;
        } else {
            // rebias the exponent (-112 << 23), add just under half an ulp of the half (0xfff) and
            // one more when the kept mantissa is odd: ties go to even; a carry into the exponent is
            // right, up to infinity for [65520, 65536)
            h = (a + 0xc8000fff + ((a >>> 13) & 1)) >>> 13;
        }
        return (short) (((x >>> 16) & 0x8000) | h);
    }

    /**
     * Converts {@code src[from, from + count)} and stores the halves' values, as floats, in
     * {@code stored} and their bits in {@code bits} (both from index 0).
     *
     * @return false, with the arrays partly filled, when a finite value rounds to infinity
     */
    public static boolean round(float[] src, int from, int count, short[] bits, float[] stored) {
        boolean finite = true;
        for (int i = 0; i < count; i++) {
            float v = src[from + i];
            short h = fromFloat(v);
            float r = VALUES[h & 0xffff];
            bits[i] = h;
            stored[i] = r;
            // a value beyond the range becomes infinity while the input was finite
            finite &= (h & 0x7fff) != 0x7c00 || Float.isInfinite(v);
        }
        return finite;
    }
}
