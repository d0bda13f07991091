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
}
