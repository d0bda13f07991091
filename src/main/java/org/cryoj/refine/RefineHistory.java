package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/**
 * Resolution and estimated angular accuracy per iteration of a refinement, read back from its
 * run_itNNN_half1_model.star files (ours or RELION's: the same labels), for iteration plots.
 * Iteration 0 (the starting reference) has no resolution and is left out.
 */
public record RefineHistory(int[] iterations, double[] resolution, double[] accuracyRotations) {

    /** @param rootname the --o of the run, e.g. Refine3D/job019/run */
    public static RefineHistory read(Path rootname) throws IOException {
        List<int[]> its = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int it = 1; ; it++) {
            Path model = Path.of(rootname + String.format("_it%03d_half1_model.star", it));
            if (!Files.exists(model)) break;
            StarFile f = StarFile.read(model);
            double res = f.block("model_general").table().getDouble(0, "rlnCurrentResolution");
            StarTable classes = f.block("model_classes").table();
            double acc = classes.hasColumn("rlnAccuracyRotations") ? classes.getDouble(0, "rlnAccuracyRotations") : Double.NaN;
            its.add(new int[] {it});
            values.add(new double[] {res, acc});
        }
        if (its.isEmpty()) throw new IOException("no " + rootname + "_it001_half1_model.star: not a refinement run");
        int n = its.size();
        int[] i = new int[n];
        double[] r = new double[n], a = new double[n];
        for (int k = 0; k < n; k++) { i[k] = its.get(k)[0]; r[k] = values.get(k)[0]; a[k] = values.get(k)[1]; }
        return new RefineHistory(i, r, a);
    }
}
