package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.geometry.HealpixSampling;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/**
 * The refinement's files with RELION's names and labels: per iteration run_itNNN_data.star,
 * run_itNNN_half{1,2}_model.star, run_itNNN_half{1,2}_class001.mrc, run_itNNN_sampling.star and
 * run_itNNN_optimiser.star (which names the others, for --continue); each written atomically.
 */
final class RefineFiles {
    private RefineFiles() {}

    static String it(int iteration) { return String.format("_it%03d", iteration); }

    /** Writes iteration k's files; returns the optimiser file. */
    static Path writeIteration(RefineSettings s, ParticleSet set, RefineState st) throws IOException {
        String p = it(st.iteration());
        boolean ow = s.overwrite();
        Path data = s.file(p + "_data.star"), sampling = s.file(p + "_sampling.star"), optimiser = s.file(p + "_optimiser.star");
        writeData(data, set, st, ow);
        Path[] models = new Path[2];
        for (int h = 1; h <= 2; h++) {
            Path map = s.file(p + "_half" + h + "_class001.mrc");
            MrcFile.write(map, st.half(h).reference(), MrcMode.FLOAT32, ow);
            models[h - 1] = s.file(p + "_half" + h + "_model.star");
            writeModel(models[h - 1], s, set, st, st.half(h), map, ow);
        }
        writeSampling(sampling, s, set.pixelSize(), st.auto().sampling(), st.iteration(), ow);
        StarTable t = new StarTable();
        int r = t.addRow();
        text(t, r, "rlnOutputRootName", s.outputRoot().toString());
        text(t, r, "rlnModelStarFile", models[0].toString());
        text(t, r, "rlnModelStarFile2", models[1].toString());
        text(t, r, "rlnExperimentalDataStarFile", data.toString());
        text(t, r, "rlnOrientSamplingStarFile", sampling.toString());
        num(t, r, "rlnCurrentIteration", st.iteration());
        num(t, r, "rlnDoSplitRandomHalves", 1);
        num(t, r, "rlnDoAutoRefine", 1);
        num(t, r, "rlnJoinHalvesUntilThisResolution", Double.isNaN(s.lowResolJoinHalves()) ? -1 : s.lowResolJoinHalves());
        num(t, r, "rlnAdaptiveOversampleOrder", s.oversampling());
        num(t, r, "rlnAdaptiveOversampleFraction", s.adaptiveFraction());
        num(t, r, "rlnRandomSeed", s.randomSeed());
        num(t, r, "rlnParticleDiameter", s.particleDiameter());
        num(t, r, "rlnAutoLocalSearchesHealpixOrder", s.autoLocalHealpixOrder());
        num(t, r, "rlnCurrentImageSize", st.currentSize());
        AutoSampling a = st.auto();
        num(t, r, "rlnCurrentResolution", a.currentResolution());
        num(t, r, "rlnBestResolutionThusFar", a.bestResolution());
        num(t, r, "rlnNumberOfIterWithoutResolutionGain", a.nrIterWoResolGain());
        num(t, r, "rlnNumberOfIterWithoutChangingAssignments", a.nrIterWoLargeChanges());
        num(t, r, "rlnChangesOptimalOrientations", a.currentChangesOrientations());
        num(t, r, "rlnChangesOptimalOffsets", a.currentChangesOffsets());
        num(t, r, "rlnSmallestChangesOrientations", a.smallestChangesOrientations());
        num(t, r, "rlnSmallestChangesOffsets", a.smallestChangesOffsets());
        num(t, r, "rlnOverallAccuracyRotations", a.accuracyRotations());
        num(t, r, "rlnOverallAccuracyTranslationsAngst", a.accuracyTranslations());
        num(t, r, "rlnHasFineEnoughAngularSampling", a.hasFineEnoughAngularSampling() ? 1 : 0);
        num(t, r, "rlnHasConverged", a.hasConverged() ? 1 : 0);
        // RELION's settings labels, with the values of what this engine does (and does not do)
        num(t, r, "rlnNumberOfIterations", s.maxIterations());
        num(t, r, "rlnWidthMaskEdge", Maximisation.WIDTH_MASK_EDGE);
        num(t, r, "rlnDoZeroMask", s.zeroMask() ? 1 : 0);
        num(t, r, "rlnDoSolventFlattening", s.flattenSolvent() ? 1 : 0);
        text(t, r, "rlnSolventMaskName", s.solventMask() == null ? "None" : s.solventMask().toString());
        text(t, r, "rlnSolventMask2Name", "None");
        text(t, r, "rlnTauSpectrumName", "None");
        num(t, r, "rlnMaximumCoarseImageSize", -1); // no cap on the coarse size
        num(t, r, "rlnHighresLimitExpectation", -1);
        num(t, r, "rlnLowresLimitExpectation", -1);
        // RELION requires this to read the file; this engine does not track it between iterations
        num(t, r, "rlnHasHighFscAtResolLimit", st.highFscAtLimit() ? 1 : 0);
        num(t, r, "rlnHasLargeSizeIncreaseIterationsAgo", 0);
        num(t, r, "rlnDoCorrectCtf", s.ctf() ? 1 : 0);
        num(t, r, "rlnRefsAreCtfCorrected", 1);
        num(t, r, "rlnIncrementImageSize", st.incrementSize());
        num(t, r, "rlnMaxNumberOfPooledParticles", s.pool());
        num(t, r, "rlnChangesOptimalClasses", 0);
        num(t, r, "rlnSmallestChangesClasses", 0);
        num(t, r, "rlnDoCorrectNorm", s.normCorrection() ? 1 : 0);
        num(t, r, "rlnDoCorrectScale", s.scaleCorrection() ? 1 : 0);
        for (String off : new String[] {"rlnDoSkipAlign", "rlnDoSkipRotate", "rlnDoHelicalRefine",
                "rlnDoSolventFscCorrection", "rlnDoStochasticGradientDescent", "rlnDoStochasticEM", "rlnDoFastSubsetOptimisation",
                "rlnDoExternalReconstruct", "rlnFixSigmaNoiseEstimates", "rlnFixSigmaOffsetEstimates", "rlnCtfDataArePhaseFlipped",
                "rlnDoOnlyFlipCtfPhases", "rlnDoIgnoreCtfUntilFirstPeak"})
            num(t, r, off, 0);
        num(t, r, "rlnDoMapEstimation", 1);
        StarFile.of(StarBlock.keyValues("optimiser_general", t), StarBlock.keyValues(OPTIONS_BLOCK, options(s))).write(optimiser, ow);
        return optimiser;
    }

