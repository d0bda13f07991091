package org.cryoj.refine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.ctf.Ctf;
import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierFilters;
import org.cryoj.fourier.Fsc;
import org.cryoj.fourier.FscCurve;
import org.cryoj.geometry.AngularDistance;
import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.reconstruct.Projector;

/**
 * relion_refine --auto_refine --split_random_halves: iterations of E-step (both half-sets, each
 * against its own reference) and M-step (per half: regularised reconstruction, noise, solvent
 * flattening), with RELION's auto-sampling, until convergence and a final iteration that joins
 * the halves. Every iteration's state is written and read back before the next one starts, so
 * --continue from any iteration continues exactly as the uninterrupted run.
 */
public final class Refiner {
    /** What a finished (or stopped) run produced: iterations done, whether it converged, the resolution in Å, the final map or null. */
    public record Outcome(int iterations, boolean converged, double resolution, Path finalMap) {}

    private final RefineSettings s;
    private final RefineListener listener;
    private final ExpectationRunner runner;
    private final SymmetryGroup symmetry;
    private final StringBuilder log = new StringBuilder();
    private ParticleSet set;
    private ParticleImages images;
    private FloatVolume solventMask;
    private ParticleStacks stacks;

    /** The E-step on --j threads of this JVM, scored on {@code backend} (which the caller closes). */
    public Refiner(RefineSettings settings, RefineListener listener, ExpectationBackend backend) {
        this(settings, listener, new LocalExpectation(backend, settings.threads()));
    }

    /** The E-step wherever {@code runner} runs it (e.g. a Spark cluster); the rest, the M-step included, here. */
    public Refiner(RefineSettings settings, RefineListener listener, ExpectationRunner runner) {
        this.s = settings;
        this.listener = listener;
        this.runner = runner;
        this.symmetry = SymmetryGroup.parse(settings.symmetry());
    }

    /** Runs from scratch, or from {@code continueFrom} (a run_itNNN_optimiser.star) when not null. */
    public Outcome run(Path continueFrom) throws IOException {
        set = ParticleSet.read(s.input(), s.ctf(), s.randomSeed(), s.projectDir());
        Path out = s.file(".out");
        if (continueFrom == null) {
            AtomicOutput.checkWritable(s.file("_it000_optimiser.star"), s.overwrite());
            if (s.outputRoot().toAbsolutePath().getParent() != null) Files.createDirectories(s.outputRoot().toAbsolutePath().getParent());
        } else if (Files.exists(out)) {
            log.append(Files.readString(out, StandardCharsets.UTF_8));
        }
        if (s.solventMask() != null) {
            solventMask = MrcFile.read(s.solventMask());
            if (solventMask.nx() != set.box() || !solventMask.isCube())
                throw new IllegalArgumentException("--solvent_mask must be a " + set.box() + "^3 map like the particles, was "
                        + solventMask.nx() + "x" + solventMask.ny() + "x" + solventMask.nz());
        }
        say(" Expectation backend: " + runner.name());
        say(String.format(" Particles: %d (half 1: %d, half 2: %d), box %d, %.4f A/px, %d group(s)", set.size(), set.half(1).length,
                set.half(2).length, set.box(), set.pixelSize(), set.groupCount()));
        try (ParticleImages imgs = new ParticleImages(set, s.prereadImages())) {
            images = imgs;
            RefineState st;
            if (continueFrom == null) {
                // read back as every later iteration is, so that --continue from iteration 0 does the same arithmetic
                st = RefineFiles.read(RefineFiles.writeIteration(s, set, initial()), set);
                writeLog(out);
            } else {
                st = RefineFiles.read(continueFrom, set);
                say(" Continuing after iteration " + st.iteration() + " from " + continueFrom);
            }
            while (true) {
                if (listener.isCancelled()) return stopped(st, "cancelled");
                int k = st.iteration() + 1;
                AutoSampling auto = st.auto();
                // RELION's order: the convergence check's lines (the state after iteration k - 1), then the E-step
                // estimates the accuracy and updates the sampling, also before the final iteration
                String lines = auto.convergenceLines(k);
                say(lines.stripTrailing());
                boolean last = auto.hasConverged();
                Projector[] projectors = null;
                if (k > 1) {
                    // on the references of iteration k - 1 at this iteration's image size: the final iteration's full-size
                    // images sharpen the estimate, which can make the sampling one order finer for it
                    Accuracy accuracy = accuracy(st, last ? set.box() : st.currentSize());
                    auto = auto.withAccuracy(accuracy.rotations(), accuracy.translations()).updateAngularSampling(s);
                    projectors = accuracy.projectors();
                }
                String sampling = auto.samplingLines(s.oversampling(), k > 1);
                say(sampling.stripTrailing());
                RefineState next;
                try {
                    next = iterate(st.withAuto(auto), st.auto().sampling(), k, last, projectors, out);
                } catch (CancellationException e) {
                    return stopped(st, "cancelled");
                }
                if (last) {
                    listener.iterationFinished(k, lines + sampling + String.format(" Auto-refine: + Final resolution (without masking) is: %s%n",
                            AutoSampling.num(1 / next.auto().currentResolution())));
                    return new Outcome(k, true, 1 / next.auto().currentResolution(), s.file("_class001.mrc"));
                }
                Path optimiser = RefineFiles.writeIteration(s, set, next);
                writeLog(out);
                listener.iterationFinished(k, lines + sampling);
                st = RefineFiles.read(optimiser, set);
                if (k >= s.maxIterations()) return stopped(st, "--max_iter " + s.maxIterations() + " reached");
            }
        } finally {
            images = null;
        }
    }

