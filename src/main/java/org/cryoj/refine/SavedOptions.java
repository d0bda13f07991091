package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cryoj.io.InputFormatException;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/**
 * The options of the run that wrote a run_itNNN_optimiser.star, read back from it and the files
 * it names (sampling, half-1 model), as relion_refine --continue takes them: --i becomes that
 * iteration's run_itNNN_data.star (which carries the poses and rlnRandomSubset) and --o defaults to
 * RELION's "rootname_ctNNN". Options RELION asks for again on the command line (--firstiter_cc,
 * --auto_ignore_angles, --auto_resol_angles, --auto_iter_max) come from the file's own
 * data_cryoj_options block when it has one (files of older CryoJ versions and RELION's do not),
 * so that a continued run proceeds exactly as the uninterrupted one; --j is never saved.
 */
public final class SavedOptions {
    private SavedOptions() {}

    /** Option name (RELION's) to value as text, in the command line's order. */
    public static Map<String, String> read(Path optimiser) throws IOException {
        StarFile file = StarFile.read(optimiser);
        StarTable t = file.block("optimiser_general").table();
        Path base = optimiser.toAbsolutePath().getParent();
        StarTable sampling = StarFile.read(RefineFiles.resolve(t, "rlnOrientSamplingStarFile", base, optimiser))
                .block("sampling_general").table();
        Path modelFile = RefineFiles.resolve(t, "rlnModelStarFile", base, optimiser);
        StarFile model = StarFile.read(modelFile);
        StarTable g = model.block("model_general").table();
        double px = value(g, "rlnPixelSize", modelFile);
        int iteration = (int) value(t, "rlnCurrentIteration", optimiser);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--i", RefineFiles.resolve(t, "rlnExperimentalDataStarFile", base, optimiser).toString());
        o.put("--o", text(t, "rlnOutputRootName", optimiser) + String.format("_ct%d", iteration));
        Path ref = Path.of(model.block("model_classes").table().getString(0, "rlnReferenceImage"));
        o.put("--ref", (ref.toFile().exists() ? ref : modelFile.toAbsolutePath().getParent().resolve(ref.getFileName())).toString());
        o.put("--ini_high", num(1 / value(t, "rlnBestResolutionThusFar", optimiser)));
        o.put("--sym", text(sampling, "rlnSymmetryGroup", optimiser));
        o.put("--particle_diameter", num(value(t, "rlnParticleDiameter", optimiser)));
        o.put("--ctf", flag(t, "rlnDoCorrectCtf", optimiser));
        o.put("--flatten_solvent", flag(t, "rlnDoSolventFlattening", optimiser));
        o.put("--zero_mask", flag(t, "rlnDoZeroMask", optimiser));
        o.put("--norm", flag(t, "rlnDoCorrectNorm", optimiser));
        o.put("--scale", flag(t, "rlnDoCorrectScale", optimiser));
        String mask = text(t, "rlnSolventMaskName", optimiser);
        if (!mask.equals("None")) o.put("--solvent_mask", mask);
        o.put("--oversampling", num(value(t, "rlnAdaptiveOversampleOrder", optimiser)));
        o.put("--healpix_order", num(value(sampling, "rlnHealpixOrderOriginal", optimiser)));
        o.put("--auto_local_healpix_order", num(value(t, "rlnAutoLocalSearchesHealpixOrder", optimiser)));
        o.put("--offset_range", num(value(sampling, "rlnOffsetRangeOriginal", optimiser) / px));
        o.put("--offset_step", num(value(sampling, "rlnOffsetStepOriginal", optimiser) / px));
        o.put("--pad", num(value(g, "rlnPaddingFactor", modelFile)));
        o.put("--pool", num(value(t, "rlnMaxNumberOfPooledParticles", optimiser)));
        o.put("--tau2_fudge", num(value(g, "rlnTau2FudgeFactor", modelFile)));
        o.put("--low_resol_join_halves", num(value(t, "rlnJoinHalvesUntilThisResolution", optimiser)));
        o.put("--max_iter", num(value(t, "rlnNumberOfIterations", optimiser)));
        o.put("--random_seed", num(value(t, "rlnRandomSeed", optimiser)));
        o.put("--adaptive_fraction", num(value(t, "rlnAdaptiveOversampleFraction", optimiser)));
        o.put("--perturb", num(value(sampling, "rlnSamplingPerturbFactor", optimiser)));
        var mine = file.findBlock(RefineFiles.OPTIONS_BLOCK);
        if (mine.isPresent()) {
            StarTable c = mine.get().table();
            o.put("--firstiter_cc", flag(c, "cryojFirstIterationCc", optimiser));
            o.put("--ini_high", num(value(c, "cryojIniHigh", optimiser)));
            o.put("--auto_ignore_angles", flag(c, "cryojAutoIgnoreAngles", optimiser));
            o.put("--auto_resol_angles", flag(c, "cryojAutoResolAngles", optimiser));
            o.put("--auto_iter_max", num(value(c, "cryojAutoIterMax", optimiser)));
            // written from CryoJ 0.1 on with the scout grid; earlier files searched exhaustively
            o.put("--exhaustive_search", c.hasColumn("cryojExhaustiveSearch") ? flag(c, "cryojExhaustiveSearch", optimiser) : "true");
        }
        return o;
    }

    private static double value(StarTable t, String label, Path file) throws InputFormatException {
        if (!t.hasColumn(label)) throw new InputFormatException(file, -1, label, "missing: --continue needs it (file not written by cryoj refine?)");
        return t.getDouble(0, label);
    }

    private static String text(StarTable t, String label, Path file) throws InputFormatException {
        if (!t.hasColumn(label)) throw new InputFormatException(file, -1, label, "missing: --continue needs it (file not written by cryoj refine?)");
        return t.getString(0, label);
    }

    private static String flag(StarTable t, String label, Path file) throws InputFormatException {
        return Boolean.toString(value(t, label, file) != 0);
    }

    /** Ten significant digits, so Å / (Å/px) gives back the pixels typed; integers without ".0" (int options reject it). */
    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