    /**
     * The block of run_itNNN_optimiser.star with the options RELION's labels do not hold and relion_refine
     * --continue asks for again, so that a continued run proceeds as the uninterrupted one without them.
     * RELION reads only data_optimiser_general and ignores it.
     */
    static final String OPTIONS_BLOCK = "cryoj_options";

    private static StarTable options(RefineSettings s) {
        StarTable o = new StarTable();
        int r = o.addRow();
        num(o, r, "cryojFirstIterationCc", s.firstIterationCc() ? 1 : 0);
        num(o, r, "cryojIniHigh", s.iniHigh());
        num(o, r, "cryojAutoIgnoreAngles", s.autoIgnoreAngles() ? 1 : 0);
        num(o, r, "cryojAutoResolAngles", s.autoResolAngles() ? 1 : 0);
        num(o, r, "cryojAutoIterMax", s.autoIterMax());
        num(o, r, "cryojExhaustiveSearch", s.exhaustiveSearch() ? 1 : 0);
        return o;
    }

    /** Reads the state an optimiser file (and the files it names) describes. */
    static RefineState read(Path optimiser, ParticleSet set) throws IOException {
        StarTable t = StarFile.read(optimiser).block("optimiser_general").table();
        Path base = optimiser.toAbsolutePath().getParent();
        SamplingState sampling = readSampling(resolve(t, "rlnOrientSamplingStarFile", base, optimiser));
        AutoSampling auto = new AutoSampling(sampling, t.getDouble(0, "rlnCurrentResolution"), t.getDouble(0, "rlnBestResolutionThusFar"),
                t.getInt(0, "rlnNumberOfIterWithoutResolutionGain"), t.getInt(0, "rlnNumberOfIterWithoutChangingAssignments"),
                t.getDouble(0, "rlnChangesOptimalOrientations"), t.getDouble(0, "rlnChangesOptimalOffsets"),
                t.getDouble(0, "rlnSmallestChangesOrientations"), t.getDouble(0, "rlnSmallestChangesOffsets"),
                t.getDouble(0, "rlnOverallAccuracyRotations"), t.getDouble(0, "rlnOverallAccuracyTranslationsAngst"),
                t.getInt(0, "rlnHasFineEnoughAngularSampling") == 1, t.getInt(0, "rlnHasConverged") == 1);
        int n = set.size();
        Pose[] poses = new Pose[n];
        double[] pmax = new double[n], dll = new double[n], norm = new double[n];
        int[] nsig = new int[n];
        Path dataFile = resolve(t, "rlnExperimentalDataStarFile", base, optimiser);
        StarTable d = StarFile.read(dataFile).block("particles").table();
        if (d.rowCount() != n) throw new InputFormatException(dataFile, -1, "data_particles", "holds " + d.rowCount() + " particles, the input " + n);
        double px = set.pixelSize();
        for (int i = 0; i < n; i++) {
            poses[i] = new Pose(d.getDouble(i, StarLabel.ANGLE_ROT), d.getDouble(i, StarLabel.ANGLE_TILT), d.getDouble(i, StarLabel.ANGLE_PSI),
                    d.getDouble(i, StarLabel.ORIGIN_X_ANGST) / px, d.getDouble(i, StarLabel.ORIGIN_Y_ANGST) / px);
            pmax[i] = d.getDouble(i, StarLabel.MAX_VALUE_PROB_DISTRIBUTION);
            nsig[i] = d.getInt(i, StarLabel.NR_OF_SIGNIFICANT_SAMPLES);
            dll[i] = d.getDouble(i, StarLabel.LOG_LIKELI_CONTRIBUTION);
            norm[i] = d.getDouble(i, StarLabel.NORM_CORRECTION);
            if (d.getInt(i, StarLabel.RANDOM_SUBSET) != set.particles().get(i).half())
                throw new InputFormatException(dataFile, d.line(i), "rlnRandomSubset", "differs from the half-set of the run being continued");
        }
        HalfSet[] halves = new HalfSet[2];
        int currentSize = t.getInt(0, "rlnCurrentImageSize");
        for (int h = 1; h <= 2; h++)
            halves[h - 1] = readModel(resolve(t, h == 1 ? "rlnModelStarFile" : "rlnModelStarFile2", base, optimiser), set, h);
        return new RefineState(t.getInt(0, "rlnCurrentIteration"), auto, currentSize, poses, pmax, nsig, dll, norm, halves[0], halves[1],
                t.getInt(0, "rlnIncrementImageSize"), t.getInt(0, "rlnHasHighFscAtResolLimit") == 1);
    }

