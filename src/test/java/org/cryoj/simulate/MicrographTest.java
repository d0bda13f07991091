package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.extract.ExtractSettings;
import org.cryoj.extract.ParticleExtractor;
import org.cryoj.extract.ProgressListener;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcValidator;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrograph mode: re-extraction (ours and relion_preprocess) finds the true centres. */
class MicrographTest {
    private static final double ANGPIX = 3.54;
    @TempDir Path dir;

    @Test
    void reextractedParticlesAreCentredOnTheTruth() throws Exception {
        ExternalTools.require("relion_project");
        Simulation.Result r = Simulation.run(SimulationTestData.micrographs(dir, 24, 384, Double.POSITIVE_INFINITY));
        assertEquals(2, r.particles().stream().mapToInt(SimulatedParticle::micrograph).max().orElseThrow());
        for (Path f : r.files())
            if (f.toString().endsWith(".mrc")) assertTrue(MrcValidator.validate(f).isEmpty(), f + ": " + MrcValidator.validate(f));

        ExtractSettings es = new ExtractSettings(64, -1, true, true, -1, -1, -1, true, false, true, 0, 0, 0, -1, false, 2, false);
        new ParticleExtractor(dir, es).run(dir.resolve("micrographs_ctf.star"),
                dir.resolve("particles_picked_refined.star"), "Extract/job018/", Path.of("Extract/job018/particles.star"), ProgressListener.NONE);
        StarFile extracted = StarFile.read(dir.resolve("Extract/job018/particles.star"));
        StarTable p = extracted.block("particles").table();
        StarTable truth = StarFile.read(dir.resolve("truth.star")).block("particles").table();
        assertEquals(truth.rowCount(), p.rowCount());
        double worstCentre = 0;
        for (int i = 0; i < p.rowCount(); i++) {
            worstCentre = Math.max(worstCentre, Math.hypot(
                    p.getDouble(i, "rlnCoordinateX") - p.getDouble(i, "rlnOriginXAngst") / ANGPIX - truth.getDouble(i, "rlnCoordinateX"),
                    p.getDouble(i, "rlnCoordinateY") - p.getDouble(i, "rlnOriginYAngst") / ANGPIX - truth.getDouble(i, "rlnCoordinateY")));
            // relion_project below makes each particle at its true pose and the extracted origin
            for (String a : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi"}) p.setDouble(i, a, truth.getDouble(i, a));
        }
        assertTrue(worstCentre < 1e-4, "centre from the STAR off the truth by " + worstCentre + " px");
        StarFile.of(extracted.block("optics"), StarBlock.loop("particles", p)).write(dir.resolve("true_poses.star"), false);
        ExternalTools.runOk(dir, 120, "relion_project", "--i", SimulationTestData.PHANTOM.toAbsolutePath().toString(),
                "--ang", "true_poses.star", "--ctf", "--o", "relion_proj");
        FloatVolume expected = MrcFile.read(dir.resolve("relion_proj.mrcs"));
        double worstPeak = 0, lowestCc = 1;
        for (int i = 0; i < p.rowCount(); i++) {
            String[] at = p.getString(i, "rlnImageName").split("@");
            float[] img = slice(MrcFile.read(dir.resolve(at[1])), Integer.parseInt(at[0]) - 1);
            float[] ref = slice(expected, i);
            double[] peak = correlationPeak(ref, img, 64);
            worstPeak = Math.max(worstPeak, Math.hypot(peak[0], peak[1]));
            lowestCc = Math.min(lowestCc, ImageAssert.correlation(ref, img));
        }
        System.out.printf("simulate micrographs: %d particles re-extracted; centre from STAR within %.1e px of truth; "
                + "image vs relion_project at the truth: lowest correlation %.4f, worst peak offset %.3f px%n",
                p.rowCount(), worstCentre, lowestCc, worstPeak);
        assertTrue(worstPeak < 0.25, "correlation peak off centre by " + worstPeak + " px");
        assertTrue(lowestCc > 0.9, "lowest correlation " + lowestCc);
    }

    private static float[] slice(FloatVolume stack, int i) {
        int n = stack.nx() * stack.ny();
        float[] out = new float[n];
        System.arraycopy(stack.data(), i * n, out, 0, n);
        return out;
    }

    /** Sub-pixel position (parabola through the 3 x 3 neighbourhood) of the cross-correlation peak of b against a. */
    private static double[] correlationPeak(float[] a, float[] b, int n) {
        double[][] c = new double[3][3];
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                float[] s = new float[n * n];
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++) s[x + n * y] = a[Math.floorMod(x - dx, n) + n * Math.floorMod(y - dy, n)];
                c[dy + 1][dx + 1] = ImageAssert.correlation(s, b);
            }
        assertTrue(c[1][1] >= c[0][1] && c[1][1] >= c[2][1] && c[1][1] >= c[1][0] && c[1][1] >= c[1][2], "peak not at zero shift");
        double px = (c[1][0] - c[1][2]) / (2 * (c[1][0] - 2 * c[1][1] + c[1][2]));
        double py = (c[0][1] - c[2][1]) / (2 * (c[0][1] - 2 * c[1][1] + c[2][1]));
        return new double[] {px, py};
    }
}
