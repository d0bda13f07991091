package org.cryoj.ui.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.cryoj.io.InputFormatException;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.ui.view.FscCurve;

/**
 * The FSC curve RELION wrote: {@code data_fsc} of relion_postprocess's postprocess.star
 * (rlnFourierShellCorrelationCorrected, the phase-randomisation corrected curve whose 0.143
 * crossing is rlnFinalResolution), or {@code data_model_class_1} of relion_refine's
 * run_model.star (rlnGoldStandardFsc between the half-maps); x is rlnResolution in 1/Å.
 */
final class FscTables {
    private static final String FREQUENCY = "rlnResolution";

    private FscTables() {}

    static FscCurve read(Path star) throws IOException {
        StarFile file = StarFile.read(star);
        if (file.hasBlock("fsc")) return curve(file.block("fsc").table(), "rlnFourierShellCorrelationCorrected", "corrected FSC");
        if (file.hasBlock("model_class_1"))
            return curve(file.block("model_class_1").table(), "rlnGoldStandardFsc", "gold-standard FSC");
        throw new InputFormatException(star, -1, "data_fsc / data_model_class_1",
                "no FSC table: expected a postprocess.star (data_fsc) or a run_model.star (data_model_class_1)");
    }

    private static FscCurve curve(StarTable t, String fscLabel, String legend) throws IOException {
        t.requireColumns(FREQUENCY, fscLabel);
        double[] f = new double[t.rowCount()], fsc = new double[t.rowCount()];
        try {
            for (int r = 0; r < f.length; r++) {
                f[r] = t.getDouble(r, FREQUENCY);
                fsc[r] = t.getDouble(r, fscLabel);
            }
        } catch (UncheckedIOException e) { // a value that is not a number, reported with its line
            throw e.getCause();
        }
        try {
            return new FscCurve(legend, f, fsc);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(t.source(), -1, fscLabel, e.getMessage());
        }
    }
}
