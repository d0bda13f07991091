package org.cryoj.refine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cryoj.ctf.Ctf;
import org.cryoj.fourier.Fft;
import org.cryoj.image.FloatVolume;

/**
 * The E-step for one particle, RELION's two-pass adaptive oversampling: score every coarse
 * (orientation, translation) in the coarse window, keep the samples holding adaptive_fraction of
 * the posterior, score their oversampled children in the current-size window, normalise, and add
 * the particle to the M-step sums (weighted backprojection with 1/sigma², noise power, offsets).
 */
final class ParticleExpectation {
    /** The outcome for one particle. */
    record Result(Pose pose, double pmax, int significantSamples, double logLikelihood, double norm) {}

    /** Significant orientations splatted together: 16 slices of the window are ~0.5 MB at box 96, within L2. */
    private static final int SLICE_GROUP = 16;

    /**
     * A global search's particle whose largest weight on the current-size window, coarse orientations standing for their
     * children, is at most this has its posterior spread over the children unscored ({@link IterationModel#flatSpreadPmax}).
     * At 5% instead, the particles of the first likelihood iterations that were not quite flat touched every child orientation
     * with their scored samples: the atomic-detail set's first likelihood iteration held the children's slice sums of
     * both threads (82 MB; peak RSS 343 MB against 268 MB now) and the 4,000-particle set's second took 41 s (now 24 s),
     * the same maps and errors after the refinement. At 30% the half-set's sums drift too far (FlatSpreadTest).
     */
    static final double FLAT_SPREAD_PMAX = 0.15;

    /** Memory for one block of fine-pass projections. */
    static final long FINE_BLOCK_BYTES = 4L << 20;

    private final IterationModel m;
    private final ExpectationBackend backend;
    private final long fineBlockBytes;
    private double[] coarseScores = new double[0];
    private final Buffers fineBuffers = new Buffers();
    private final Buffers groupData = new Buffers(), groupWeight = new Buffers();
    /** Scout and coarse windows' projection arrays of {@link #scoreAll}, by length (a local search scores on two or three windows per particle). */
    private final java.util.Map<Integer, Buffers> windowBuffers = new java.util.HashMap<>();
    /** This thread's per-pixel sums of {@link #accumulate} and its projection array there (fine pass without kept projections). */
    private PixelSums pixels;
    private float[] projection = new float[0];

    ParticleExpectation(IterationModel model, ExpectationBackend backend) {
        this(model, backend, FINE_BLOCK_BYTES);
    }

    /** With fine-pass projections made {@code fineBlockBytes} at a time (tests vary it). */
    ParticleExpectation(IterationModel model, ExpectationBackend backend, long fineBlockBytes) {
        this.m = model;
        this.backend = backend;
        this.fineBlockBytes = fineBlockBytes;
    }

    /**
     * A particle image ready for scoring: masked and unmasked transforms and the CTF times the
     * group's scale (full half transforms), and the particle's norm correction so far.
     */
    record Prepared(float[] masked, float[] unmasked, float[] ctf, int group, double norm) {}

    Prepared prepare(int index, RefineParticle p, float[] pixels, double norm) {
        int n = m.box();
        if (m.normCorrection()) {
            // RELION's normalisation correction: every image on the half-set's average noise level
            float f = (float) (m.averageNorm() / norm);
            for (int i = 0; i < pixels.length; i++) pixels[i] *= f;
        }
        float[] unmasked = Fft.forward(new FloatVolume(n, n, 1, pixels.clone(), m.pixelSize())).data();
        float[] masked = pixels;
        float[] mask = m.particleMask();
        double bgSum = 0, bgSum2 = 0, bgCount = 0;
        if (!m.zeroMask()) {
            for (int i = 0; i < masked.length; i++)
                if (mask[i] == 0) { bgSum += masked[i]; bgSum2 += masked[i] * masked[i]; bgCount++; }
        }
        double bgMean = bgCount > 0 ? bgSum / bgCount : 0;
        double bgStd = bgCount > 1 ? Math.sqrt(Math.max(0, bgSum2 / bgCount - bgMean * bgMean)) : 0;
        // a mixed seed: java.util.Random's first draws for neighbouring seeds are nearly equal
        Random noise = new Random(new java.util.SplittableRandom(m.seed() * 1_000_003L + index).nextLong());
        for (int i = 0; i < masked.length; i++) {
            // RELION: outside the particle zeros (--zero_mask) or fresh noise of the background's stddev
            double fill = m.zeroMask() ? 0 : bgStd * noise.nextGaussian();
            masked[i] = (float) (mask[i] * masked[i] + (1 - mask[i]) * fill);
        }
        float[] f = Fft.forward(new FloatVolume(n, n, 1, masked, m.pixelSize())).data();
        float[] ctf;
        if (m.ctf() && p.ctf() != null) ctf = new Ctf(p.ctf()).halfComplexImage(n, n, m.pixelSize());
        else {
            ctf = new float[(n / 2 + 1) * n];
            java.util.Arrays.fill(ctf, 1f);
        }
        float scale = (float) m.groupScale()[p.group()];
        if (scale != 1f) for (int i = 0; i < ctf.length; i++) ctf[i] *= scale;
        return new Prepared(f, unmasked, ctf, p.group(), norm);
    }

