package org.cryoj.refine;

import java.util.Locale;

/**
 * RELION's auto-refine bookkeeping (ml_optimiser: updateCurrentResolution,
 * updateOverallChangesInHiddenVariables, updateAngularSampling, checkConvergence), as an
 * immutable state whose transitions are pure functions, so scripted inputs can test them and the
 * whole state can be written to run_itNNN_optimiser.star. Resolutions are in 1/Å, offsets in Å.
 *
 * <p>Rules (RELION 3.1 with MAX_NR_ITER_WO_RESOL_GAIN = MAX_NR_ITER_WO_LARGE_HIDDEN_VARIABLE_CHANGES = 1):
 * the resolution "gains" when it improves by more than 1e-4 1/Å; hidden variables "stall" when
 * the changes in orientations and offsets are within 3% of the smallest seen at this sampling or
 * below 40% of the current step. The sampling gets finer (order + 1; offset step from the
 * estimated accuracy, range from 5 x the changes in offsets) when the resolution stalls (or, with
 * --auto_resol_angles, when the resolution asks for a finer step, except right before local
 * searches begin) and the hidden variables stall (or --auto_ignore_angles), unless the step is
 * already below 75% of the estimated angular accuracy, which makes the sampling "fine enough".
 * From --auto_local_healpix_order on searches are local with sigma = 2 x the fine step (so +/- 6
 * steps at 3 sigma). Converged: fine enough, and both counters at 1 (hidden variables ignored
 * with --auto_ignore_angles). One difference unless --exhaustive_search: the convergence check also counts the
 * sampling fine enough when its step is below 75% of the latest accuracy estimate, where RELION waits for the next
 * update to note it (one iteration more at the finest sampling, whose iterations are the slowest). Not at the order
 * change itself: the accuracy estimated then comes from the coarser iterations' reference and improves after it.
 */
