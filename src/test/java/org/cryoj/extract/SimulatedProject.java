package org.cryoj.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;

/**
 * A tiny RELION project written for a test: two 512x512 micrographs (1 Å/px) with Gaussian
 * "particles" at known sub-pixel centres on noise and a gentle ramp, a micrographs STAR with CTF
 * columns, and a refined particles STAR (2 Å/px, as if refined binned by 2) whose integer
 * coordinates are off by known amounts recorded in rlnOriginX/YAngst. Public so that the Fiji
 * command tests (org.cryoj.ui) extract from the same project.
 */
public final class SimulatedProject {
    public static final int SIZE = 512;
    public static final double MIC_ANGPIX = 1.0, PART_ANGPIX = 2.0, BLOB_SIGMA = 4, BLOB_HEIGHT = 5;
    public static final String MICS_STAR = "CtfFind/job003/micrographs_ctf.star";
    public static final String DATA_STAR = "Refine3D/job010/run_data.star";

    /** A particle's true centre and what the STAR file says about it. */
    public record Particle(int mic, double trueX, double trueY, int coordX, int coordY, double originXAngst, double originYAngst) {}

    public final Path dir;
    public final List<Particle> particles = new ArrayList<>();

    public SimulatedProject(Path dir) throws IOException {
        this.dir = dir;
        Random r = new Random(42);
        for (int m = 1; m <= 2; m++) {
            float[] px = new float[SIZE * SIZE];
            for (int i = 0; i < px.length; i++)
                px[i] = (float) (0.05 * r.nextGaussian() + 0.002 * (i % SIZE) - 0.001 * (i / SIZE));
            // a 4x3 grid of particles, one of them near the edge so its box is clamped
            for (int k = 0; k < 12; k++) {
                double tx = (k == 0 ? 20 : 70 + 120 * (k % 4)) + r.nextDouble();
                double ty = 80 + 140 * (k / 4) + r.nextDouble();
                addBlob(px, tx, ty);
                int cx = (int) Math.round(tx) + r.nextInt(13) - 6, cy = (int) Math.round(ty) + r.nextInt(13) - 6;
                // centre = coordinate - origin / pixel size  =>  origin = (coordinate - centre) * pixel size
                particles.add(new Particle(m, tx, ty, cx, cy, (cx - tx) * MIC_ANGPIX, (cy - ty) * MIC_ANGPIX));
            }
            Path f = dir.resolve(micName(m));
            Files.createDirectories(f.getParent());
            MrcFile.write(f, new FloatVolume(SIZE, SIZE, 1, px, MIC_ANGPIX), MrcMode.FLOAT32, false);
        }
        writeMicrographsStar();
        writeDataStar(r);
    }

    public static String micName(int m) { return "MotionCorr/job002/Movies/mic" + m + ".mrc"; }

    private static void addBlob(float[] px, double cx, double cy) {
        for (int y = (int) cy - 20; y <= (int) cy + 20; y++)
            for (int x = Math.max(0, (int) cx - 20); x <= (int) cx + 20; x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                px[x + SIZE * y] -= (float) (BLOB_HEIGHT * Math.exp(-d2 / (2 * BLOB_SIGMA * BLOB_SIGMA)));  // dark particles
            }
    }

    private void writeMicrographsStar() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("\n# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n")
          .append("_rlnMicrographOriginalPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n")
          .append("_rlnAmplitudeContrast #6\n_rlnMicrographPixelSize #7\nopticsGroup1 1 1.000000 300.000000 2.700000 0.100000 1.000000\n\n")
          .append("\n# version 30001\n\ndata_micrographs\n\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\n")
          .append("_rlnDefocusU #3\n_rlnDefocusV #4\n_rlnDefocusAngle #5\n_rlnCtfMaxResolution #6\n_rlnCtfFigureOfMerit #7\n");
        for (int m = 1; m <= 2; m++)
            sb.append(micName(m)).append(" 1 ").append(15000 + 1000 * m).append(" 14800 30.0 4.5 0.12\n");
        write(MICS_STAR, sb.toString());
    }

    private void writeDataStar(Random r) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("\n# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n")
          .append("_rlnMicrographOriginalPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n")
          .append("_rlnImagePixelSize #7\n_rlnImageSize #8\n_rlnImageDimensionality #9\n")
          .append("opticsGroup1 1 1.000000 300.000000 2.700000 0.100000 2.000000 64 2\n\n")
          .append("\n# version 30001\n\ndata_particles\n\nloop_\n");
        String[] labels = {"rlnCoordinateX", "rlnCoordinateY", "rlnImageName", "rlnMicrographName", "rlnOpticsGroup",
                "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnOriginXAngst", "rlnOriginYAngst", "rlnClassNumber", "rlnRandomSubset"};
        for (int i = 0; i < labels.length; i++) sb.append('_').append(labels[i]).append(" #").append(i + 1).append('\n');
        int[] perMic = new int[3];
        for (Particle p : particles) {
            sb.append(String.format(Locale.ROOT, "%d.000000 %d.000000 %06d@Extract/job007/Movies/mic%d.mrcs %s 1 %.6f %.6f 30.0 %.6f %.6f %.6f %.6f %.6f 1 %d%n",
                    p.coordX(), p.coordY(), ++perMic[p.mic()], p.mic(), micName(p.mic()),
                    15000.0 + 1000 * p.mic() + 10 * r.nextDouble(), 14800.0, 360 * r.nextDouble() - 180,
                    180 * r.nextDouble(), 360 * r.nextDouble() - 180, p.originXAngst(), p.originYAngst(), 1 + (perMic[p.mic()] % 2)));
        }
        write(DATA_STAR, sb.toString());
    }

    private void write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
