package org.cryoj.bench;

import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.demo.PoseErrors;
import org.cryoj.geometry.SymmetryGroup;

/**
 * For bench/refine_vs_relion.sh: the median angular (degrees) and origin (pixels) errors of a
 * refinement's run_data.star against the simulator's truth.star, matched by rlnImageName; the
 * same code grades CryoJ's and RELION's runs. With "micrographs" (particles re-extracted from simulated
 * micrographs) particles are matched by centre instead, PIXEL_SIZE is the micrographs' and the shift is in their pixels.
 * Usage: RefinePoseErrors RUN_DATA_STAR TRUTH_STAR SYMMETRY PIXEL_SIZE [micrographs]  -> "angle shift"
 */
public final class RefinePoseErrors {
    private RefinePoseErrors() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && !(args.length == 5 && args[4].equals("micrographs"))) {
            System.err.println("usage: RefinePoseErrors RUN_DATA_STAR TRUTH_STAR SYMMETRY PIXEL_SIZE [micrographs]");
            System.exit(2);
        }
        Path data = Path.of(args[0]), truth = Path.of(args[1]);
        SymmetryGroup sym = SymmetryGroup.parse(args[2]);
        double px = Double.parseDouble(args[3]);
        PoseErrors e = args.length == 5 ? PoseErrors.compare(data, truth, sym, px) : PoseErrors.compareByImage(data, truth, sym, px);
        System.out.printf(Locale.ROOT, "%.2f %.2f%n", e.medianAngle(), e.medianShift());
    }
}
