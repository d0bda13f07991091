package org.cryoj.ui.view;

import java.util.Objects;

/**
 * One FSC curve for plotting: spatial frequency (1/Å) against correlation.
 *
 * @param label     legend text, e.g. "half-maps" or "vs truth"
 * @param frequency 1/Å, non-decreasing
 * @param fsc       correlation per frequency
 */
public record FscCurve(String label, double[] frequency, double[] fsc) {

    public FscCurve {
        Objects.requireNonNull(label, "label");
        if (frequency.length != fsc.length)
            throw new IllegalArgumentException("FSC curve '" + label + "': " + frequency.length
                    + " frequencies but " + fsc.length + " FSC values");
        if (fsc.length < 2) throw new IllegalArgumentException("FSC curve '" + label + "' needs at least two shells");
        for (int i = 0; i < fsc.length; i++) {
            if (!Double.isFinite(frequency[i]) || !Double.isFinite(fsc[i]))
                throw new IllegalArgumentException("FSC curve '" + label + "': shell " + i + " is not finite");
            if (i > 0 && frequency[i] < frequency[i - 1])
                throw new IllegalArgumentException("FSC curve '" + label + "': frequencies decrease at shell " + i);
        }
        frequency = frequency.clone();
        fsc = fsc.clone();
    }

    /** Shell i of a box of {@code box} voxels of {@code pixelSize} Å lies at i / (box * pixelSize) 1/Å, as in RELION's rlnResolution. */
    public static FscCurve fromShells(String label, double[] fsc, double pixelSize, int box) {
        if (!(pixelSize > 0) || box < 2) throw new IllegalArgumentException("need pixel size > 0 and box >= 2");
        double[] f = new double[fsc.length];
        for (int i = 0; i < f.length; i++) f[i] = i / (box * pixelSize);
        return new FscCurve(label, f, fsc);
    }

    @Override public double[] frequency() { return frequency.clone(); }
    @Override public double[] fsc() { return fsc.clone(); }

    /**
     * Frequency where the curve first falls below {@code threshold}, linearly interpolated
     * between the two shells around the crossing. NaN when it starts below the threshold;
     * +Infinity when it never drops below it.
     */
    public double crossing(double threshold) {
        if (fsc[0] < threshold) return Double.NaN;
        for (int i = 1; i < fsc.length; i++) {
            if (fsc[i] < threshold) {
                double t = (fsc[i - 1] - threshold) / (fsc[i - 1] - fsc[i]);
                return frequency[i - 1] + t * (frequency[i] - frequency[i - 1]);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Resolution in Å at the threshold (1 / {@link #crossing}); NaN or 0 in the two special cases. */
    public double resolutionAt(double threshold) {
        return 1 / crossing(threshold);
    }

    double maxFrequency() {
        return frequency[frequency.length - 1];
    }
}
