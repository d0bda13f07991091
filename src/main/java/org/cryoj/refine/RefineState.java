package org.cryoj.refine;

/**
 * Everything an iteration hands to the next, exactly as written to (and read back from) the
 * run_itNNN_* files, so a run continued with --continue proceeds as the uninterrupted one.
 *
 * @param iteration   the last completed iteration (0 before the first)
 * @param auto        auto-sampling state, with the sampling of the last iteration
 * @param currentSize image size (even, pixels) for the next iteration's fine pass
 * @param poses       per particle (set order), the last best pose
 * @param pmax        per particle rlnMaxValueProbDistribution
 * @param significant per particle rlnNrOfSignificantSamples
 * @param logLikelihood per particle rlnLogLikeliContribution
 * @param norm        per particle rlnNormCorrection (1 without --norm)
 */
public record RefineState(int iteration, AutoSampling auto, int currentSize, Pose[] poses, double[] pmax, int[] significant,
                          double[] logLikelihood, double[] norm, HalfSet half1, HalfSet half2) {
    public HalfSet half(int which) { return which == 1 ? half1 : half2; }
}
