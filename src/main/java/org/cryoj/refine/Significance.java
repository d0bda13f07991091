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
        // only the rest are searched (usually a few hundred of 10^5 samples)
        double floor = (1 - fraction) * total / weights.length;
        int m = 0;
        for (double w : weights) if (w >= floor) m++;
        double[] candidates = new double[m];
        for (int i = 0, k = 0; i < weights.length; i++) if (weights[i] >= floor) candidates[k++] = weights[i];
        double threshold = thresholdReaching(candidates, fraction * total);
        int kept = 0;
        for (double w : weights) if (w >= threshold) kept++;
        int[] out = new int[kept];
        for (int i = 0, k = 0; i < weights.length; i++) if (weights[i] >= threshold) out[k++] = i;
        return out;
    }

    /**
     * The largest value t among {@code a} such that the values &gt;= t sum to at least {@code target}
     * (the smallest value if none does): where a descending running sum first reaches the target. A
     * quickselect on sums, linear on average: with flat posteriors 10^5 weights per particle, where
     * sorting them took a fifth of the E-step. Reorders {@code a}.
     */
    static double thresholdReaching(double[] a, double target) {
        int lo = 0, hi = a.length;
        double need = target;
        while (hi - lo > 32) {
            double p = median(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            // three-way partition of a[lo, hi): greater than p in [lo, gt), equal in [gt, lt), less in [lt, hi)
            int gt = lo, i = lo, lt = hi;
            while (i < lt) {
                double v = a[i];
                if (v > p) { a[i++] = a[gt]; a[gt++] = v; }
                else if (v < p) { a[i] = a[--lt]; a[lt] = v; }
                else i++;
            }
            double above = 0;
            for (int k = lo; k < gt; k++) above += a[k];
            if (above >= need) { hi = gt; continue; }
            double withEqual = above + p * (lt - gt);
            if (withEqual >= need) return p;
            need -= withEqual;
            lo = lt;
        }
        if (lo >= hi) return a.length > 0 ? min(a) : Double.NaN;
        Arrays.sort(a, lo, hi);
        double sum = 0;
        for (int k = hi - 1; k >= lo; k--) {
            sum += a[k];
            if (sum >= need) return a[k];
        }
        return a[lo];
    }

    private static double median(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }
}
