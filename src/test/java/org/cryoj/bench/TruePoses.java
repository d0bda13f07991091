package org.cryoj.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/**
 * For bench/refine_box256.sh: a copy of a refinement's run_data.star (particles re-extracted from
 * simulated micrographs) with each particle's true angles and origin from the simulator's truth.star,
 * matched by centre as RefinePoseErrors matches them, so that a reconstruction from it is the map the
 * refinement would give with perfect poses.
 * Usage: TruePoses RUN_DATA_STAR TRUTH_STAR MICROGRAPH_PIXEL_SIZE OUT_STAR
 */
public final class TruePoses {
    private TruePoses() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TruePoses RUN_DATA_STAR TRUTH_STAR MICROGRAPH_PIXEL_SIZE OUT_STAR");
            System.exit(2);
        }
        StarFile data = StarFile.read(Path.of(args[0]));
        StarTable t = StarFile.read(Path.of(args[1])).block("particles").table();
        double micPixel = Double.parseDouble(args[2]);
        Map<String, List<Integer>> byMic = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++)
            byMic.computeIfAbsent(t.getString(r, "rlnMicrographName"), k -> new ArrayList<>()).add(r);
        StarBlock particles = data.block("particles");
        StarTable d = particles.table();
        for (int r = 0; r < d.rowCount(); r++) {
            double cx = d.getDouble(r, "rlnCoordinateX"), cy = d.getDouble(r, "rlnCoordinateY");
            double x = cx - d.getDouble(r, "rlnOriginXAngst") / micPixel, y = cy - d.getDouble(r, "rlnOriginYAngst") / micPixel;
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c : byMic.getOrDefault(d.getString(r, "rlnMicrographName"), List.of())) {
                double dist = Math.hypot(t.getDouble(c, "rlnCoordinateX") - x, t.getDouble(c, "rlnCoordinateY") - y);
                if (dist < bestD) { bestD = dist; best = c; }
            }
            if (best < 0) throw new IllegalArgumentException(args[0] + ": particle " + (r + 1) + " comes from a micrograph the truth does not have");
            for (String angle : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi"}) d.setDouble(r, angle, t.getDouble(best, angle));
            // the true centre sits at the extraction centre minus the origin
            d.setDouble(r, "rlnOriginXAngst", (cx - t.getDouble(best, "rlnCoordinateX")) * micPixel);
            d.setDouble(r, "rlnOriginYAngst", (cy - t.getDouble(best, "rlnCoordinateY")) * micPixel);
        }
        data.write(Path.of(args[3]), true);
    }
}
