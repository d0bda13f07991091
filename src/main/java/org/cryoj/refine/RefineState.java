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
 * @param incrementSize  shells beyond the resolution the next image size adds (RELION's incr_size, rlnIncrementImageSize: only grows)
 * @param highFscAtLimit whether the half-maps' FSC has been above 0.2 at the edge of the images in any iteration
 *                       (rlnHasHighFscAtResolLimit: then the image size grows by a quarter box while Pmax > 0.1)
 */
public record RefineState(int iteration, AutoSampling auto, int currentSize, Pose[] poses, double[] pmax, int[] significant,
                          double[] logLikelihood, double[] norm, HalfSet half1, HalfSet half2, int incrementSize, boolean highFscAtLimit) {
    public HalfSet half(int which) { return which == 1 ? half1 : half2; }

    /** The same state with another auto-sampling state (updated at the start of an iteration). */
    public RefineState withAuto(AutoSampling a) {
        return new RefineState(iteration, a, currentSize, poses, pmax, significant, logLikelihood, norm, half1, half2, incrementSize, highFscAtLimit);
    }
}
