package org.cryoj.image;

/**
 * Minimum, maximum, mean and standard deviation of a float array, summed in double.
 * The standard deviation is the population one (divide by N), as relion_image_handler --stats
 * and the MRC header RMS use.
 */
public record ImageStatistics(double min, double max, double mean, double stddev, long count) {

    public static ImageStatistics of(float[] data) {
        return of(data, 0, data.length);
    }

    public static ImageStatistics of(float[] data, int from, int to) {
        if (to <= from) throw new IllegalArgumentException("empty range");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int i = from; i < to; i++) {
            double v = data[i];
            if (v < min) min = v;
            if (v > max) max = v;
            sum += v;
        }
        long n = to - from;
        double mean = sum / n, ss = 0;
        for (int i = from; i < to; i++) {
            double d = data[i] - mean;
            ss += d * d;
        }
        return new ImageStatistics(min, max, mean, Math.sqrt(ss / n), n);
    }

    /**
     * The same in one pass, for images written by the thousand: sums of v - v[0] and of its square
     * in four interleaved double accumulators (independent additions the CPU overlaps), min and
     * max alongside. Agrees with {@link #of} to double rounding for data whose spread is not many
     * orders of magnitude below its mean.
     */
    public static ImageStatistics ofOnePass(float[] data) {
        int n = data.length;
        if (n == 0) throw new IllegalArgumentException("empty range");
        double shift = data[0];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        float min = data[0], max = data[0];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float a = data[i], b = data[i + 1], c = data[i + 2], e = data[i + 3];
            double da = a - shift, db = b - shift, dc = c - shift, de = e - shift;
            s0 += da; s1 += db; s2 += dc; s3 += de;
            q0 += da * da; q1 += db * db; q2 += dc * dc; q3 += de * de;
            min = Math.min(Math.min(min, a), Math.min(b, Math.min(c, e)));
            max = Math.max(Math.max(max, a), Math.max(b, Math.max(c, e)));
        }
        for (; i < n; i++) {
            double d = data[i] - shift;
            s0 += d; q0 += d * d;
            min = Math.min(min, data[i]);
            max = Math.max(max, data[i]);
        }
        double sum = (s0 + s1) + (s2 + s3), squares = (q0 + q1) + (q2 + q3);
        double mean = sum / n;
        return new ImageStatistics(min, max, shift + mean, Math.sqrt(Math.max(0, squares / n - mean * mean)), n);
    }
}
