package org.cryoj.reconstruct;

/**
 * Fixed-point coordinates in a padded Fourier grid, in units of 2^-32 padded pixels, for the E-step's
 * projections and backprojections: the corner is a shift and the fraction the low bits, where double
 * coordinates cost a floor and two conversions per axis (the projection's inner loop ran about 20% faster
 * so). Grid coordinates stay below 2^9, so the products fit a long with room to spare; the rounded matrix
 * moves a point by at most 2^-32 per frequency unit (6e-8 pixels at 256), below the float fractions' own
 * precision.
 */
final class FixedPoint {
    private FixedPoint() {}

    private static final double ONE = 0x1p32;
    private static final long FRACTION_BITS = 0xFFFFFFFFL;
    private static final float UNIT = 0x1p-32f;

    /** Rows 0 and 1 of the first {@code count} rotations times the padding, fixed-point: 6 per rotation. */
    static long[] rows(double[][][] a, int count, int padding) {
        double scale = padding * ONE;
        long[] m = new long[6 * count];
        for (int r = 0; r < count; r++)
            for (int c = 0; c < 6; c++) m[6 * r + c] = Math.round(a[r][c / 3][c % 3] * scale);
        return m;
    }

    /** The grid coordinate at or below {@code v}. */
    static int floor(long v) { return (int) (v >> 32); }

    /** {@code v}'s distance above {@link #floor}, in [0, 1]. */
    static float fraction(long v) { return (v & FRACTION_BITS) * UNIT; }
}
