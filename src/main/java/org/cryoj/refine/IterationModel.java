package org.cryoj.refine;

import java.util.List;

import org.cryoj.reconstruct.Projector;

/**
 * What one half-set's E-step needs in one iteration, fixed for its duration: the windows, the
 * reference's projectors (coarse and fine sizes), the sampling, the noise model and the priors.
 *
 * @param coarse            window of the first pass (RELION's coarse size)
 * @param fine              window of the second pass (current size)
 * @param coarseProjector   projector of the reference up to the coarse radius
 * @param fineProjector     projector up to the current radius
 * @param orientations      orientation grid of this iteration's HEALPix order
 * @param sampling          offsets (Å) and local-search sigma
 * @param globalProjections coarse-window projections of {@code orientations.global()}, or null for local searches
 * @param globalFine        fine-pass projections shared by the particles of a global search, or null (local search,
 *                          or too large to hold)
 * @param invSigma2         per group, 1/sigma² per shell 0 .. N/2
 * @param sigmaOffset       prior stddev of origins, Å
 * @param crossCorrelation  score by CC and keep only the best pose (--firstiter_cc, iteration 1)
 * @param normCorrection    --norm: images scaled by averageNorm / their norm, and new norms estimated (not in a CC iteration)
 * @param averageNorm       the half-set's rlnNormCorrectionAverage
 * @param groupScale        per group rlnGroupScaleCorrection, multiplying the CTF (1 without --scale)
 * @param scout             a global search's coarser grid scored first, or null (exhaustive: RELION's search)
 * @param localScout        a local search's smaller windows, smallest first: every coarse sample is scored on the first, the
 *                          orientations it keeps on the next, and so on (see {@link ParticleExpectation}); null: every sample
 *                          on the whole coarse window (RELION's search)
 * @param flatSpreadPmax    in a global search with shared slice sums, a particle whose largest weight among the first pass's
 *                          significant samples, scored again on the current-size window, is at most this has that posterior
 *                          spread evenly over each sample's oversampled children instead of scoring them (see
 *                          {@link ParticleExpectation}); 0: the children are always scored (RELION's search)
 */
record IterationModel(int box, double pixelSize, FourierRegion coarse, FourierRegion fine,
                      Projector coarseProjector, Projector fineProjector, OrientationSampling orientations,
                      SamplingState sampling, int oversampling, double adaptiveFraction,
                      float[][] globalProjections, GlobalFineProjections globalFine, double[][] invSigma2, double sigmaOffset,
                      boolean crossCorrelation, boolean ctf, float[] particleMask, boolean zeroMask, long seed,
                      boolean normCorrection, double averageNorm, double[] groupScale, ScoutGrid scout,
                      List<FourierRegion> localScout, double flatSpreadPmax) {

    /** Without a scout grid: every coarse orientation is scored. */
    IterationModel(int box, double pixelSize, FourierRegion coarse, FourierRegion fine,
                   Projector coarseProjector, Projector fineProjector, OrientationSampling orientations,
                   SamplingState sampling, int oversampling, double adaptiveFraction,
                   float[][] globalProjections, GlobalFineProjections globalFine, double[][] invSigma2, double sigmaOffset,
                   boolean crossCorrelation, boolean ctf, float[] particleMask, boolean zeroMask, long seed,
                   boolean normCorrection, double averageNorm, double[] groupScale) {
        this(box, pixelSize, coarse, fine, coarseProjector, fineProjector, orientations, sampling, oversampling, adaptiveFraction,
                globalProjections, globalFine, invSigma2, sigmaOffset, crossCorrelation, ctf, particleMask, zeroMask, seed,
                normCorrection, averageNorm, groupScale, null, null, 0);
    }

    /** The same iteration with another scout grid (null: exhaustive). */
    IterationModel withScout(ScoutGrid s) {
        return new IterationModel(box, pixelSize, coarse, fine, coarseProjector, fineProjector, orientations, sampling, oversampling,
                adaptiveFraction, globalProjections, globalFine, invSigma2, sigmaOffset, crossCorrelation, ctf, particleMask, zeroMask,
                seed, normCorrection, averageNorm, groupScale, s, localScout, flatSpreadPmax);
    }

    /** The same iteration with a local search's scout windows, smallest first (null: every sample on the whole coarse window). */
    IterationModel withLocalScout(List<FourierRegion> w) {
        return new IterationModel(box, pixelSize, coarse, fine, coarseProjector, fineProjector, orientations, sampling, oversampling,
                adaptiveFraction, globalProjections, globalFine, invSigma2, sigmaOffset, crossCorrelation, ctf, particleMask, zeroMask,
                seed, normCorrection, averageNorm, groupScale, scout, w == null ? null : List.copyOf(w), flatSpreadPmax);
    }

    /** The same iteration with flat posteriors spread over the children when the largest coarse weight is at most {@code pmax} (0: never). */
    IterationModel withFlatSpread(double pmax) {
        return new IterationModel(box, pixelSize, coarse, fine, coarseProjector, fineProjector, orientations, sampling, oversampling,
                adaptiveFraction, globalProjections, globalFine, invSigma2, sigmaOffset, crossCorrelation, ctf, particleMask, zeroMask,
                seed, normCorrection, averageNorm, groupScale, scout, localScout, pmax);
    }

    List<Orientation> globalOrientations() { return orientations.global(); }
}
