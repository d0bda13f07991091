package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * relion_mask_create's --and, --or, --and_not and --or_not: a second map of the same size decides,
 * with the (low-passed) input, which voxels start in the binary mask. Both are compared with
 * --ini_threshold strictly, as RELION does (the input alone is taken at >= the threshold); the
 * second map is never low-passed.
 */
public record MaskCombination(Rule rule, FloatVolume other) {

    public enum Rule {
        /** --and: input and other above the threshold */
        AND("--and"),
        /** --or: input or other above the threshold */
        OR("--or"),
        /** --and_not: input above and other below the threshold */
        AND_NOT("--and_not"),
        /** --or_not: input above or other below the threshold */
        OR_NOT("--or_not");

        private final String option;

        Rule(String option) { this.option = option; }

        public String option() { return option; }

        boolean test(double in, double other, double threshold) {
            return switch (this) {
                case AND -> in > threshold && other > threshold;
                case OR -> in > threshold || other > threshold;
                case AND_NOT -> in > threshold && other < threshold;
                case OR_NOT -> in > threshold || other < threshold;
            };
        }
    }

    /** Which voxels of {@code in} start in the binary mask. */
    boolean[] inside(FloatVolume in, double threshold) {
        if (in.nx() != other.nx() || in.ny() != other.ny() || in.nz() != other.nz())
            throw new IllegalArgumentException(rule.option() + " map is " + other.nx() + "x" + other.ny() + "x" + other.nz()
                    + " but --i is " + in.nx() + "x" + in.ny() + "x" + in.nz());
        float[] a = in.data(), b = other.data();
        boolean[] inside = new boolean[a.length];
        for (int i = 0; i < a.length; i++) inside[i] = rule.test(a[i], b[i], threshold);
        return inside;
    }
}
