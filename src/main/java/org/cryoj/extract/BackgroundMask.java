package org.cryoj.extract;

/**
 * The background of a square particle image: pixels farther than {@code radius} from the box
 * centre (size/2, size/2), strictly, as RELION's normalisation selects them.
 */
record BackgroundMask(int size, int radius) {

    BackgroundMask {
        if (size < 1) throw new IllegalArgumentException("image size must be positive, was " + size);
        if (radius < 0 || 2 * radius > size)
            throw new IllegalArgumentException("--bg_radius " + radius + ": 2*bg_radius is larger than the image size " + size);
    }

    /** Centred x (or y) of array column (row) i. */
    int centred(int i) { return i - size / 2; }

    boolean isBackground(int x, int y) {
        long dx = centred(x), dy = centred(y);
        return dx * dx + dy * dy > (long) radius * radius;
    }

    /** Mean and population standard deviation of the background pixels. */
    double[] meanAndStddev(float[] img) {
        double sum = 0, sum2 = 0;
        long n = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                if (isBackground(x, y)) {
                    double v = img[x + size * y];
                    sum += v;
                    sum2 += v * v;
                    n++;
                }
        if (n == 0) throw new IllegalArgumentException("--bg_radius " + radius + " leaves no background pixels in a box of " + size);
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sum2 / n - mean * mean))};
    }
}
