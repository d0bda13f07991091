package org.cryoj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/**
 * STAR read/write timing. {@code StarBench generate FILE ROWS} writes a RELION 3.1 particles file
 * (2 optics groups, 25 particle columns, realistic values); {@code StarBench time FILE OUT}
 * reads and writes it three times in one JVM and prints the best times. bench/star_bench.sh
 * runs both and relion_star_handler on the same file.
 */
public final class StarBench {
    private StarBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("generate")) generate(file, Integer.parseInt(args[2]));
        else time(file, Path.of(args[2]));
    }

    private static final String[] PARTICLE_LABELS = {
        "rlnCoordinateX", "rlnCoordinateY", "rlnImageName", "rlnMicrographName", "rlnOpticsGroup",
        "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnPhaseShift", "rlnCtfBfactor", "rlnCtfScalefactor",
        "rlnCtfMaxResolution", "rlnCtfFigureOfMerit", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
        "rlnOriginXAngst", "rlnOriginYAngst", "rlnClassNumber", "rlnGroupNumber", "rlnRandomSubset",
        "rlnNormCorrection", "rlnLogLikeliContribution", "rlnMaxValueProbDistribution", "rlnNrOfSignificantSamples"};

    private static void generate(Path file, int rows) throws Exception {
        Random rnd = new Random(42);
        StarTable o = new StarTable("rlnOpticsGroupName", "rlnOpticsGroup", "rlnMicrographOriginalPixelSize",
                "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize",
                "rlnImageDimensionality");
        for (int g = 1; g <= 2; g++) {
            int r = o.addRow();
            o.setString(r, "rlnOpticsGroupName", "opticsGroup" + g);
            o.setInt(r, "rlnOpticsGroup", g);
            o.setDouble(r, "rlnMicrographOriginalPixelSize", 0.885);
            o.setDouble(r, "rlnVoltage", 300);
            o.setDouble(r, "rlnSphericalAberration", 2.7);
            o.setDouble(r, "rlnAmplitudeContrast", 0.1);
            o.setDouble(r, "rlnImagePixelSize", 1.77);
            o.setInt(r, "rlnImageSize", 192);
            o.setInt(r, "rlnImageDimensionality", 2);
        }
        StarTable p = new StarTable(PARTICLE_LABELS);
        for (int i = 0; i < rows; i++) {
            int r = p.addRow();
            int mic = i / 200 + 1;
            double defocus = 8000 + 20000 * rnd.nextDouble();
            p.setDouble(r, StarLabel.COORDINATE_X, 100 + 3600 * rnd.nextDouble());
            p.setDouble(r, StarLabel.COORDINATE_Y, 100 + 3600 * rnd.nextDouble());
            p.setString(r, StarLabel.IMAGE_NAME, String.format("%06d@Extract/job012/Movies/mic_%05d.mrcs", i % 200 + 1, mic));
            p.setString(r, StarLabel.MICROGRAPH_NAME, String.format("MotionCorr/job002/Movies/mic_%05d.mrc", mic));
            p.setInt(r, StarLabel.OPTICS_GROUP, 1 + (mic % 2));
            p.setDouble(r, StarLabel.DEFOCUS_U, defocus + 300 * rnd.nextDouble());
            p.setDouble(r, StarLabel.DEFOCUS_V, defocus);
            p.setDouble(r, StarLabel.DEFOCUS_ANGLE, 180 * rnd.nextDouble() - 90);
            p.setDouble(r, StarLabel.PHASE_SHIFT, 0);
            p.setDouble(r, StarLabel.CTF_BFACTOR, 0);
            p.setDouble(r, StarLabel.CTF_SCALEFACTOR, 1);
            p.setDouble(r, StarLabel.CTF_MAX_RESOLUTION, 3 + 5 * rnd.nextDouble());
            p.setDouble(r, StarLabel.CTF_FIGURE_OF_MERIT, 0.1 + 0.2 * rnd.nextDouble());
            p.setDouble(r, StarLabel.ANGLE_ROT, 360 * rnd.nextDouble() - 180);
            p.setDouble(r, StarLabel.ANGLE_TILT, 180 * rnd.nextDouble());
            p.setDouble(r, StarLabel.ANGLE_PSI, 360 * rnd.nextDouble() - 180);
            p.setDouble(r, StarLabel.ORIGIN_X_ANGST, 10 * rnd.nextGaussian());
            p.setDouble(r, StarLabel.ORIGIN_Y_ANGST, 10 * rnd.nextGaussian());
            p.setInt(r, StarLabel.CLASS_NUMBER, 1);
            p.setInt(r, StarLabel.GROUP_NUMBER, 1 + mic % 40);
            p.setInt(r, StarLabel.RANDOM_SUBSET, 1 + i % 2);
            p.setDouble(r, StarLabel.NORM_CORRECTION, 0.8 + 0.4 * rnd.nextDouble());
            p.setDouble(r, StarLabel.LOG_LIKELI_CONTRIBUTION, 1.0e5 + 5e4 * rnd.nextDouble());
            p.setDouble(r, StarLabel.MAX_VALUE_PROB_DISTRIBUTION, rnd.nextDouble());
            p.setInt(r, StarLabel.NR_OF_SIGNIFICANT_SAMPLES, 1 + rnd.nextInt(50));
        }
        StarFile.of(StarBlock.loop("optics", o), StarBlock.loop("particles", p)).write(file, true);
        System.out.printf("wrote %s: %d rows, %d columns, %.1f MB%n", file, rows, PARTICLE_LABELS.length, Files.size(file) / 1e6);
    }

    private static void time(Path file, Path out) throws Exception {
        double bestRead = Double.MAX_VALUE, bestWrite = Double.MAX_VALUE;
        long rows = 0;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            StarFile star = StarFile.read(file);
            long t1 = System.nanoTime();
            star.write(out, true);
            long t2 = System.nanoTime();
            rows = star.block("particles").table().rowCount();
            bestRead = Math.min(bestRead, (t1 - t0) / 1e9);
            bestWrite = Math.min(bestWrite, (t2 - t1) / 1e9);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        StarFile kept = StarFile.read(file);
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory();
        System.out.printf("cryoj rows=%d read_s=%.2f write_s=%.2f heap_after_read_MB=%.0f (%d blocks)%n",
                rows, bestRead, bestWrite, heap / 1e6, kept.blocks().size());
    }
}
