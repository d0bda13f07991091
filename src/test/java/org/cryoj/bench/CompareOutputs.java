package org.cryoj.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ImageAssert;

/**
 * For bench/refine_vs_relion.sh: how close CryoJ's output is to RELION's for the same step.
 * <pre>
 * CompareOutputs maps A.mrc B.mrc                     -> "correlation max_abs_difference"
 * CompareOutputs particles PROJECT_DIR A.star B.star  -> "lowest_per_image_correlation max_abs_difference
 *                                                         max_coordinate_difference particles"
 * CompareOutputs poses A_data.star B_data.star         -> "particles_with_another_pose particles"
 * </pre>
 * A pose differs where an angle differs by more than 0.01 degree or an origin by more than 0.01 A
 * (another sample of the search grids), as RefineOnDeviceContract counts them.
 * Particles are matched row by row (both tools keep the input order); image names are relative
 * to PROJECT_DIR, as RELION writes them.
 */
public final class CompareOutputs {
    private CompareOutputs() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("maps")) {
            float[] a = MrcFile.read(Path.of(args[1])).data(), b = MrcFile.read(Path.of(args[2])).data();
            if (a.length != b.length) throw new IllegalArgumentException(args[1] + " and " + args[2] + " differ in size");
            System.out.printf(Locale.ROOT, "%.9f %.3g%n", ImageAssert.correlation(a, b), maxAbsDifference(a, b));
        } else if (args.length == 4 && args[0].equals("particles")) {
            Particles p = compareParticles(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            System.out.printf(Locale.ROOT, "%.9f %.3g %.3g %d%n", p.lowestCorrelation(), p.maxDifference(), p.maxCoordinateDifference(), p.count());
        } else if (args.length == 3 && args[0].equals("poses")) {
            StarTable a = StarFile.read(Path.of(args[1])).block("particles").table(), b = StarFile.read(Path.of(args[2])).block("particles").table();
            if (a.rowCount() != b.rowCount()) throw new IllegalArgumentException(args[1] + " and " + args[2] + " differ in particles");
            int differ = 0;
            for (int i = 0; i < a.rowCount(); i++) {
                for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst"}) {
                    if (Math.abs(a.getDouble(i, l) - b.getDouble(i, l)) > 0.01) {
                        differ++;
                        break;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%d %d%n", differ, a.rowCount());
        } else {
            System.err.println("usage: CompareOutputs maps A.mrc B.mrc | particles PROJECT_DIR A.star B.star | poses A.star B.star");
            System.exit(2);
        }
    }

    record Particles(double lowestCorrelation, double maxDifference, double maxCoordinateDifference, int count) {}

    static Particles compareParticles(Path project, Path starA, Path starB) throws IOException {
        StarTable a = StarFile.read(starA).block("particles").table(), b = StarFile.read(starB).block("particles").table();
        if (a.rowCount() != b.rowCount())
            throw new IllegalArgumentException(starA + " has " + a.rowCount() + " particles, " + starB + " has " + b.rowCount());
        // rows come stack by stack: a few stacks at a time suffice (all of them filled the heap at 16,000 particles)
        Map<Path, FloatVolume> stacks = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Path, FloatVolume> eldest) { return size() > 4; }
        };
        double minCorrelation = 1, maxDifference = 0, maxCoordinateDifference = 0;
        for (int i = 0; i < a.rowCount(); i++) {
            for (String label : new String[] {"rlnCoordinateX", "rlnCoordinateY"})
                maxCoordinateDifference = Math.max(maxCoordinateDifference, Math.abs(a.getDouble(i, label) - b.getDouble(i, label)));
            float[] x = image(project, a.getString(i, "rlnImageName"), stacks, starA, i);
            float[] y = image(project, b.getString(i, "rlnImageName"), stacks, starB, i);
            if (x.length != y.length) throw new IllegalArgumentException("row " + (i + 1) + ": the images differ in size");
            minCorrelation = Math.min(minCorrelation, ImageAssert.correlation(x, y));
            maxDifference = Math.max(maxDifference, maxAbsDifference(x, y));
        }
        return new Particles(minCorrelation, maxDifference, maxCoordinateDifference, a.rowCount());
    }

    /** The pixels of "NNNNNN@stack.mrcs" (1-based), reading each stack once while its rows come. */
    private static float[] image(Path project, String name, Map<Path, FloatVolume> stacks, Path star, int row) throws IOException {
        int at = name.indexOf('@');
        if (at < 1) throw new IllegalArgumentException(star + " row " + (row + 1) + ": rlnImageName " + name + " is not N@stack");
        int n = Integer.parseInt(name.substring(0, at));
        Path file = project.resolve(name.substring(at + 1));
        FloatVolume stack = stacks.get(file);
        if (stack == null) {
            stack = MrcFile.read(file);
            stacks.put(file, stack);
        }
        int size = stack.nx() * stack.ny();
        if (n < 1 || n > stack.nz())
            throw new IllegalArgumentException(star + " row " + (row + 1) + ": image " + n + " of " + file + ", which has " + stack.nz());
        return Arrays.copyOfRange(stack.data(), (n - 1) * size, n * size);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }
}