public record AutoSampling(SamplingState sampling, double currentResolution, double bestResolution,
                           int nrIterWoResolGain, int nrIterWoLargeChanges,
                           double currentChangesOrientations, double currentChangesOffsets,
                           double smallestChangesOrientations, double smallestChangesOffsets,
                           double accuracyRotations, double accuracyTranslations,
                           boolean hasFineEnoughAngularSampling, boolean hasConverged) {

    static final int MAX_NR_ITER_WO_RESOL_GAIN = 1;
    static final int MAX_NR_ITER_WO_LARGE_HIDDEN_VARIABLE_CHANGES = 1;

    /** RELION's value of the changes and accuracies before any was measured or estimated. */
    static final double NOT_YET = 999;

    /** The state before iteration 1: resolution 1/ini_high, RELION's "999" smallest changes. */
    public static AutoSampling initial(SamplingState sampling, double iniHigh) {
        return new AutoSampling(sampling, 1 / iniHigh, 1 / iniHigh, 0, 0, NOT_YET, NOT_YET, NOT_YET, NOT_YET, NOT_YET, NOT_YET, false, false);
    }

    /** updateCurrentResolution: the new resolution (1/Å) from the SSNR (or ini_high). */
    public AutoSampling withResolution(double newResolution) {
        int wo = newResolution <= currentResolution + 0.0001 ? nrIterWoResolGain + 1 : 0;
        return new AutoSampling(sampling, newResolution, Math.max(bestResolution, newResolution), wo, nrIterWoLargeChanges,
                currentChangesOrientations, currentChangesOffsets, smallestChangesOrientations, smallestChangesOffsets,
                accuracyRotations, accuracyTranslations, hasFineEnoughAngularSampling, hasConverged);
    }

    /** updateOverallChangesInHiddenVariables with this iteration's mean changes (degrees, Å). */
    public AutoSampling withChanges(double orientations, double offsets, int oversampling) {
        double ratioOrient = orientations / sampling.angularStep(oversampling);
        double ratioTrans = offsets / sampling.offsetStep(oversampling);
        boolean stalled = (ratioTrans < 0.40 || 1.03 * offsets >= smallestChangesOffsets)
                && (ratioOrient < 0.40 || 1.03 * orientations >= smallestChangesOrientations);
        int wo = stalled ? nrIterWoLargeChanges + 1 : 0;
        return new AutoSampling(sampling, currentResolution, bestResolution, nrIterWoResolGain, wo, orientations, offsets,
                Math.min(smallestChangesOrientations, orientations), Math.min(smallestChangesOffsets, offsets),
                accuracyRotations, accuracyTranslations, hasFineEnoughAngularSampling, hasConverged);
    }

    /** The estimated accuracies (calculateExpectedAngularErrors), degrees and Å. */
    public AutoSampling withAccuracy(double rotations, double translations) {
        return new AutoSampling(sampling, currentResolution, bestResolution, nrIterWoResolGain, nrIterWoLargeChanges,
                currentChangesOrientations, currentChangesOffsets, smallestChangesOrientations, smallestChangesOffsets,
                rotations, translations, hasFineEnoughAngularSampling, hasConverged);
    }

    /** updateAngularSampling, at the start of iterations 2, 3, ... */
    public AutoSampling updateAngularSampling(RefineSettings s) {
        int q = s.oversampling();
        double oldStep = sampling.angularStep(q);
        int stepsForResolution = (int) Math.ceil(Math.PI * s.particleDiameter() * currentResolution);
        double resolutionStep = 360.0 / stepsForResolution;
        boolean proceedResolution = (s.autoResolAngles() && resolutionStep < oldStep
                && sampling.healpixOrder() + 1 != s.autoLocalHealpixOrder())
                || nrIterWoResolGain >= MAX_NR_ITER_WO_RESOL_GAIN;
        boolean proceedHidden = s.autoIgnoreAngles() || nrIterWoLargeChanges >= MAX_NR_ITER_WO_LARGE_HIDDEN_VARIABLE_CHANGES;
        if (!(proceedResolution && proceedHidden)) return this;
        if (stepFinerThanAccuracy(q) || sampling.healpixOrder() >= 8)
            return new AutoSampling(sampling, currentResolution, bestResolution, nrIterWoResolGain, nrIterWoLargeChanges,
                    currentChangesOrientations, currentChangesOffsets, smallestChangesOrientations, smallestChangesOffsets,
                    accuracyRotations, accuracyTranslations, true, hasConverged);
        // translations: step from the accuracy (at most 1.5 A before oversampling... as RELION), range from the changes
        double newStep = Math.min(1.5, 0.75 * accuracyTranslations) * Math.pow(2, q);
        double newRange = 5 * currentChangesOffsets;
        newRange = Math.min(1.3 * sampling.offsetRange(), newRange);
        newRange = Math.max(newRange, 1.5 * newStep);
        if (newRange > 4 * newStep) newRange /= 2;
        if (newRange > 4 * newStep) newStep = newRange / 4;
        if (newStep > sampling.offsetStep()) {
            newStep = sampling.offsetStep();
            newRange = sampling.offsetRange();
        }
        int order = sampling.healpixOrder() + 1;
        boolean local = order >= s.autoLocalHealpixOrder();
        double fineStep = 360.0 / (6 * Math.pow(2, order + q));
        SamplingState next = new SamplingState(order, newRange, newStep, local, local ? 2 * fineStep : 0);
        return new AutoSampling(next, currentResolution, bestResolution, 0, 0, currentChangesOrientations, currentChangesOffsets,
                NOT_YET, NOT_YET, accuracyRotations, accuracyTranslations, false, hasConverged);
    }

    /** checkConvergence, after each iteration's M-step. */
    public AutoSampling checkConvergence(RefineSettings s) {
        boolean fineEnough = hasFineEnoughAngularSampling
                || (!s.exhaustiveSearch() && accuracyRotations < NOT_YET && stepFinerThanAccuracy(s.oversampling()));
        boolean converged = fineEnough && nrIterWoResolGain >= MAX_NR_ITER_WO_RESOL_GAIN
                && (s.autoIgnoreAngles() || nrIterWoLargeChanges >= MAX_NR_ITER_WO_LARGE_HIDDEN_VARIABLE_CHANGES);
        return converged ? converged(true) : this;
    }

    /** Whether the angular step (with oversampling {@code q}) is below 75% of the estimated accuracy: RELION's "fine enough". */
    private boolean stepFinerThanAccuracy(int q) {
        return sampling.angularStep(q) < 0.75 * accuracyRotations;
    }

    /** Converged regardless of the counters (--auto_iter_max reached). */
    public AutoSampling forceConverged() {
        return converged(hasFineEnoughAngularSampling);
    }

    private AutoSampling converged(boolean fineEnough) {
        return new AutoSampling(sampling, currentResolution, bestResolution, nrIterWoResolGain, nrIterWoLargeChanges,
                currentChangesOrientations, currentChangesOffsets, smallestChangesOrientations, smallestChangesOffsets,
                accuracyRotations, accuracyTranslations, fineEnough, true);
    }

    /** RELION's lines after an iteration (checkConvergence's output). */
    public String convergenceLines(int iteration) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, " Auto-refine: Iteration= %d%n", iteration));
        b.append(String.format(Locale.ROOT, " Auto-refine: Resolution= %s (no gain for %d iter) %n", num(1 / currentResolution), nrIterWoResolGain));
        b.append(String.format(Locale.ROOT, " Auto-refine: Changes in angles= %s degrees; and in offsets= %s Angstroms (no gain for %d iter) %n",
                num(currentChangesOrientations), num(currentChangesOffsets), nrIterWoLargeChanges));
        if (hasConverged) {
            b.append(" Auto-refine: Refinement has converged, entering last iteration where two halves will be combined...\n");
            b.append(" Auto-refine: The last iteration will use data to Nyquist frequency, which may take more CPU and RAM.\n");
        }
        return b.toString();
    }

    /** RELION's lines before an iteration (accuracy estimate and updateAngularSampling's output). */
    public String samplingLines(int oversampling, boolean withAccuracy) {
        StringBuilder b = new StringBuilder();
        if (withAccuracy)
            b.append(String.format(Locale.ROOT, " Auto-refine: Estimated accuracy angles= %s degrees; offsets= %s Angstroms%n",
                    num(accuracyRotations), num(accuracyTranslations)));
        b.append(String.format(Locale.ROOT, " Auto-refine: Angular step= %s degrees; local searches= %s%n",
                num(sampling.angularStep(oversampling)), sampling.localSearches()));
        b.append(String.format(Locale.ROOT, " Auto-refine: Offset search range= %s Angstroms; offset step= %s Angstroms%n",
                num(sampling.offsetRange()), num(sampling.offsetStep(oversampling))));
        return b.toString();
    }

    /** C++ stream formatting of a double: six significant digits, no trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