    private Outcome stopped(RefineState st, String why) throws IOException {
        say(" Stopped after iteration " + st.iteration() + " (" + why + "); continue with --continue "
                + s.file(RefineFiles.it(st.iteration()) + "_optimiser.star"));
        writeLog(s.file(".out"));
        return new Outcome(st.iteration(), false, 1 / st.auto().currentResolution(), null);
    }

    /** Iteration 0: both halves start from the low-passed reference; noise from the images' power spectra. */
    private RefineState initial() throws IOException {
        FloatVolume ref = MrcFile.read(s.reference());
        int box = set.box();
        String rescale = String.format(java.util.Locale.ROOT, "cryoj image_handler --i %s --angpix %.4f --rescale_angpix %.4f --new_box %d --o ref_box%d.mrc",
                s.reference(), ref.pixelSize(), set.pixelSize(), box, box);
        if (!ref.isCube() || ref.nx() != box)
            throw new IllegalArgumentException("--ref must be a " + box + "^3 map like the particles, was " + ref.nx() + "x" + ref.ny() + "x" + ref.nz()
                    + "; rescale and re-box it first: " + rescale);
        if (Math.abs(ref.pixelSize() - set.pixelSize()) > 0.01 * set.pixelSize())
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--ref has %.4f A/px, the particles %.4f A/px; rescale it first: %s",
                    ref.pixelSize(), set.pixelSize(), rescale));
        for (int i = 0; i < ref.data().length; i++)
            if (!Float.isFinite(ref.data()[i]))
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--ref %s has a non-finite value (%s) at voxel (%d, %d, %d)",
                        s.reference(), ref.data()[i], i % box, (i / box) % box, i / (box * box)));
        ref = FourierFilters.lowPass(ref.withPixelSize(set.pixelSize()), s.iniHigh(), set.pixelSize(), FourierFilters.DEFAULT_EDGE_WIDTH);
        double[][] sigma2 = initialNoise();
        SamplingState sampling = new SamplingState(s.healpixOrder(), s.offsetRange() * set.pixelSize(), s.offsetStep() * set.pixelSize(), false, 0);
        // RELION starts from the resolution of the shell nearest to ini_high
        int shell = (int) Math.round(box * set.pixelSize() / s.iniHigh());
        AutoSampling auto = AutoSampling.initial(sampling, box * set.pixelSize() / shell);
        int currentSize = Maximisation.nextImageSize(shell, box, 0, false, Maximisation.INCREMENT_SIZE);
        int n = set.size();
        Pose[] poses = new Pose[n];
        double[] norm = new double[n];
        var t = set.table();
        for (int i = 0; i < n; i++) {
            int r = set.particles().get(i).row();
            poses[i] = new Pose(opt(t, r, "rlnAngleRot"), opt(t, r, "rlnAngleTilt"), opt(t, r, "rlnAnglePsi"),
                    opt(t, r, "rlnOriginXAngst") / set.pixelSize(), opt(t, r, "rlnOriginYAngst") / set.pixelSize());
            // an earlier refinement's norm corrections carry over, as in RELION
            norm[i] = s.normCorrection() && t.hasColumn("rlnNormCorrection") ? t.getDouble(r, "rlnNormCorrection") : 1;
            if (!(norm[i] > 0) || !Double.isFinite(norm[i]))
                throw new org.cryoj.io.InputFormatException(s.input(), t.line(r), "rlnNormCorrection", "must be positive, was " + norm[i]);
        }
        HalfSet.Spectra empty = HalfSet.Spectra.empty(box / 2 + 1);
        double[] ones = new double[set.groupCount()];
        java.util.Arrays.fill(ones, 1);
        HalfSet h1 = new HalfSet(1, set.half(1), ref, sigma2, DEFAULT_SIGMA_OFFSET, empty, 0, 0, mean(norm, set.half(1)), ones);
        HalfSet h2 = new HalfSet(2, set.half(2), ref, copy(sigma2), DEFAULT_SIGMA_OFFSET, empty, 0, 0, mean(norm, set.half(2)), ones.clone());
        return new RefineState(0, auto, currentSize, poses, new double[n], new int[n], new double[n], norm, h1, h2,
                Maximisation.INCREMENT_SIZE, false);
    }

    /** RELION's --offset default: the prior stddev of the origins starts at 10 Å. */
    static final double DEFAULT_SIGMA_OFFSET = 10;

    private static double mean(double[] v, int[] members) {
        double sum = 0;
        for (int i : members) sum += v[i];
        return members.length > 0 ? sum / members.length : 1;
    }

    private static double opt(org.cryoj.io.star.StarTable t, int r, String label) {
        return t.hasColumn(label) ? t.getDouble(r, label) : 0;
    }

    /** Half the mean power per shell of the masked images minus that of their average (RELION's initial sigma2_noise). */
    private double[][] initialNoise() throws IOException {
        int box = set.box(), shells = box / 2 + 1, hx = box / 2 + 1;
        float[] mask = Maximisation.particleMask(box, s.particleDiameter(), set.pixelSize());
        double[][] power = new double[set.groupCount()][shells];
        double[][] meanRe = new double[set.groupCount()][hx * box], meanIm = new double[set.groupCount()][hx * box];
        int[] count = new int[set.groupCount()];
        int[] npix = Maximisation.pixelsPerShell(box);
        for (int i = 0; i < set.size(); i++) {
            float[] px = images.read(i);
            for (int k = 0; k < px.length; k++) px[k] *= mask[k];
            float[] f = Fft.forward(new FloatVolume(box, box, 1, px, set.pixelSize())).data();
            int g = set.particles().get(i).group();
            count[g]++;
            for (int y = 0; y < box; y++) {
                int ky = y <= box / 2 ? y : y - box;
                for (int kx = 0; kx < hx; kx++) {
                    int sh = (int) Math.round(Math.sqrt(kx * kx + ky * ky));
                    int p = kx + hx * y;
                    meanRe[g][p] += f[2 * p];
                    meanIm[g][p] += f[2 * p + 1];
                    if (sh < shells) power[g][sh] += (double) f[2 * p] * f[2 * p] + (double) f[2 * p + 1] * f[2 * p + 1];
                }
            }
        }
        double[][] sigma2 = new double[set.groupCount()][shells];
        for (int g = 0; g < sigma2.length; g++) {
            double[] avgPower = new double[shells];
            for (int y = 0; y < box; y++) {
                int ky = y <= box / 2 ? y : y - box;
                for (int kx = 0; kx < hx; kx++) {
                    int sh = (int) Math.round(Math.sqrt(kx * kx + ky * ky)), p = kx + hx * y;
                    if (sh < shells) avgPower[sh] += (meanRe[g][p] * meanRe[g][p] + meanIm[g][p] * meanIm[g][p]) / ((double) count[g] * count[g]);
                }
            }
            for (int sh = 0; sh < shells; sh++) {
                double v = (power[g][sh] / count[g] - avgPower[sh]) / (2 * npix[sh]);
                sigma2[g][sh] = v > 0 ? v : power[g][sh] / count[g] / (2 * npix[sh]);
            }
        }
        return floorNoise(sigma2);
    }

    /** Keeps every shell's sigma2 positive so 1/sigma² stays finite. */
    private static double[][] floorNoise(double[][] sigma2) {
        for (double[] row : sigma2) {
            double max = 0;
            for (double v : row) max = Math.max(max, v);
            for (int i = 0; i < row.length; i++) if (!(row[i] > 1e-12 * max)) row[i] = Math.max(1e-12 * max, Double.MIN_NORMAL);
        }
        return sigma2;
    }

    /**
     * One iteration: E-step on both halves, M-step; the last one joins the halves and writes the final files.
     * {@code previous} is the sampling before this iteration's update: as in RELION, the coarse image size
     * is set from it, before the sampling is made finer.
     */
    private RefineState iterate(RefineState st, SamplingState previous, int k, boolean last, Projector[] projectors, Path out)
            throws IOException {
        int box = set.box(), shells = box / 2 + 1, n = set.size();
        double px = set.pixelSize();
        boolean cc = k == 1 && s.firstIterationCc();
        int currentSize = last ? box : st.currentSize();
        SamplingState sampling = st.auto().sampling();
        OrientationSampling orientations = new OrientationSampling(sampling.healpixOrder(), symmetry, s.oversampling(),
                OrientationSampling.randomPerturbation(s.perturb(), s.randomSeed(), k));
        int coarseSize = Maximisation.coarseImageSize(previous.angularStep(0), s.particleDiameter(), px, box, currentSize);
        // global searches at order 3 and up score a grid one order coarser first, on the window its step warrants (ScoutGrid);
        // local searches on a coarse window of at least LOCAL_SCOUT_MIN_SIZE score every sample on a ladder of smaller windows first
        boolean local = sampling.localSearches();
        boolean scouted = !cc && !s.exhaustiveSearch()
                && (local ? coarseSize >= ParticleExpectation.LOCAL_SCOUT_MIN_SIZE : orientations.order() >= ScoutGrid.MIN_ORDER);
        int scoutSize = !scouted ? 0 : local ? coarseSize / 2
                : Maximisation.coarseImageSize(2 * orientations.coarseStep(), s.particleDiameter(), px, box, coarseSize);
        say(String.format(" Iteration %d: current size %d, coarse size %d, %s search, %d coarse orientations%s%s", k, currentSize, coarseSize,
                local ? "local" : "global", orientations.globalSize(), cc ? ", cross-correlation" : "",
                !scouted ? "" : local ? ", scouted at size " + ParticleExpectation.localScoutSizes(scoutSize).stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", "))
                        : String.format(", scouted at HEALPix order %d, size %d", orientations.order() - 1, scoutSize)));
        Pose[] poses = st.poses().clone();
        double[] pmax = st.pmax().clone(), dll = st.logLikelihood().clone(), norm = st.norm().clone();
        int[] nsig = st.significant().clone();
        listener.iterationStarted(k, n);
        long t0 = System.nanoTime();
        ExpectationPlan plan = new ExpectationPlan(s, k, box, px, set.groupCount(), coarseSize, currentSize, scoutSize, sampling,
                orientations.perturbation(), cc, st.half1(), st.half2(), st.poses(), st.norm(), runner.slots());
        if (projectors != null && runner.modelsInThisJvm()) {
            // the accuracy estimate's projectors are the E-step's at the same image size: handed over, not kept here
            plan.useProjectors(st.half1().reference(), projectors[0], st.half2().reference(), projectors[1]);
            java.util.Arrays.fill(projectors, null);
        }
        ExpectationSums sums = runner.run(plan, particleSource(), listener);
        HalfAccumulator[] acc = {sums.total(1), sums.total(2)};
        sums.copyOutputs(poses, pmax, nsig, dll, norm);
        double meanSig = 0, meanPmax = 0;
        for (int i = 0; i < n; i++) { meanSig += nsig[i]; meanPmax += pmax[i]; }
        say(String.format(" Iteration %d: E-step %.1f s, mean significant samples %.1f, average Pmax %.3f", k,
                (System.nanoTime() - t0) / 1e9, meanSig / n, meanPmax / n));

        // changes in the hidden variables
        double angSum = 0, offSum = 0;
        for (int i = 0; i < n; i++) {
            angSum += AngularDistance.relionAxesDistance(poses[i].angles(), st.poses()[i].angles(), symmetry);
            double dx = (poses[i].originX() - st.poses()[i].originX()) * px, dy = (poses[i].originY() - st.poses()[i].originY()) * px;
            offSum += dx * dx + dy * dy;
        }
        double changesAngles = angSum / n, changesOffsets = Math.sqrt(offSum / (2.0 * n));

        // M-step
        List<double[][]> ops = new ArrayList<>();
        for (Rotation3 r : symmetry.operators()) {
            double[][] a = new double[3][3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[i][j] = r.get(i, j);
            ops.add(a);
        }
        if (symmetry.size() > 1) bothHalves(h -> { acc[h - 1].backProjector.symmetrise(ops); return h; });
        if (!last && !Double.isNaN(s.lowResolJoinHalves()))
            // RELION never joins beyond the current resolution: MAX(low_resol_join_halves, 1 / current resolution)
            Maximisation.joinAtLowResolution(acc[0].backProjector, acc[1].backProjector,
                    Math.max(s.lowResolJoinHalves(), 1 / st.auto().currentResolution()), px);
        List<FloatVolume> unfiltered = bothHalves(h -> acc[h - 1].backProjector.reconstruct(px));
        FloatVolume un1 = unfiltered.get(0), un2 = unfiltered.get(1);
        FscCurve fscCurve = Fsc.of(un1, un2);
        double[] fsc = new double[shells];
        for (int i = 0; i < shells; i++) fsc[i] = i <= currentSize / 2 ? fscCurve.fsc()[i] : 0;
        double[] ssnr = Maximisation.ssnr(fsc, false);
        if (last) return finish(st, k, acc, un1, un2, fsc, poses, pmax, nsig, dll, norm, changesAngles, changesOffsets, out);

        List<HalfSet> next = bothHalves(h -> {
            HalfAccumulator a = acc[h - 1];
            HalfSet half = st.half(h);
            double[] refSigma2 = Maximisation.referenceSigma2(a.backProjector, shells);
            double[] tau2 = Maximisation.tau2(ssnr, refSigma2);
            FloatVolume map = a.backProjector.reconstruct(px, tau2, s.tau2Fudge(), Maximisation.MIN_RESOLUTION_SHELL);
            // as RELION, the references that leave the cross-correlation iteration are low-passed to --ini_high again
            if (cc) map = FourierFilters.lowPass(map, s.iniHigh(), px, FourierFilters.DEFAULT_EDGE_WIDTH);
            if (s.flattenSolvent()) map = Maximisation.flattenSolvent(map, s.particleDiameter(), solventMask);
            double[][] sigma2 = new double[set.groupCount()][];
            for (int g = 0; g < sigma2.length; g++)
                sigma2[g] = cc ? half.sigma2()[g].clone() : Maximisation.sigma2(a.noisePower[g], a.groupWeight[g], box, half.sigma2()[g]);
            floorNoise(sigma2);
            // RELION keeps sigma2_noise after the CC iteration, but updates the offsets' prior width in every iteration
            double sigmaOffset = a.sigmaOffset(half.sigmaOffset());
            return half.withModel(map, sigma2, sigmaOffset, new HalfSet.Spectra(fsc, ssnr, tau2, refSigma2),
                    a.logLikelihood, a.particles > 0 ? a.pmaxSum / a.particles : 0, averageNorm(a, half, cc), groupScale(a, half, cc));
        });
        double averagePmax = (acc[0].pmaxSum + acc[1].pmaxSum) / n;
        int resShell = cc ? (int) Math.round(box * px / s.iniHigh()) : Maximisation.resolutionShell(dataVsPrior(ssnr));
        boolean highFsc = st.highFscAtLimit() || (currentSize / 2 - 1 >= 1 && fsc[currentSize / 2 - 1] > 0.2);
        int increment = Maximisation.incrementSize(fsc, st.incrementSize());
        int nextSize = Maximisation.nextImageSize(resShell, box, averagePmax, highFsc, increment);
        AutoSampling auto = st.auto().withResolution(resShell / (box * px)).withChanges(changesAngles, changesOffsets, s.oversampling())
                .checkConvergence(s);
        if (k >= s.autoIterMax() && !auto.hasConverged()) auto = auto.forceConverged();
        return new RefineState(k, auto, nextSize, poses, pmax, nsig, dll, norm, next.get(0), next.get(1), increment, highFsc);
    }

    /** One half's share of a step, for {@link #bothHalves}. */
    private interface HalfWork<T> { T run(int half) throws IOException; }

    /**
     * {@code work} for halves 1 and 2, both at once when --j allows: the halves' M-steps touch
     * nothing of each other's. Results in half order.
     */
    private <T> List<T> bothHalves(HalfWork<T> work) throws IOException {
        if (s.threads() < 2) return List.of(work.run(1), work.run(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<T> first = pool.submit(() -> work.run(1)), second = pool.submit(() -> work.run(2));
            return List.of(first.get(), second.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw rethrown(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A worker's failure as the caller's: cancellation and I/O errors as they were, the rest wrapped. */
    private static IOException rethrown(ExecutionException e) {
        if (e.getCause() instanceof CancellationException c) throw c;
        if (e.getCause() instanceof IOException io) return io;
        if (e.getCause() instanceof RuntimeException re) throw re;
        if (e.getCause() instanceof Error err) throw err;
        return new IOException(e.getCause());
    }

    /** --norm: the mean of the half's new norm corrections (RELION's avg_norm_correction); otherwise unchanged. */
    private double averageNorm(HalfAccumulator a, HalfSet half, boolean cc) {
        return s.normCorrection() && !cc && a.particles > 0 ? a.normSum / a.particles : half.averageNorm();
    }

    /** --scale: the groups' new intensity scales; unchanged without --scale or after a CC iteration. */
    private double[] groupScale(HalfAccumulator a, HalfSet half, boolean cc) {
        return s.scaleCorrection() && !cc ? Maximisation.groupScale(a.scaleXA, a.scaleAA, a.groupWeight) : half.groupScale();
    }

    /** The final iteration's M-step: both halves' sums in one reconstruction, to Nyquist; unfiltered half maps. */
    private RefineState finish(RefineState st, int k, HalfAccumulator[] acc, FloatVolume un1, FloatVolume un2, double[] fsc, Pose[] poses,
                               double[] pmax, int[] nsig, double[] dll, double[] norm, double changesAngles, double changesOffsets,
                               Path out) throws IOException {
        int box = set.box(), shells = box / 2 + 1;
        double px = set.pixelSize();
        boolean ow = s.overwrite();
        acc[0].merge(acc[1]);
        double[] ssnrWhole = Maximisation.ssnr(fsc, true);
        double[] refSigma2 = Maximisation.referenceSigma2(acc[0].backProjector, shells);
        double[] tau2 = Maximisation.tau2(ssnrWhole, refSigma2);
        FloatVolume map = acc[0].backProjector.reconstruct(px, tau2, s.tau2Fudge(), Maximisation.MIN_RESOLUTION_SHELL);
        Path finalMap = s.file("_class001.mrc");
        MrcFile.write(finalMap, map, MrcMode.FLOAT32, ow);
        MrcFile.write(s.file("_half1_class001_unfil.mrc"), un1, MrcMode.FLOAT32, ow);
        MrcFile.write(s.file("_half2_class001_unfil.mrc"), un2, MrcMode.FLOAT32, ow);
        // RELION's reported resolution: from the joined model's data_vs_prior (the half-maps' FSC stays in run_model.star)
        double resolution = box * px / Maximisation.resolutionShell(dataVsPrior(ssnrWhole));
        AutoSampling auto = st.auto().withResolution(1 / resolution).withChanges(changesAngles, changesOffsets, s.oversampling());
        double[][] sigma2 = new double[set.groupCount()][];
        for (int g = 0; g < sigma2.length; g++)
            sigma2[g] = Maximisation.sigma2(acc[0].noisePower[g], acc[0].groupWeight[g], box, st.half1().sigma2()[g]);
        double sigmaOffset = acc[0].sigmaOffset(st.half1().sigmaOffset());
        HalfSet joined = st.half1().withModel(map, floorNoise(sigma2), sigmaOffset,
                new HalfSet.Spectra(fsc, ssnrWhole, tau2, refSigma2), acc[0].logLikelihood, acc[0].pmaxSum / Math.max(1, acc[0].particles),
                averageNorm(acc[0], st.half1(), false), groupScale(acc[0], st.half1(), false));
        RefineState fin = new RefineState(k, auto, box, poses, pmax, nsig, dll, norm, joined, joined, st.incrementSize(), st.highFscAtLimit());
        RefineFiles.writeData(s.file("_data.star"), set, fin, ow);
        RefineFiles.writeModel(s.file("_model.star"), s, set, fin, joined, finalMap, ow);
        RefineFiles.writeSampling(s.file("_sampling.star"), s, px, auto.sampling(), k, ow);
        say(String.format(" Auto-refine: + Final reconstruction from all particles is saved as: %s", finalMap));
        say(String.format(" Auto-refine: + Final resolution (without masking) is: %s", AutoSampling.num(resolution)));
        writeLog(out);
        return fin;
    }

    /** The particles as this JVM reads them: the set's descriptions and the stacks opened for the run. */
    private ParticleSource particleSource() {
        ParticleImages imgs = images;
        return new ParticleSource() {
            @Override public RefineParticle particle(int i) { return set.particles().get(i); }

            @Override public float[] read(int i) throws IOException { return imgs.read(i); }

            @Override public ParticleStacks stacks() {
                if (stacks == null) stacks = ParticleStacks.of(set);
                return stacks;
            }
        };
    }

    /** RELION's data_vs_prior of gold-standard refinement: the SSNR from the FSC times --tau2_fudge. */
    private double[] dataVsPrior(double[] ssnr) {
        double[] out = ssnr.clone();
        for (int i = 0; i < out.length; i++) out[i] *= s.tau2Fudge();
        return out;
    }

    /** The accuracy estimates (degrees, Å) and the projectors of the two references they were made with, by half. */
    private record Accuracy(double rotations, double translations, Projector[] projectors) {}

    /** Accuracy estimates on up to 50 particles of each half, against that half's reference, on images of {@code size} pixels. */
    private Accuracy accuracy(RefineState st, int size) throws IOException {
        int box = set.box();
        Pose[] poses = st.poses();
        FourierRegion window = FourierRegion.ofSize(box, size);
        // each half on its own thread when --j allows: the E-step's other threads would wait meanwhile
        Projector[] projectors = new Projector[2];
        List<double[]> perHalf = bothHalves(half -> {
            HalfSet h = st.half(half);
            int n = Math.min(ACCURACY_TRIALS / 2, h.members().length);
            Pose[] p = new Pose[n];
            Ctf[] c = new Ctf[n];
            int[] g = new int[n];
            for (int i = 0; i < n; i++) {
                RefineParticle rp = set.particles().get(h.members()[i]);
                p[i] = poses[h.members()[i]];
                c[i] = s.ctf() && rp.ctf() != null ? new Ctf(rp.ctf()) : null;
                g[i] = rp.group();
            }
            double[][] inv = new double[h.sigma2().length][];
            for (int gi = 0; gi < inv.length; gi++) {
                inv[gi] = new double[h.sigma2()[gi].length];
                for (int j = 0; j < inv[gi].length; j++) inv[gi][j] = 1 / h.sigma2()[gi][j];
            }
            Projector projector = Projector.of(h.reference(), s.padding(), Math.max(1, size / 2));
            projectors[half - 1] = projector;
            return AccuracyEstimator.estimate(projector, window, p, c, inv, g, set.pixelSize(), s.randomSeed());
        });
        double rot = 0, trans = 0;
        for (double[] a : perHalf) {
            rot += a[0] / 2;
            trans += a[1] / 2;
        }
        return new Accuracy(rot, trans, projectors);
    }

    /** RELION estimates accuracies on 100 particles. */
    static final int ACCURACY_TRIALS = 100;

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    private void say(String line) {
        log.append(line).append('\n');
        listener.message(line);
    }

    private void writeLog(Path out) throws IOException {
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(out, true, o -> o.write(bytes));
    }
}
