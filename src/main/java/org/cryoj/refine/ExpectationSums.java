package org.cryoj.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.parallel.SlotTree;

/**
 * An E-step's slots gathered: per half-set the M-step sums added in one fixed tree over its
 * slots ({@link SlotTree}: the result does not depend on the order in which slots arrive or how
 * partial sums are grouped), and the particles' new poses. {@link #add} and {@link #merge} may be
 * called in any order and grouping (a cluster's tree aggregation does), each slot exactly once;
 * both change and return this object.
 */
public final class ExpectationSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final class Tree extends SlotTree<HalfAccumulator> {
        private static final long serialVersionUID = 1L;

        Tree(int slots) { super(slots); }

        @Override
        protected HalfAccumulator merge(HalfAccumulator left, HalfAccumulator right) {
            left.merge(right);
            return left;
        }
    }

    /** A slot's per-particle outputs, without its sums. */
    private record Outputs(int[] particles, Pose[] poses, double[] pmax, int[] significant, double[] logLikelihood, double[] norm)
            implements Serializable {}

    private final Tree half1, half2;
    private final List<Outputs> outputs = new ArrayList<>();

    ExpectationSums(int slots1, int slots2) {
        half1 = new Tree(slots1);
        half2 = new Tree(slots2);
    }

    /** Adds one slot's results. */
    public ExpectationSums add(SlotSums s) {
        (s.half == 1 ? half1 : half2).add(s.slot, s.sums);
        outputs.add(new Outputs(s.particles, s.poses, s.pmax, s.significant, s.logLikelihood, s.norm));
        return this;
    }

    /** Adds everything {@code other} holds (other slots of the same plan); {@code other} is spent. */
    public ExpectationSums merge(ExpectationSums other) {
        half1.addAll(other.half1);
        half2.addAll(other.half2);
        outputs.addAll(other.outputs);
        other.outputs.clear();
        return this;
    }

    /** Whether every slot of both half-sets is in. */
    public boolean complete() { return half1.complete() && half2.complete(); }

    /** Slots added so far, both half-sets. */
    public int slotsAdded() { return half1.added() + half2.added(); }

    /** Slots of both half-sets. */
    public int slots() { return half1.slots() + half2.slots(); }

    /** Half-set {@code half}'s sums over all its slots. */
    HalfAccumulator total(int half) {
        return (half == 1 ? half1 : half2).result();
    }

    /** Writes each particle's outputs into the arrays (indexed as the particle set). */
    void copyOutputs(Pose[] poses, double[] pmax, int[] significant, double[] logLikelihood, double[] norm) {
        for (Outputs o : outputs)
            for (int m = 0; m < o.particles().length; m++) {
                int i = o.particles()[m];
                poses[i] = o.poses()[m];
                pmax[i] = o.pmax()[m];
                significant[i] = o.significant()[m];
                logLikelihood[i] = o.logLikelihood()[m];
                norm[i] = o.norm()[m];
            }
    }
}
