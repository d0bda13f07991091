package org.cryoj.bench;

import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.demo.PoseErrors;
import org.cryoj.geometry.SymmetryGroup;

/**
 * For bench/refine_vs_relion.sh: the median angular (degrees) and origin (pixels) errors of a
 * refinement's run_data.star against the simulator's truth.star, matched by rlnImageName; the
 * same code grades CryoJ's and RELION's runs.
 * Usage: RefinePoseErrors RUN_DATA_STAR TRUTH_STAR SYMMETRY PIXEL_SIZE  -> "angle shift"
 */
public final class RefinePoseErrors {
    private RefinePoseErrors() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RefinePoseErrors RUN_DATA_STAR TRUTH_STAR SYMMETRY PIXEL_SIZE");
            System.exit(2);
        }
        PoseErrors e = PoseErrors.compareByImage(Path.of(args[0]), Path.of(args[1]), SymmetryGroup.parse(args[2]), Double.parseDouble(args[3]));
        System.out.printf(Locale.ROOT, "%.2f %.2f%n", e.medianAngle(), e.medianShift());
    }
}