    static Path resolve(StarTable t, String label, Path base, Path source) throws InputFormatException {
        if (!t.hasColumn(label)) throw new InputFormatException(source, -1, label, "missing from the optimiser file");
        Path p = Path.of(t.getString(0, label));
        if (p.toFile().exists()) return p;
        Path sibling = base.resolve(p.getFileName());
        return sibling.toFile().exists() ? sibling : p;
    }

    static void writeData(Path file, ParticleSet set, RefineState st, boolean overwrite) throws IOException {
        StarTable in = set.table();
        int[] all = new int[in.rowCount()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        StarTable t = in.select(all);
        for (StarLabel l : new StarLabel[] {StarLabel.ANGLE_ROT, StarLabel.ANGLE_TILT, StarLabel.ANGLE_PSI, StarLabel.ORIGIN_X_ANGST,
                StarLabel.ORIGIN_Y_ANGST, StarLabel.CLASS_NUMBER, StarLabel.NORM_CORRECTION, StarLabel.LOG_LIKELI_CONTRIBUTION,
                StarLabel.MAX_VALUE_PROB_DISTRIBUTION, StarLabel.NR_OF_SIGNIFICANT_SAMPLES, StarLabel.RANDOM_SUBSET, StarLabel.GROUP_NUMBER})
            if (!t.hasColumn(l)) t.addColumn(l);
        double px = set.pixelSize();
        for (int i = 0; i < set.size(); i++) {
            int r = set.particles().get(i).row();
            Pose p = st.poses()[i];
            t.setDouble(r, StarLabel.ANGLE_ROT, p.rot());
            t.setDouble(r, StarLabel.ANGLE_TILT, p.tilt());
            t.setDouble(r, StarLabel.ANGLE_PSI, p.psi());
            t.setDouble(r, StarLabel.ORIGIN_X_ANGST, p.originX() * px);
            t.setDouble(r, StarLabel.ORIGIN_Y_ANGST, p.originY() * px);
            t.setInt(r, StarLabel.CLASS_NUMBER, 1);
            t.setDouble(r, StarLabel.NORM_CORRECTION, st.norm()[i]);
            t.setDouble(r, StarLabel.LOG_LIKELI_CONTRIBUTION, st.logLikelihood()[i]);
            t.setDouble(r, StarLabel.MAX_VALUE_PROB_DISTRIBUTION, st.pmax()[i]);
            t.setInt(r, StarLabel.NR_OF_SIGNIFICANT_SAMPLES, st.significant()[i]);
            t.setInt(r, StarLabel.RANDOM_SUBSET, set.particles().get(i).half());
            t.setInt(r, StarLabel.GROUP_NUMBER, set.particles().get(i).group() + 1);
        }
        set.withParticles(t).write(file, overwrite);
    }

    static void writeModel(Path file, RefineSettings s, ParticleSet set, RefineState st, HalfSet h, Path map, boolean overwrite) throws IOException {
        int box = set.box(), shells = box / 2 + 1;
        double px = set.pixelSize();
        StarTable g = new StarTable();
        int r = g.addRow();
        num(g, r, "rlnReferenceDimensionality", 3);
        num(g, r, "rlnDataDimensionality", 2);
        num(g, r, "rlnOriginalImageSize", box);
        num(g, r, "rlnCurrentResolution", 1 / st.auto().currentResolution()); // Å in RELION's model files
        num(g, r, "rlnCurrentImageSize", st.currentSize());
        num(g, r, "rlnPaddingFactor", s.padding());
        num(g, r, "rlnIsHelix", 0);
        num(g, r, "rlnFourierSpaceInterpolator", 1); // trilinear
        num(g, r, "rlnMinRadiusNnInterpolation", 0); // trilinear at every radius
        num(g, r, "rlnPixelSize", px);
        num(g, r, "rlnNrClasses", 1);
        num(g, r, "rlnNrBodies", 1);
        num(g, r, "rlnNrGroups", set.groupCount());
        num(g, r, "rlnTau2FudgeFactor", s.tau2Fudge());
        num(g, r, "rlnNormCorrectionAverage", h.averageNorm());
        num(g, r, "rlnSigmaOffsetsAngst", h.sigmaOffset());
        num(g, r, "rlnOrientationalPriorMode", st.auto().sampling().localSearches() ? 1 : 0);
        double sig = st.auto().sampling().sigmaAngles();
        num(g, r, "rlnSigmaPriorRotAngle", sig);
        num(g, r, "rlnSigmaPriorTiltAngle", sig);
        num(g, r, "rlnSigmaPriorPsiAngle", sig);
        num(g, r, "rlnLogLikelihood", h.logLikelihood());
        num(g, r, "rlnAveragePmax", h.averagePmax());
        StarTable c = new StarTable("rlnReferenceImage", "rlnClassDistribution", "rlnAccuracyRotations", "rlnAccuracyTranslationsAngst",
                "rlnEstimatedResolution", "rlnOverallFourierCompleteness");
        int cr = c.addRow();
        c.setString(cr, "rlnReferenceImage", map.toString());
        c.setDouble(cr, "rlnClassDistribution", 1);
        c.setDouble(cr, "rlnAccuracyRotations", st.auto().accuracyRotations());
        c.setDouble(cr, "rlnAccuracyTranslationsAngst", st.auto().accuracyTranslations());
        c.setDouble(cr, "rlnEstimatedResolution", 1 / st.auto().currentResolution());
        c.setDouble(cr, "rlnOverallFourierCompleteness", 1);
        HalfSet.Spectra sp = h.spectra();
        StarTable k = new StarTable("rlnSpectralIndex", "rlnResolution", "rlnAngstromResolution", "rlnSsnrMap", "rlnGoldStandardFsc",
                "rlnFourierCompleteness", "rlnReferenceSigma2", "rlnReferenceTau2", "rlnSpectralOrientabilityContribution");
        for (int i = 0; i < shells; i++) {
            int kr = k.addRow();
            k.setInt(kr, "rlnSpectralIndex", i);
            k.setDouble(kr, "rlnResolution", i / (box * px));
            k.setDouble(kr, "rlnAngstromResolution", i == 0 ? 999 : box * px / i);
            k.setDouble(kr, "rlnSsnrMap", sp.ssnr()[i]);
            k.setDouble(kr, "rlnGoldStandardFsc", sp.fsc()[i]);
            k.setDouble(kr, "rlnFourierCompleteness", sp.ssnr()[i] > 1 ? 1 : 0);
            k.setDouble(kr, "rlnReferenceSigma2", sp.referenceSigma2()[i]);
            k.setDouble(kr, "rlnReferenceTau2", sp.tau2()[i]);
            k.setDouble(kr, "rlnSpectralOrientabilityContribution", 0);
        }
        List<StarBlock> blocks = new ArrayList<>(List.of(StarBlock.keyValues("model_general", g), StarBlock.loop("model_classes", c),
                StarBlock.loop("model_class_1", k)));
        StarTable groups = new StarTable("rlnGroupNumber", "rlnGroupName", "rlnGroupNrParticles", "rlnGroupScaleCorrection");
        int[] counts = new int[set.groupCount()];
        for (int i : h.members()) counts[set.particles().get(i).group()]++;
        for (int gi = 0; gi < set.groupCount(); gi++) {
            int gr = groups.addRow();
            groups.setInt(gr, "rlnGroupNumber", gi + 1);
            groups.setString(gr, "rlnGroupName", set.groupNames().get(gi));
            groups.setInt(gr, "rlnGroupNrParticles", counts[gi]);
            groups.setDouble(gr, "rlnGroupScaleCorrection", h.groupScale()[gi]);
        }
        blocks.add(StarBlock.loop("model_groups", groups));
        // the orientational prior per direction of the asymmetric unit: uniform in this engine's E-step
        int directions = HealpixSampling.of(st.auto().sampling().healpixOrder(), SymmetryGroup.parse(s.symmetry())).directions().size();
        StarTable pdf = new StarTable("rlnOrientationDistribution");
        for (int i = 0; i < directions; i++) pdf.setDouble(pdf.addRow(), "rlnOrientationDistribution", 1.0 / directions);
        for (int gi = 0; gi < set.groupCount(); gi++) {
            StarTable n = new StarTable("rlnSpectralIndex", "rlnResolution", "rlnSigma2Noise");
            for (int i = 0; i < shells; i++) {
                int nr = n.addRow();
                n.setInt(nr, "rlnSpectralIndex", i);
                n.setDouble(nr, "rlnResolution", i / (box * px));
                n.setDouble(nr, "rlnSigma2Noise", h.sigma2()[gi][i]);
            }
            blocks.add(StarBlock.loop("model_group_" + (gi + 1), n));
        }
        blocks.add(StarBlock.loop("model_pdf_orient_class_1", pdf));
        new StarFile(blocks).write(file, overwrite);
    }

    static HalfSet readModel(Path file, ParticleSet set, int which) throws IOException {
        StarFile f = StarFile.read(file);
        StarTable g = f.block("model_general").table();
        StarTable c = f.block("model_classes").table();
        StarTable k = f.block("model_class_1").table();
        int shells = set.box() / 2 + 1;
        if (k.rowCount() != shells) throw new InputFormatException(file, -1, "data_model_class_1", "holds " + k.rowCount() + " shells, expected " + shells);
        double[] fsc = new double[shells], ssnr = new double[shells], tau2 = new double[shells], s2r = new double[shells];
        for (int i = 0; i < shells; i++) {
            fsc[i] = k.getDouble(i, "rlnGoldStandardFsc");
            ssnr[i] = k.getDouble(i, "rlnSsnrMap");
            tau2[i] = k.getDouble(i, "rlnReferenceTau2");
            s2r[i] = k.getDouble(i, "rlnReferenceSigma2");
        }
        double[][] sigma2 = new double[set.groupCount()][shells];
        for (int gi = 0; gi < set.groupCount(); gi++) {
            StarTable n = f.block("model_group_" + (gi + 1)).table();
            for (int i = 0; i < shells; i++) sigma2[gi][i] = n.getDouble(i, "rlnSigma2Noise");
        }
        Path map = Path.of(c.getString(0, "rlnReferenceImage"));
        if (!map.toFile().exists()) map = file.toAbsolutePath().getParent().resolve(map.getFileName());
        FloatVolume ref = MrcFile.read(map);
        StarTable groups = f.block("model_groups").table();
        double[] scale = new double[set.groupCount()];
        for (int gi = 0; gi < scale.length; gi++) scale[gi] = groups.getDouble(gi, "rlnGroupScaleCorrection");
        return new HalfSet(which, set.half(which), ref, sigma2, g.getDouble(0, "rlnSigmaOffsetsAngst"),
                new HalfSet.Spectra(fsc, ssnr, tau2, s2r), g.getDouble(0, "rlnLogLikelihood"), g.getDouble(0, "rlnAveragePmax"),
                g.getDouble(0, "rlnNormCorrectionAverage"), scale);
    }

    /** run_itNNN_sampling.star: the general block (RELION's labels) and the directions of the asymmetric unit. */
    static void writeSampling(Path file, RefineSettings s, double pixelSize, SamplingState sm, int iteration, boolean overwrite)
            throws IOException {
        StarTable t = new StarTable();
        int r = t.addRow();
        num(t, r, "rlnIs3DSampling", 1);
        num(t, r, "rlnIs3DTranslationalSampling", 0);
        num(t, r, "rlnHealpixOrder", sm.healpixOrder());
        text(t, r, "rlnSymmetryGroup", s.symmetry());
        num(t, r, "rlnPsiStep", sm.angularStep(0));
        num(t, r, "rlnOffsetRange", sm.offsetRange());
        num(t, r, "rlnOffsetStep", sm.offsetStep());
        num(t, r, "rlnOrientationalPriorMode", sm.localSearches() ? 1 : 0);
        num(t, r, "rlnSigmaPriorRotAngle", sm.sigmaAngles());
        num(t, r, "rlnTiltAngleLimit", -91);
        num(t, r, "rlnSamplingPerturbInstance", OrientationSampling.randomPerturbation(s.perturb(), s.randomSeed(), iteration));
        num(t, r, "rlnSamplingPerturbFactor", s.perturb());
        num(t, r, "rlnHealpixOrderOriginal", s.healpixOrder());
        num(t, r, "rlnPsiStepOriginal", new SamplingState(s.healpixOrder(), 0, 1, false, 0).angularStep(0));
        num(t, r, "rlnOffsetRangeOriginal", s.offsetRange() * pixelSize);
        num(t, r, "rlnOffsetStepOriginal", s.offsetStep() * pixelSize);
        StarTable dirs = new StarTable("rlnAngleRot", "rlnAngleTilt");
        for (HealpixSampling.Direction d : HealpixSampling.of(sm.healpixOrder(), SymmetryGroup.parse(s.symmetry())).directions()) {
            int dr = dirs.addRow();
            dirs.setDouble(dr, "rlnAngleRot", d.rot());
            dirs.setDouble(dr, "rlnAngleTilt", d.tilt());
        }
        StarFile.of(StarBlock.keyValues("sampling_general", t), StarBlock.loop("sampling_directions", dirs)).write(file, overwrite);
    }

    static SamplingState readSampling(Path file) throws IOException {
        StarTable t = StarFile.read(file).block("sampling_general").table();
        return new SamplingState(t.getInt(0, "rlnHealpixOrder"), t.getDouble(0, "rlnOffsetRange"), t.getDouble(0, "rlnOffsetStep"),
                t.getInt(0, "rlnOrientationalPriorMode") == 1, t.getDouble(0, "rlnSigmaPriorRotAngle"));
    }

    private static void num(StarTable t, int r, String label, double v) {
        if (!t.hasColumn(label)) t.addColumn(label);
        t.setDouble(r, label, v);
    }

    private static void num(StarTable t, int r, String label, long v) {
        if (!t.hasColumn(label)) t.addColumn(label);
        t.setString(r, label, Long.toString(v));
    }

    private static void text(StarTable t, int r, String label, String v) {
        if (!t.hasColumn(label)) t.addColumn(label);
        t.setString(r, label, v);
    }
}