    Result align(Prepared img, Pose prior, HalfAccumulator acc) {
        boolean cc = m.crossCorrelation();
        double px = m.pixelSize();
        double[] invSigma2 = m.invSigma2()[img.group()];

        // ---- first pass: coarse window, coarse orientations and translations
        FourierRegion rc = m.coarse();
        // RELION's --perturb shifts the whole translation grid by the same fraction of a step as it turns the orientations
        double shift = m.orientations().perturbation() * m.sampling().offsetStep() / px;
        List<double[]> coarseT = absolute(TranslationGrid.coarse(m.sampling().offsetRange() / px, m.sampling().offsetStep() / px), prior, shift);
        boolean global = m.globalProjections() != null;
        List<Orientation> coarseO = global ? m.globalOrientations() : m.orientations().local(prior.angles(), m.sampling().sigmaAngles());
        ScoringImage sc = scoringImage(img, rc, coarseT, invSigma2, cc);
        int nt = coarseT.size();
        double[] offsetPrior = new double[nt];
        for (int t = 0; t < nt; t++) offsetPrior[t] = logOffsetPrior(coarseT.get(t));
        int[] keep;
        if (m.scout() != null && global && !cc) {
            keep = significantUnderScouts(img, coarseT, invSigma2, sc, offsetPrior);
        } else if (m.localScout() != null && !global && !cc) {
            keep = significantAfterLocalScout(img, coarseO, coarseT, invSigma2, sc, offsetPrior);
        } else {
            // scores, then log-posteriors, then weights, all in one array: in a global search it is the largest
            // per-particle array (orientations x translations, 6 MB at HEALPix order 3 with D2), reused by this thread
            double[] logP = coarseBuffer(coarseO.size() * nt);
            if (global) backend.scoreAll(List.of(sc), m.globalProjections(), cc, new double[][] {logP});
            else scoreAll(sc, coarseO, rc, cc, logP);
            for (int o = 0; o < coarseO.size(); o++)
                for (int t = 0; t < nt; t++)
                    // the CC pass ranks by correlation alone: priors are on the likelihood's scale, not the CC's
                    logP[o * nt + t] = -logP[o * nt + t] + (cc ? 0 : coarseO.get(o).logPrior() + offsetPrior[t]);
            keep = cc ? new int[] {argmax(logP)} : Significance.significant(Significance.normalisedWeights(logP), m.adaptiveFraction());
        }
        GlobalFineProjections shared = global ? m.globalFine() : null;
        // per-orientation slice sums where they fit: the coarse orientations' for spread flat posteriors, the children's for the rest
        SliceSums slices = null, childSlices = null;
        if (shared != null && SliceSums.parentBytes(shared) <= GlobalFineProjections.BUDGET_BYTES) {
            if (acc.slices == null) acc.slices = new SliceSums(shared);
            slices = acc.slices;
            if (SliceSums.bytes(shared) <= SliceSums.CHILD_BUDGET_BYTES) childSlices = slices;
        }
        if (slices != null && !cc && m.flatSpreadPmax() > 0) {
            Result spread = alignSpread(img, coarseO, coarseT, keep, invSigma2, acc, shared, slices);
            if (spread != null) return spread;
        }

        // ---- second pass: oversampled children of the significant samples, current-size window
        FourierRegion rf = m.fine();
        // children are numbered as their parents are first met; distinct parents never share a child
        List<Orientation> fineO = new ArrayList<>();
        List<double[]> fineT = new ArrayList<>();
        double tStep = m.sampling().offsetStep() / px;
        int[][] childrenOfO = new int[coarseO.size()][], childrenOfT = new int[nt][];
        int[] sharedKey = shared == null ? null : new int[Math.max(16, keep.length * 8)];
        int nPairs = 0;
        int[] po = new int[Math.max(16, keep.length * 32)], pt = new int[po.length];
        for (int k : keep) {
            int o = k / nt, t = k % nt;
            if (childrenOfT[t] == null) childrenOfT[t] = append(TranslationGrid.oversampled(coarseT.get(t), tStep, m.oversampling()), fineT);
            if (childrenOfO[o] == null) {
                childrenOfO[o] = append(shared != null ? shared.children(o) : m.orientations().children(coarseO.get(o)), fineO);
                if (shared != null) {
                    int[] ids = childrenOfO[o];
                    if (ids[ids.length - 1] >= sharedKey.length) sharedKey = java.util.Arrays.copyOf(sharedKey, 2 * ids[ids.length - 1] + 1);
                    for (int c = 0; c < ids.length; c++) sharedKey[ids[c]] = o * shared.perParent() + c;
                }
            }
            int[] ts = childrenOfT[t];
            for (int oi : childrenOfO[o]) {
                if (nPairs + ts.length > po.length) {
                    po = java.util.Arrays.copyOf(po, 2 * po.length + ts.length);
                    pt = java.util.Arrays.copyOf(pt, po.length);
                }
                for (int ti : ts) { po[nPairs] = oi; pt[nPairs++] = ti; }
            }
        }
        po = java.util.Arrays.copyOf(po, nPairs);
        pt = java.util.Arrays.copyOf(pt, nPairs);
        ScoringImage sf = scoringImage(img, rf, fineT, invSigma2, cc);
        int[][] pairsOf = pairsByOrientation(po, fineO.size());
        FineScores fine = shared != null ? scoreShared(sf, shared, sharedKey, fineO.size(), po, pt, cc)
                : scoreFine(sf, rf, fineO, pairsOf, po, pt, cc);
        double[] d2 = fine.d2();
        double[] w = new double[d2.length];
        for (int i = 0; i < w.length; i++) w[i] = -d2[i] + (cc ? 0 : fineO.get(po[i]).logPrior() + logOffsetPrior(fineT.get(pt[i])));
        int best = argmax(w);
        int[] sig;
        double logLikelihood;
        if (cc) {
            java.util.Arrays.fill(w, 0);
            w[best] = 1;
            sig = new int[] {best};
            logLikelihood = -d2[best];
        } else {
            logLikelihood = logSumExp(w) - logSigma2(rf, invSigma2);
            Significance.normalisedWeights(w);
            sig = Significance.significant(w, m.adaptiveFraction());
        }
        double pmax = w[best];
        double[] bt = fineT.get(pt[best]);
        Orientation bo = fineO.get(po[best]);
        org.cryoj.geometry.EulerAngles ba = bo.angles();
        Pose pose = new Pose(ba.rot(), ba.tilt(), ba.psi(), bt[0], bt[1]);
        double residual = accumulate(img, rf, fineO, fine.projections(), fineT, pairsOf, po, pt, w, sig, invSigma2, acc,
                childSlices, sharedKey);
        return finish(acc, new Result(pose, pmax, sig.length, logLikelihood, newNorm(img, residual, cc)));
    }

