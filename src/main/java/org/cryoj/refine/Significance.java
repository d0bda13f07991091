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
     * Indices of the significant samples, largest weight first: the fewest whose weights sum to at
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
        Integer[] order = new Integer[m];
        for (int i = 0, k = 0; i < weights.length; i++) if (weights[i] >= floor) order[k++] = i;
        Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
        double target = fraction * total, sum = 0;
        int n = 0;
        while (n < order.length && sum < target) sum += weights[order[n++]];
        if (n == 0) n = 1;
        double threshold = weights[order[n - 1]];
        while (n < order.length && weights[order[n]] == threshold) n++;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = order[i];
        return out;
    }
}
