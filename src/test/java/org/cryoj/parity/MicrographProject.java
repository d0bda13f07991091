package org.cryoj.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.parity.CaseInput.MicrographInput;

/**
 * A small RELION project to re-extract from: micrographs (noise, a gentle ramp, dark Gaussian
 * blobs), {@code micrographs_ctf.star} and a refined {@code run_data.star}. Micrograph names are
 * absolute, so both tools read them from any folder; they keep RELION's
 * {@code MotionCorr/jobNNN/} form, from which both name the particle stacks. Particle coordinates
 * are whole pixels or (one in four) fractional, some boxes run over the edge, and each particle
 * has a random pose and an origin of up to 6 micrograph pixels.
 */
public final class MicrographProject {
    public static final String MICS_STAR = "CtfFind/job003/micrographs_ctf.star";
    public static final String DATA_STAR = "Refine3D/job010/run_data.star";

    private MicrographProject() {}

    public static void write(MicrographInput in, Path dir) throws IOException {
        Random r = new Random(in.seed());
        StringBuilder parts = new StringBuilder();
        for (int m = 1; m <= in.mics(); m++) {
            int w = in.width(), h = in.height();
            float[] px = new float[w * h];
            for (int i = 0; i < px.length; i++)
                px[i] = (float) (0.3 * r.nextGaussian() + 0.004 * (i % w) - 0.002 * (i / w));
            for (int k = 0; k < in.perMic(); k++) {
                // the first particle of each micrograph sits near an edge, so its box is filled from the edge pixels
                double tx = k == 0 ? 3 + 5 * r.nextDouble() : 10 + (w - 20) * r.nextDouble();
                double ty = k == 0 ? h - 3 - 5 * r.nextDouble() : 10 + (h - 20) * r.nextDouble();
                addBlob(px, w, h, tx, ty, 2 + 2 * r.nextDouble());
                double cx = Math.round(tx) + r.nextInt(9) - 4, cy = Math.round(ty) + r.nextInt(9) - 4;
                if (r.nextInt(4) == 0) { cx += Math.round(r.nextDouble() * 100) / 100.0; cy += Math.round(r.nextDouble() * 100) / 100.0; }
                cx = Math.max(0, Math.min(w - 1, cx));
                cy = Math.max(0, Math.min(h - 1, cy));
                // centre = coordinate - origin / micrograph pixel size
                double ox = (cx - tx) * in.micAngpix(), oy = (cy - ty) * in.micAngpix();
                parts.append(String.format(Locale.ROOT,
                        "%.6f %.6f %06d@Extract/job007/Movies/mic%d.mrcs %s 1 %.6f %.6f %.6f %.6f %.6f %.6f %.6f %.6f 1 %d%n",
                        cx, cy, k + 1, m, dir.resolve(micName(m)).toAbsolutePath(), 15000 + 2000 * r.nextDouble(),
                        14500 + 2000 * r.nextDouble(), 180 * r.nextDouble(), 360 * r.nextDouble() - 180,
                        180 * r.nextDouble(), 360 * r.nextDouble() - 180, ox, oy, 1 + k % 2));
            }
            Path f = dir.resolve(micName(m));
            Files.createDirectories(f.getParent());
            MrcFile.write(f, new FloatVolume(w, h, 1, px, in.micAngpix()), MrcMode.FLOAT32, true);
        }
        writeMicrographsStar(in, dir, r);
        writeDataStar(in, dir, parts);
    }

    static String micName(int m) {
        return "MotionCorr/job002/Movies/mic" + m + ".mrc";
    }

    private static void addBlob(float[] px, int w, int h, double cx, double cy, double sigma) {
        int reach = (int) Math.ceil(4 * sigma);
        for (int y = Math.max(0, (int) cy - reach); y <= Math.min(h - 1, (int) cy + reach); y++)
            for (int x = Math.max(0, (int) cx - reach); x <= Math.min(w - 1, (int) cx + reach); x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                px[x + w * y] -= (float) (3 * Math.exp(-d2 / (2 * sigma * sigma)));
            }
    }

    private static String optics(String extra) {
        return "\n# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n"
                + "_rlnMicrographOriginalPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n" + extra;
    }

    private static void writeMicrographsStar(MicrographInput in, Path dir, Random r) throws IOException {
        StringBuilder sb = new StringBuilder(optics("_rlnMicrographPixelSize #7\n"));
        sb.append(String.format(Locale.ROOT, "opticsGroup1 1 %.6f 300.000000 2.700000 0.100000 %.6f%n%n", in.micAngpix(), in.micAngpix()));
        sb.append("\n# version 30001\n\ndata_micrographs\n\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\n")
          .append("_rlnDefocusU #3\n_rlnDefocusV #4\n_rlnDefocusAngle #5\n_rlnCtfMaxResolution #6\n_rlnCtfFigureOfMerit #7\n");
        for (int m = 1; m <= in.mics(); m++)
            sb.append(String.format(Locale.ROOT, "%s 1 %.6f %.6f %.6f %.6f %.6f%n", dir.resolve(micName(m)).toAbsolutePath(),
                    15000 + 2000 * r.nextDouble(), 14500 + 2000 * r.nextDouble(), 180 * r.nextDouble(), 3 + 2 * r.nextDouble(), 0.1 * r.nextDouble()));
        write(dir.resolve(MICS_STAR), sb.toString());
    }

    private static void writeDataStar(MicrographInput in, Path dir, StringBuilder rows) throws IOException {
        StringBuilder sb = new StringBuilder(optics("_rlnImagePixelSize #7\n_rlnImageSize #8\n_rlnImageDimensionality #9\n"));
        int refinedBox = 2 * (int) Math.round(16 * in.micAngpix() / in.partAngpix());
        sb.append(String.format(Locale.ROOT, "opticsGroup1 1 %.6f 300.000000 2.700000 0.100000 %.6f %d 2%n%n",
                in.micAngpix(), in.partAngpix(), refinedBox));
        sb.append("\n# version 30001\n\ndata_particles\n\nloop_\n");
        String[] labels = {"rlnCoordinateX", "rlnCoordinateY", "rlnImageName", "rlnMicrographName", "rlnOpticsGroup",
                "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnOriginXAngst", "rlnOriginYAngst", "rlnClassNumber", "rlnRandomSubset"};
        for (int i = 0; i < labels.length; i++) sb.append('_').append(labels[i]).append(" #").append(i + 1).append('\n');
        sb.append(rows);
        write(dir.resolve(DATA_STAR), sb.toString());
    }

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
