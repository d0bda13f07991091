package org.cryoj.extract;

/**
 * The background of a square particle image: pixels farther than {@code radius} from the box
 * centre (size/2, size/2), strictly, as RELION's normalisation selects them. Each row's pixels
 * inside the circle form one interval, kept per row, so loops visit the background in the same
 * row-major order as a test of every pixel would (the same sums, bit for bit) without the test.
 */
final class BackgroundMask {
    private final int size, radius;
    /** Row y: the pixels x in [innerFrom[y], innerTo[y]) are not background. */
    private final int[] innerFrom, innerTo;
    /** Centred x of every column, as floats. */
    private final float[] centredX;
    /**
     * Normal equations of a plane a x + b y + c over the background, the part without the image:
     * sums of x², xy, x, y², y and 1 (whole numbers, exact in double).
     */
    private final double sxx, sxy, sx, syy, sy, n;

    BackgroundMask(int size, int radius) {
        if (size < 1) throw new IllegalArgumentException("image size must be positive, was " + size);
        if (radius < 0 || 2 * radius > size)
            throw new IllegalArgumentException("--bg_radius " + radius + ": 2*bg_radius is larger than the image size " + size);
        this.size = size;
        this.radius = radius;
        innerFrom = new int[size];
        innerTo = new int[size];
        centredX = new float[size];
        for (int x = 0; x < size; x++) centredX[x] = centred(x);
        for (int y = 0; y < size; y++) {
            int from = size, to = size;   // empty unless a pixel of the row lies within the radius
            for (int x = 0; x < size; x++)
                if (!isBackground(x, y)) {
                    if (from == size) from = x;
                    to = x + 1;
                }
            innerFrom[y] = from;
            innerTo[y] = to;
        }
        double xx = 0, xy = 0, x1 = 0, yy = 0, y1 = 0, count = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (isBackground(x, y)) {
                    double cx = centred(x), cy = centred(y);
                    xx += cx * cx; xy += cx * cy; x1 += cx; yy += cy * cy; y1 += cy; count++;
                }
        sxx = xx; sxy = xy; sx = x1; syy = yy; sy = y1; n = count;
    }

    /** The 3 x 3 matrix of the plane's normal equations (a new array). */
    double[][] normalMatrix() {
        return new double[][] {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}};
    }

    int size() { return size; }
    int radius() { return radius; }

    /** Centred x (or y) of array column (row) i. */
    int centred(int i) { return i - size / 2; }

    boolean isBackground(int x, int y) {
        long dx = centred(x), dy = centred(y);
        return dx * dx + dy * dy > (long) radius * radius;
    }

    /** Centred x of every column (shared: do not change). */
    float[] centredX() { return centredX; }

    /** First pixel of row y inside the circle (size when none is). */
    int innerFrom(int y) { return innerFrom[y]; }

    /** One past the last pixel of row y inside the circle. */
    int innerTo(int y) { return innerTo[y]; }

    /** Mean and population standard deviation of the background pixels. */
    double[] meanAndStddev(float[] img) {
        // two interleaved accumulators each: independent additions the CPU overlaps
        double s0 = 0, s1 = 0, q0 = 0, q1 = 0;
        long n = 0;
        for (int y = 0; y < size; y++) {
            int row = size * y, a = innerFrom[y], b = innerTo[y];
            for (int part = 0; part < 2; part++) {
                int x = row + (part == 0 ? 0 : b), end = row + (part == 0 ? a : size);
                for (; x + 1 < end; x += 2) {
                    double u = img[x], v = img[x + 1];
                    s0 += u; s1 += v; q0 += u * u; q1 += v * v;
                }
                if (x < end) { double u = img[x]; s0 += u; q0 += u * u; }
            }
            n += size - (b - a);
        }
        if (n == 0) throw new IllegalArgumentException("--bg_radius " + radius + " leaves no background pixels in a box of " + size);
        double mean = (s0 + s1) / n;
        return new double[] {mean, Math.sqrt(Math.max(0, (q0 + q1) / n - mean * mean))};
    }
}
