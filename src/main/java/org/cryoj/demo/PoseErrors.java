package org.cryoj.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.geometry.AngularDistance;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/**
 * Refined poses against the simulator's truth: each refined particle is matched to the true
 * particle of its micrograph whose centre lies nearest to the refined centre (coordinate minus
 * origin), or for particle stacks to the true particle of the same rlnImageName, then the symmetry-aware rotation angle between the poses and the centre distance are
 * measured. Median errors are what the demo and the benchmarks report.
 */
public record PoseErrors(double[] angleDeg, double[] shiftPx) {

    public double medianAngle() { return median(angleDeg); }

    public double medianShift() { return median(shiftPx); }

    public int count() { return angleDeg.length; }

    /**
     * @param refined    run_data.star (RELION 3.1)
     * @param truth      the simulator's truth.star
     * @param micPixel   micrograph pixel size in Å (coordinates and origins are converted with it)
     */
    public static PoseErrors compare(Path refined, Path truth, SymmetryGroup sym, double micPixel) throws IOException {
        StarTable t = StarFile.read(truth).block("particles").table();
        Map<String, List<Integer>> byMic = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++)
            byMic.computeIfAbsent(t.getString(r, "rlnMicrographName"), k -> new ArrayList<>()).add(r);
        StarTable d = StarFile.read(refined).block("particles").table();
        double[] ang = new double[d.rowCount()], shift = new double[d.rowCount()];
        for (int r = 0; r < d.rowCount(); r++) {
            double x = d.getDouble(r, "rlnCoordinateX") - d.getDouble(r, "rlnOriginXAngst") / micPixel;
            double y = d.getDouble(r, "rlnCoordinateY") - d.getDouble(r, "rlnOriginYAngst") / micPixel;
            List<Integer> candidates = byMic.get(d.getString(r, "rlnMicrographName"));
            if (candidates == null)
                throw new IOException(refined + ": particle " + (r + 1) + " comes from a micrograph the truth does not have");
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c : candidates) {
                double dx = t.getDouble(c, "rlnCoordinateX") - x, dy = t.getDouble(c, "rlnCoordinateY") - y;
                double dist = Math.hypot(dx, dy);
                if (dist < bestD) { bestD = dist; best = c; }
            }
            shift[r] = bestD;
            ang[r] = AngularDistance.minimumRotationAngle(angles(d, r), angles(t, best), sym);
        }
        return new PoseErrors(ang, shift);
    }

    /**
     * For particle stacks (simulate --mode particles), where rlnImageName names each particle in
     * the truth and the refined file alike: the angle between the poses and the distance between
     * the refined and true origins, in pixels of {@code pixelSize} Å.
     */
    public static PoseErrors compareByImage(Path refined, Path truth, SymmetryGroup sym, double pixelSize) throws IOException {
        StarTable t = StarFile.read(truth).block("particles").table();
        Map<String, Integer> byImage = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) byImage.put(imageKey(t.getString(r, "rlnImageName")), r);
        StarTable d = StarFile.read(refined).block("particles").table();
        double[] ang = new double[d.rowCount()], shift = new double[d.rowCount()];
        for (int r = 0; r < d.rowCount(); r++) {
            Integer c = byImage.get(imageKey(d.getString(r, "rlnImageName")));
            if (c == null) throw new InputFormatException(refined, d.line(r), "rlnImageName",
                    "particle " + d.getString(r, "rlnImageName") + " is not in " + truth);
            double dx = d.getDouble(r, "rlnOriginXAngst") - t.getDouble(c, "rlnOriginXAngst");
            double dy = d.getDouble(r, "rlnOriginYAngst") - t.getDouble(c, "rlnOriginYAngst");
            shift[r] = Math.hypot(dx, dy) / pixelSize;
            ang[r] = AngularDistance.minimumRotationAngle(angles(d, r), angles(t, c), sym);
        }
        return new PoseErrors(ang, shift);
    }

    /** "000012@Particles/p.mrcs" and "12@Particles/p.mrcs" name the same image. */
    private static String imageKey(String name) {
        int at = name.indexOf('@');
        if (at < 0) return name;
        try {
            return Long.parseLong(name.substring(0, at).trim()) + name.substring(at);
        } catch (NumberFormatException e) {
            return name;
        }
    }

    private static EulerAngles angles(StarTable t, int r) {
        return new EulerAngles(t.getDouble(r, "rlnAngleRot"), t.getDouble(r, "rlnAngleTilt"), t.getDouble(r, "rlnAnglePsi"));
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
