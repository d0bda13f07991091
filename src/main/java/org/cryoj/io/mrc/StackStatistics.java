package org.cryoj.io.mrc;

import org.cryoj.image.ImageStatistics;

/**
 * Header statistics of a stack from those of its images, merged image by image (Chan et al.'s
 * pairwise update of mean and sum of squared deviations), so the RMS is exact to double rounding
 * without a second pass over the data.
 */
final class StackStatistics {
    private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean, m2;
    private long count;

    void add(ImageStatistics s) {
        min = Math.min(min, s.min());
        max = Math.max(max, s.max());
        long n = count, m = s.count();
        double delta = s.mean() - mean;
        mean += delta * m / (n + m);
        m2 += s.stddev() * s.stddev() * m + delta * delta * n * m / (n + m);
        count = n + m;
    }

    boolean isEmpty() { return count == 0; }

    ImageStatistics result() {
        if (count == 0) throw new IllegalStateException("no images");
        return new ImageStatistics(min, max, mean, Math.sqrt(m2 / count), count);
    }
}
