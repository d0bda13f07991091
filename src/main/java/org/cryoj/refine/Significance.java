package org.cryoj.refine;

import java.util.Arrays;

/**
 * Posterior weights from log-probabilities and RELION's adaptive_fraction rule: the significant
 * samples are the smallest set of the largest weights whose sum reaches the fraction of the total.
 */
public final class Significance {
    private Significance() {}

    /** exp(logP - max), normalised to sum 1 (in place, returns the array). */
    public static double[] normalisedWeights(double[] logP) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logP) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no sample has a finite probability");
        double sum = 0;
        for (int i = 0; i < logP.length; i++) {
            logP[i] = Math.exp(logP[i] - max);
            sum += logP[i];
        }
        for (int i = 0; i < logP.length; i++) logP[i] /= sum;
        return logP;
    }

    /**
     * Indices of the significant samples, in increasing order: the fewest whose weights sum to at
     * least {@code fraction} of the total (ties at the boundary are all kept, as RELION's
     * threshold comparison keeps them).
     */
    public static int[] significant(double[] weights, double fraction) {
        double total = 0;
        for (double w : weights) total += w;
        // weights under this floor sum to less than (1 - fraction) of the total, so none can be significant:
        // only the rest need sorting (usually a few hundred of 10^5 samples)
        double floor = (1 - fraction) * total / weights.length;
        int m = 0;
        for (double w : weights) if (w >= floor) m++;
        // primitive sorts only: with flat posteriors m reaches 10^5 per particle, where boxed sorting dominated the E-step
        double[] sorted = new double[m];
        for (int i = 0, k = 0; i < weights.length; i++) if (weights[i] >= floor) sorted[k++] = weights[i];
        Arrays.sort(sorted);
        double target = fraction * total, sum = 0;
        int first = m; // sorted[first, m) are kept, summed from the largest down
        while (first > 0 && sum < target) sum += sorted[--first];
        if (first == m) first = m - 1;
        double threshold = sorted[first];
        while (first > 0 && sorted[first - 1] == threshold) first--;
        int[] out = new int[m - first];
        for (int i = 0, k = 0; i < weights.length; i++) if (weights[i] >= threshold) out[k++] = i;
        return out;
    }
}