    /**
     * RELION's --norm update: the old correction (relative to the average) times the real-space stddev of the residual,
     * 2 x its power summed over the half transform; a CC iteration's residual is against a reference on no scale.
     */
    private double newNorm(Prepared img, double residual, boolean cc) {
        return m.normCorrection() && !cc ? img.norm() / m.averageNorm() * Math.sqrt(2 * residual) : img.norm();
    }

    /** Adds the particle's own sums (norm, likelihood, Pmax) to {@code acc}; returns {@code r}. */
    private static Result finish(HalfAccumulator acc, Result r) {
        acc.normSum += r.norm();
        acc.logLikelihood += r.logLikelihood();
        acc.pmaxSum += r.pmax();
        acc.particles++;
        return r;
    }

    /**
     * A flat posterior's second pass, or null where the posterior is not flat. The coarse samples kept by the first pass are
     * scored again on the current-size window, each coarse orientation standing for its children; where none of them then
     * holds more than {@link IterationModel#flatSpreadPmax} of the weight (data too noisy to align, the first likelihood
     * iterations) the posterior spans many coarse steps, its children's weights would vary little under each sample, and each
     * child sample gets an even share of its parent's weight, unscored. The particle is then added once per coarse
     * orientation (its slice splatted at every child, {@link SliceSums#parentKey}), and the noise and scale sums use the
     * coarse orientation's projection for its children: per particle 1/8 of the orientations (oversampling 1) and 1/32 of
     * the fine-pass scores. How close the half-set's sums stay to the scored children's: FlatSpreadTest.
     */
    private Result alignSpread(Prepared img, List<Orientation> coarseO, List<double[]> coarseT, int[] keep, double[] invSigma2,
                               HalfAccumulator acc, GlobalFineProjections shared, SliceSums slices) {
        FourierRegion rf = m.fine();
        int nt = coarseT.size();
        // the kept samples on the current-size window, their coarse orientations and translations numbered as first met (a
        // peaked posterior keeps a few: only their translations are shifted before it goes on to the scored children)
        List<Orientation> parents = new ArrayList<>();
        List<double[]> keptT = new ArrayList<>();
        int[] parentOf = new int[coarseO.size()], keptOf = new int[nt], key = new int[keep.length];
        java.util.Arrays.fill(parentOf, -1);
        java.util.Arrays.fill(keptOf, -1);
        float[][] projections = new float[keep.length][];
        int[] ko = new int[keep.length], kt = new int[keep.length], kk = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            int o = keep[i] / nt;
            if (parentOf[o] < 0) {
                parentOf[o] = parents.size();
                key[parents.size()] = SliceSums.parentKey(shared, o);
                projections[parents.size()] = shared.parentProjection(o);
                parents.add(coarseO.get(o));
            }
            ko[i] = parentOf[o];
            kt[i] = keep[i] % nt;
            if (keptOf[kt[i]] < 0) {
                keptOf[kt[i]] = keptT.size();
                keptT.add(coarseT.get(kt[i]));
            }
            kk[i] = keptOf[kt[i]];
        }
        projections = java.util.Arrays.copyOf(projections, parents.size());
        double[] kw = backend.scorePairs(scoringImage(img, rf, keptT, invSigma2, false), projections, ko, kk, false);
        for (int i = 0; i < keep.length; i++) kw[i] = -kw[i] + parents.get(ko[i]).logPrior() + logOffsetPrior(coarseT.get(kt[i]));
        double logLikelihood = logSumExp(kw) - logSigma2(rf, invSigma2);
        Significance.normalisedWeights(kw);
        int best = argmax(kw);
        if (kw[best] > m.flatSpreadPmax()) return null;
        // each kept sample's weight shared evenly among its oversampled translations here, and its orientation's children at the flush
        double tStep = m.sampling().offsetStep() / m.pixelSize();
        List<double[]> fineT = new ArrayList<>();
        int[][] childrenOfT = new int[nt][];
        int nPairs = 0;
        for (int i = 0; i < keep.length; i++) {
            if (childrenOfT[kt[i]] == null) childrenOfT[kt[i]] = append(TranslationGrid.oversampled(coarseT.get(kt[i]), tStep, m.oversampling()), fineT);
            nPairs += childrenOfT[kt[i]].length;
        }
        int[] po = new int[nPairs], pt = new int[nPairs], all = new int[nPairs];
        double[] w = new double[nPairs];
        for (int i = 0, pair = 0; i < keep.length; i++) {
            int[] ts = childrenOfT[kt[i]];
            for (int ti : ts) {
                po[pair] = ko[i];
                pt[pair] = ti;
                all[pair] = pair;
                w[pair++] = kw[i] / ts.length;
            }
        }
        double residual = accumulate(img, rf, parents, projections, fineT, pairsByOrientation(po, parents.size()), po, pt, w, all,
                invSigma2, acc, slices, key);
        // the spread posterior's pose (the best coarse sample) and Pmax (a child sample's share of the best weight)
        double[] bt = coarseT.get(kt[best]);
        org.cryoj.geometry.EulerAngles ba = parents.get(ko[best]).angles();
        int perSample = shared.perParent() * childrenOfT[kt[best]].length;
        return finish(acc, new Result(new Pose(ba.rot(), ba.tilt(), ba.psi(), bt[0], bt[1]), kw[best] / perSample,
                nPairs * shared.perParent(), logLikelihood, newNorm(img, residual, false)));
    }

    /** log sum exp(v), taken around the largest value. */
    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) max = Math.max(max, x);
        double sum = 0;
        for (double x : v) sum += Math.exp(x - max);
        return max + Math.log(sum);
    }

    /** Appends {@code items} to {@code all}; returns their indices there. */
    private static <T> int[] append(List<T> items, List<T> all) {
        int[] ids = new int[items.size()];
        for (int c = 0; c < ids.length; c++) {
            ids[c] = all.size();
            all.add(items.get(c));
        }
        return ids;
    }

    /**
     * Pair indices of each fine orientation (counting sort of po), so that each orientation's
     * projection is made once and dropped after use.
     */
    private static int[][] pairsByOrientation(int[] po, int orientations) {
        int[] count = new int[orientations];
        for (int o : po) count[o]++;
        int[][] out = new int[orientations][];
        for (int o = 0; o < orientations; o++) out[o] = new int[count[o]];
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < po.length; i++) out[po[i]][count[po[i]]++] = i;
        return out;
    }

    /**
     * Scores of the fine pairs, projecting the fine orientations a block at a time: with flat
     * posteriors a particle can reach every fine orientation of a global search (73,728 at HEALPix
     * order 4 with D2), too many to hold at once.
     */
    private FineScores scoreFine(ScoringImage sf, FourierRegion rf, List<Orientation> fineO, int[][] pairsOf, int[] po, int[] pt,
                                 boolean cc) {
        // a device projects the fine orientations itself; the M-step then makes the few significant ones again
        if (backend.projects()) return new FineScores(backend.scorePairs(sf, slices(fineO, m.fineProjector(), rf), po, pt, cc), null);
        double[] d2 = new double[po.length];
        int block = (int) Math.min(Integer.MAX_VALUE, Math.max(1, fineBlockBytes / (8L * rf.size())));
        float[][] projections = null;
        for (int first = 0; first < fineO.size(); first += block) {
            int last = Math.min(fineO.size(), first + block), n = 0;
            for (int o = first; o < last; o++) n += pairsOf[o].length;
            int[] lo = new int[n], lt = new int[n], at = new int[n];
            n = 0;
            for (int o = first; o < last; o++)
                for (int i : pairsOf[o]) { lo[n] = o - first; lt[n] = pt[i]; at[n++] = i; }
            projections = project(fineO.subList(first, last), m.fineProjector(), rf, fineBuffers.take(last - first, 2 * rf.size()));
            double[] part = backend.scorePairs(sf, projections, lo, lt, cc);
            for (int k = 0; k < n; k++) d2[at[k]] = part[k];
        }
        return new FineScores(d2, fineO.size() <= block ? projections : null);
    }

    /** Scores of the fine pairs against the iteration's shared projections ({@code key}: parent x children + child per fine orientation). */
    private FineScores scoreShared(ScoringImage sf, GlobalFineProjections shared, int[] key, int orientations, int[] po, int[] pt,
                                   boolean cc) {
        float[][] projections = new float[orientations][];
        for (int o = 0; o < orientations; o++) projections[o] = shared.projection(key[o] / shared.perParent(), key[o] % shared.perParent());
        return new FineScores(backend.scorePairs(sf, projections, po, pt, cc), projections);
    }

    /** The fine pass's scores per pair, and its projections when one block held them all (else null: made again as needed). */
    private record FineScores(double[] d2, float[][] projections) {}

    /**
     * M-step sums of one particle: backprojection per orientation of its translation-weighted
     * image, noise, offsets, intensity-scale sums; returns its weighted residual power (for --norm).
     * Orientation by orientation, so only one weighted image is held at a time; projections come from
     * {@code fineP} when the fine pass kept them, else each significant orientation is projected again.
     */
    private double accumulate(Prepared img, FourierRegion rf, List<Orientation> fineO, float[][] fineP, List<double[]> fineT,
                              int[][] pairsOf, int[] po, int[] pt, double[] w, int[] sig, double[] invSigma2, HalfAccumulator acc,
                              SliceSums slices, int[] sharedKey) {
        int n = m.box(), hx = n / 2 + 1, k = rf.size();
        float[] ctfW = rf.gatherReal(img.ctf());
        float[] xMasked = rf.gather(img.masked());
        float[] xRaw = rf.gather(img.unmasked());
        double sigTotal = 0;
        for (int i : sig) sigTotal += w[i];
        // the significant samples grouped by orientation
        boolean[] significant = new boolean[po.length];
        for (int i : sig) significant[i] = true;
        int[] bySample = new int[sig.length];
        int filled = 0;
        for (int[] pairs : pairsOf)
            for (int i : pairs) if (significant[i]) bySample[filled++] = i;
        double[] noise = acc.noisePower[img.group()];
        if (pixels == null || pixels.size() != k) pixels = PixelSums.of(k);
        pixels.start(xMasked, xRaw, ctfW, invSigma2, rf);
        double[][] phases = new double[fineT.size()][];
        int phasesMade = 0;
        // without shared slice sums, the particle's slices are splatted a group at a time (nearby orientations: cache-friendly)
        int groupSize = slices == null ? Math.min(SLICE_GROUP, bySample.length) : 0, grouped = 0;
        float[][] groupData = this.groupData.take(groupSize, 2 * k), groupWeight = this.groupWeight.take(groupSize, k);
        double[][][] groupRotation = new double[groupSize][][];
        if (fineP == null && projection.length != 2 * k) projection = new float[2 * k];
        for (int start = 0; start < bySample.length; ) {
            int o = po[bySample[start]], end = start;
            while (end < bySample.length && po[bySample[end]] == o) end++;
            Orientation orientation = fineO.get(o);
            double[][] matrix = orientation.matrix();
            float[] p = fineP != null ? fineP[o] : projection;
            if (fineP == null) rf.project(m.fineProjector(), new double[][][] {matrix}, new float[][] {p});
            double[] phaseSum = pixels.clearedPhaseSum();
            double wo = 0;
            for (int s = start; s < end; s++) {
                int i = bySample[s];
                double wi = w[i] / sigTotal;
                double[] t = fineT.get(pt[i]);
                if (phases[pt[i]] == null) rf.shiftPhasesPlanar(t[0], t[1], phases[pt[i]] = pixels.phases(phasesMade++));
                wo += wi;
                double ox = t[0] * m.pixelSize(), oy = t[1] * m.pixelSize();
                acc.offsetPower += wi * (ox * ox + oy * oy);
            }
            addPhaseSums(phaseSum, phases, bySample, start, end, pt, w, sigTotal);
            float[] data, weight;
            if (slices != null) {
                data = slices.data(sharedKey[o]);
                weight = slices.weight(sharedKey[o]);
            } else {
                data = groupData[grouped];
                weight = groupWeight[grouped];
                java.util.Arrays.fill(data, 0);
                java.util.Arrays.fill(weight, 0);
            }
            pixels.addOrientation(p, wo, data, weight);
            if (slices == null) {
                groupRotation[grouped++] = matrix;
                if (grouped == groupSize) {
                    acc.backProjector.backprojectSlices(rf.kx(), rf.ky(), groupData, groupWeight, groupRotation, grouped);
                    grouped = 0;
                }
            }
            start = end;
        }
        if (grouped > 0) acc.backProjector.backprojectSlices(rf.kx(), rf.ky(), groupData, groupWeight, groupRotation, grouped);
        PixelSums.Totals totals = pixels.finish(rf, noise);
        double residual = totals.residual(), xa = totals.xa(), aa = totals.aa();
        // beyond the current size the model is zero: the whole image power is noise there (RELION does the same)
        float[] full = img.masked();
        for (int i = 0; i < n; i++) {
            int ky = i <= n / 2 ? i : i - n;
            for (int kx = 0; kx < hx; kx++) {
                int r2 = kx * kx + ky * ky;
                if (r2 <= rf.radius() * rf.radius()) continue;
                int s = (int) Math.round(Math.sqrt(r2));
                if (s >= noise.length) continue;
                int p = kx + hx * i;
                double power = (double) full[2 * p] * full[2 * p] + (double) full[2 * p + 1] * full[2 * p + 1];
                noise[s] += power;
                residual += power;
            }
        }
        // sums on the scale of the CTF without the group's current scale, which the CTF here carries
        double scale = m.groupScale()[img.group()];
        acc.scaleXA[img.group()] += xa / scale;
        acc.scaleAA[img.group()] += aa / (scale * scale);
        acc.groupWeight[img.group()] += 1;
        acc.weightSum += 1;
        return residual;
    }

    /**
     * phaseSum += sum of (w_i / total) e_t(i) over samples bySample[start, end): four samples per pass
     * over phaseSum, so that the loop (with flat posteriors the E-step's busiest) loads and stores
     * the sum a quarter as often; doubles throughout, so that it vectorises.
     */
    private static void addPhaseSums(double[] phaseSum, double[][] phases, int[] bySample, int start, int end, int[] pt, double[] w,
                                     double total) {
        int n = phaseSum.length, s = start;
        for (; s + 3 < end; s += 4) {
            int i0 = bySample[s], i1 = bySample[s + 1], i2 = bySample[s + 2], i3 = bySample[s + 3];
            double w0 = w[i0] / total, w1 = w[i1] / total, w2 = w[i2] / total, w3 = w[i3] / total;
            double[] p0 = phases[pt[i0]], p1 = phases[pt[i1]], p2 = phases[pt[i2]], p3 = phases[pt[i3]];
            for (int j = 0; j < n; j++) phaseSum[j] += w0 * p0[j] + w1 * p1[j] + w2 * p2[j] + w3 * p3[j];
        }
        for (; s < end; s++) {
            int i = bySample[s];
            double wi = w[i] / total;
            double[] p = phases[pt[i]];
            for (int j = 0; j < n; j++) phaseSum[j] += wi * p[j];
        }
    }

    /**
     * The significant coarse samples of a global search found through its scout grid: the scouts on
     * their window, then only the orientations under the scout cells holding {@link ScoutGrid#FRACTION}
     * of the scout posterior (and under the {@link ScoutGrid#MIN_CELLS} best scouts); the others have no
     * weight. Indices (orientation x translations + translation) in increasing order, as the exhaustive
     * search gives them.
     */
    private int[] significantUnderScouts(Prepared img, List<double[]> coarseT, double[] invSigma2, ScoringImage sc, double[] offsetPrior) {
        ScoutGrid scout = m.scout();
        ScoutGrid.Cells cells = scout.cells();
        int nt = coarseT.size(), ns = cells.scouts().size();
        double[] s = new double[ns * nt];
        backend.scoreAll(List.of(scoringImage(img, scout.window(), coarseT, invSigma2, false)), scout.projections(), false,
                new double[][] {s});
        boolean[] expand = rowsToExpand(s, cells.scouts(), nt, offsetPrior, ScoutGrid.FRACTION, ScoutGrid.MIN_CELLS);
        float[][] all = m.globalProjections();
        boolean[] chosen = new boolean[all.length];
        int n = 0;
        for (int o = 0; o < expand.length; o++)
            if (expand[o]) for (int g : cells.members()[o]) if (!chosen[g]) { chosen[g] = true; n++; }
        int[] sub = new int[n];
        for (int g = 0, k = 0; g < chosen.length; g++) if (chosen[g]) sub[k++] = g;
        // on the CPU the chosen rows of the global set, already made; a device projects them itself
        return significantAmong(sc, m.globalOrientations(), sub, nt, offsetPrior, backend.projects() ? null : all);
    }

    /** The smallest coarse size whose local search scores a half-size window first: below it the saving is small. */
    static final int LOCAL_SCOUT_MIN_SIZE = 48;
    /**
     * The smallest window of a local search's scout ladder: the half-size window is halved again while the half
     * keeps this many pixels. At box 256 (coarse size 238: windows 59 and 119) the quarter-size window, keeping its 32
     * best orientations, leaves the half-size window the candidates it would have chosen from all: 1,998 of 2,000
     * poses the same after a local iteration, whose E-step took 38.7 s instead of 50.3 s.
     */
    static final int LOCAL_SCOUT_MIN_WINDOW = 32;
    /**
     * The share of each scout window's posterior whose orientations are scored on the next window: the samples it
     * can miss carry at most about 1e-4 of the weight. The global scout grid keeps 99.999% ({@link ScoutGrid#FRACTION}),
     * at 99.99% its Pmax drifts past ScoutGridTest's 0.1%; here 99.99% keeps that test's poses and Pmax, 99.9% loses a
     * best pose there (1 particle of 12). The 4,000-particle set's first order-6 iteration (continued from the same
     * files): 91 instead of 110 of each particle's 184 orientations scored on the whole window, E-step 21.0 s against
     * 23.6 s, every particle's pose the same (at 99.9%: 69 orientations, 3 of 4,000 poses differ).
     */
    static final double LOCAL_SCOUT_FRACTION = 0.9999;

    /** A local search's scout window sizes, smallest first: {@code largest}, halved while the half keeps {@link #LOCAL_SCOUT_MIN_WINDOW}. */
    static List<Integer> localScoutSizes(int largest) {
        List<Integer> sizes = new ArrayList<>();
        for (int size = largest; sizes.isEmpty() || size >= LOCAL_SCOUT_MIN_WINDOW; size /= 2) sizes.add(0, size);
        return sizes;
    }

    /**
     * The significant coarse samples of a local search found through its scout windows (smallest first, the
     * largest half the coarse size): every sample on the first, then on each next window only the orientations
     * holding {@link #LOCAL_SCOUT_FRACTION} of the previous window's posterior (and the {@link ScoutGrid#MIN_CELLS}
     * best, four times as many per halving below the largest), and on the whole coarse window those the last one
     * keeps; the others have no weight. The low shells decide where the mass can be; the higher ones, among those,
     * where it is. Indices in increasing order, as the exhaustive search gives them.
     */
    private int[] significantAfterLocalScout(Prepared img, List<Orientation> coarseO, List<double[]> coarseT, double[] invSigma2,
                                             ScoringImage sc, double[] offsetPrior) {
        int nt = coarseT.size();
        int[] rows = new int[coarseO.size()];
        for (int o = 0; o < rows.length; o++) rows[o] = o;
        List<FourierRegion> windows = m.localScout();
        for (int level = 0; level < windows.size(); level++) {
            FourierRegion window = windows.get(level);
            // a window with a quarter of the next one's pixels keeps four times as many best orientations: at box 256 a quarter-size
            // window's 8 best missed the half-size window's best for 6% of the particles (worse poses), its 32 best for 0.1%
            int minRows = ScoutGrid.MIN_CELLS << (2 * (windows.size() - 1 - level));
            List<Orientation> candidates = new ArrayList<>(rows.length);
            for (int o : rows) candidates.add(coarseO.get(o));
            double[] s = new double[rows.length * nt];
            scoreAll(scoringImage(img, window, coarseT, invSigma2, false), candidates, window, false, s);
            boolean[] chosen = rowsToExpand(s, candidates, nt, offsetPrior, LOCAL_SCOUT_FRACTION, minRows);
            int n = 0;
            for (int k = 0; k < rows.length; k++) if (chosen[k]) rows[n++] = rows[k];
            rows = java.util.Arrays.copyOf(rows, n);
        }
        int[] keep = significantAmong(sc, coarseO, rows, nt, offsetPrior, null);
        java.util.Arrays.sort(keep);
        return keep;
    }

    /**
     * A scout pass's diff2 scores (rows x nt, row o an orientation of {@code rows}) turned into log-posteriors
     * in place; returns the rows to score on the whole window: those holding {@code fraction} of that
     * posterior and those among the {@code minRows} best by their best sample.
     */
    private static boolean[] rowsToExpand(double[] s, List<Orientation> rows, int nt, double[] offsetPrior, double fraction, int minRows) {
        int no = rows.size();
        double[] best = new double[no];
        for (int o = 0; o < no; o++) {
            best[o] = Double.NEGATIVE_INFINITY;
            double prior = rows.get(o).logPrior();
            for (int t = 0; t < nt; t++) {
                s[o * nt + t] = -s[o * nt + t] + prior + offsetPrior[t];
                best[o] = Math.max(best[o], s[o * nt + t]);
            }
        }
        boolean[] expand = new boolean[no];
        for (int i : Significance.significant(Significance.normalisedWeights(s), fraction)) expand[i / nt] = true;
        double[] sortedBest = best.clone();
        java.util.Arrays.sort(sortedBest);
        double floor = sortedBest[Math.max(0, no - minRows)];
        for (int o = 0; o < no; o++) if (best[o] >= floor) expand[o] = true;
        return expand;
    }

    /**
     * The significant samples among orientations {@code sub} (increasing indices into {@code orientations})
     * scored on the whole coarse window, as indices o nt + t of the whole set; the others have no weight.
     * {@code rows}: the coarse-window projections of all {@code orientations} where already made, else null.
     */
    private int[] significantAmong(ScoringImage sc, List<Orientation> orientations, int[] sub, int nt, double[] offsetPrior, float[][] rows) {
        int n = sub.length;
        double[] logP = new double[n * nt];
        if (rows != null) {
            float[][] chosen = new float[n][];
            for (int k = 0; k < n; k++) chosen[k] = rows[sub[k]];
            backend.scoreAll(List.of(sc), chosen, false, new double[][] {logP});
        } else {
            List<Orientation> chosen = new ArrayList<>(n);
            for (int o : sub) chosen.add(orientations.get(o));
            scoreAll(sc, chosen, m.coarse(), false, logP);
        }
        for (int k = 0; k < n; k++)
            for (int t = 0; t < nt; t++) logP[k * nt + t] = -logP[k * nt + t] + orientations.get(sub[k]).logPrior() + offsetPrior[t];
        int[] keep = Significance.significant(Significance.normalisedWeights(logP), m.adaptiveFraction());
        for (int i = 0; i < keep.length; i++) keep[i] = sub[keep[i] / nt] * nt + keep[i] % nt;
        return keep;
    }

    /**
     * Scores (diff2, or -CC with {@code cc}) of {@code orientations} (coarse projector) on window {@code r} at every
     * translation of {@code image}, into {@code out}; projected by a device backend, else here into this thread's arrays.
     */
    private void scoreAll(ScoringImage image, List<Orientation> orientations, FourierRegion r, boolean cc, double[] out) {
        if (backend.projects()) backend.scoreAll(List.of(image), slices(orientations, m.coarseProjector(), r), cc, new double[][] {out});
        else {
            int length = 2 * r.size();
            float[][] into = windowBuffers.computeIfAbsent(length, l -> new Buffers()).take(orientations.size(), length);
            backend.scoreAll(List.of(image), project(orientations, m.coarseProjector(), r, into), cc, new double[][] {out});
        }
    }

    /** This thread's coarse-pass array, exactly {@code length} long (a global search needs the same length for every particle). */
    private double[] coarseBuffer(int length) {
        if (coarseScores.length != length) coarseScores = new double[length];
        return coarseScores;
    }

    private ScoringImage scoringImage(Prepared img, FourierRegion r, List<double[]> translations, double[] invSigma2, boolean cc) {
        int k = r.size();
        float[] x = r.gather(img.masked());
        float[] c = r.gatherReal(img.ctf());
        float[] wc = new float[2 * k], ctf2w = new float[k];
        double constant = 0;
        for (int j = 0; j < k; j++) {
            int s = r.shell(j);
            // the origin carries no orientation information; RELION leaves it out of diff2 too
            double w = s == 0 ? 0 : cc ? 1 : invSigma2[s];
            wc[2 * j] = (float) (w * c[j] * x[2 * j]);
            wc[2 * j + 1] = (float) (w * c[j] * x[2 * j + 1]);
            ctf2w[j] = (float) ((cc ? 1 : 0.5) * w * c[j] * c[j]);
            constant += (cc ? 1 : 0.5) * w * ((double) x[2 * j] * x[2 * j] + (double) x[2 * j + 1] * x[2 * j + 1]);
        }
        float[][] shifted = new float[translations.size()][];
        for (int t = 0; t < shifted.length; t++)
            shifted[t] = r.shifted(wc, translations.get(t)[0], translations.get(t)[1]);
        return new ScoringImage(shifted, ctf2w, constant);
    }

    /** Orientations projected together: neighbours in a list (a local search, a parent's children) read the same voxels. */
    private static final int PROJECTION_GROUP = 64;

    static float[][] project(List<Orientation> orientations, org.cryoj.reconstruct.Projector projector, FourierRegion r) {
        float[][] out = new float[orientations.size()][2 * r.size()];
        return project(orientations, projector, r, out);
    }

    /** The projections of {@code orientations} from {@code projector} on window {@code r}, described for a backend that makes them. */
    private static CentralSlices slices(List<Orientation> orientations, org.cryoj.reconstruct.Projector projector, FourierRegion r) {
        double[][][] rotations = new double[orientations.size()][][];
        for (int i = 0; i < rotations.length; i++) rotations[i] = orientations.get(i).matrix();
        return new CentralSlices(projector, rotations, r.kx(), r.ky());
    }

    /** As {@link #project(List, org.cryoj.reconstruct.Projector, FourierRegion)} into the caller's arrays (one per orientation); returns them. */
    static float[][] project(List<Orientation> orientations, org.cryoj.reconstruct.Projector projector, FourierRegion r, float[][] out) {
        for (int first = 0; first < out.length; first += PROJECTION_GROUP) {
            int last = Math.min(out.length, first + PROJECTION_GROUP);
            double[][][] rotations = new double[last - first][][];
            for (int i = first; i < last; i++) rotations[i - first] = orientations.get(i).matrix();
            r.project(projector, rotations, java.util.Arrays.copyOfRange(out, first, last));
        }
        return out;
    }

    /**
     * One thread's projection arrays, reused particle after particle: a local search projects a few
     * hundred orientations per particle (~6 MB at box 96), which, allocated afresh, ran the young
     * generation out every few particles.
     */
    private static final class Buffers {
        private float[][] arrays = new float[0][];

        /**
         * n arrays of {@code length} floats, valid until the next call (contents undefined). The outer
         * array is new each time: a device backend keys projection sets by it (see {@link ExpectationBackend}).
         */
        float[][] take(int n, int length) {
            if (arrays.length > 0 && arrays[0].length != length) arrays = new float[0][];
            if (arrays.length < n) {
                int had = arrays.length;
                arrays = java.util.Arrays.copyOf(arrays, Math.max(n, 2 * had));
                for (int i = had; i < arrays.length; i++) arrays[i] = new float[length];
            }
            return java.util.Arrays.copyOf(arrays, n);
        }
    }

    private double logOffsetPrior(double[] t) {
        double x = t[0] * m.pixelSize(), y = t[1] * m.pixelSize(), s = m.sigmaOffset();
        return -(x * x + y * y) / (2 * s * s);
    }

    private static double logSigma2(FourierRegion r, double[] invSigma2) {
        double s = 0;
        for (int j = 0; j < r.size(); j++) if (r.shell(j) > 0) s += Math.log(2 * Math.PI / invSigma2[r.shell(j)]);
        return s;
    }

    private static List<double[]> absolute(List<double[]> relative, Pose prior, double shift) {
        List<double[]> out = new ArrayList<>(relative.size());
        for (double[] d : relative) out.add(new double[] {prior.originX() + d[0] + shift, prior.originY() + d[1] + shift});
        return out;
    }

    private static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
        return b;
    }
}
