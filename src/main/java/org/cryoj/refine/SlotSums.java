package org.cryoj.refine;

import java.io.Serializable;

/**
 * What one slot of an E-step produced (see {@link ExpectationPlan}): its half-set's M-step sums
 * over the slot's particles, and each particle's new pose, Pmax, significant samples,
 * log-likelihood and norm correction. Serializable, for a cluster's tasks to send back.
 */
public final class SlotSums implements Serializable {
    private static final long serialVersionUID = 1L;

    final int half, slot;
    final HalfAccumulator sums;
    final int[] particles;
    final Pose[] poses;
    final double[] pmax, logLikelihood, norm;
    final int[] significant;

    SlotSums(int half, int slot, HalfAccumulator sums, int[] particles, Pose[] poses, double[] pmax, int[] significant,
             double[] logLikelihood, double[] norm) {
        this.half = half;
        this.slot = slot;
        this.sums = sums;
        this.particles = particles;
        this.poses = poses;
        this.pmax = pmax;
        this.significant = significant;
        this.logLikelihood = logLikelihood;
        this.norm = norm;
    }

    public int half() { return half; }
    public int slot() { return slot; }
    /** The number of particles of the slot. */
    public int particleCount() { return particles.length; }
}
