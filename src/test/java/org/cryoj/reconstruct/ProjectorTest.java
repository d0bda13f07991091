package org.cryoj.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.fourier.Fft;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorTest {

    @Test
    void windowProjectionEqualsTheWholePlaneAtItsPixels() {
        FloatVolume map = org.cryoj.map.Phantoms.d2(48, 4.72);
        java.util.Random r = new java.util.Random(6);
        for (int pad : new int[] {1, 2})
            for (int radius : new int[] {7, 16, 24}) {
                Projector p = Projector.of(map, pad, radius);
                org.cryoj.refine.FourierRegion window = new org.cryoj.refine.FourierRegion(48, radius);
                for (int k = 0; k < 5; k++) {
                    double[][] a = TestMaps.matrix(r.nextDouble() * 360 - 180, Math.toDegrees(Math.acos(2 * r.nextDouble() - 1)), r.nextDouble() * 360);
                    float[] full = new float[p.projectionLength()];
                    p.project(a, full);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(window.gather(full), window.project(p, a), 0f,
                            "pad " + pad + ", radius " + radius);
                }
            }
    }

    /**
     * Many rotations at once (pixel tiles outermost) give exactly each rotation's whole-plane projection at the window's
     * pixels: with the window within the projector's radius, and reaching beyond it (zeros there).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {20, 13})
    void manyRotationsAtOnceEqualTheWholePlanes(int projectorRadius) {
        FloatVolume map = org.cryoj.map.Phantoms.d2(48, 4.72);
        java.util.Random r = new java.util.Random(8);
        Projector p = Projector.of(map, 2, projectorRadius);
        org.cryoj.refine.FourierRegion window = new org.cryoj.refine.FourierRegion(48, 20);
        double[][][] a = new double[9][][];
        for (int k = 0; k < a.length; k++)
            a[k] = TestMaps.matrix(30 + r.nextDouble() * 3, 60 + r.nextDouble() * 3, r.nextDouble() * 360);
        float[][] many = new float[a.length][2 * window.size()];
        window.project(p, a, many);
        for (int k = 0; k < a.length; k++) {
            float[] full = new float[p.projectionLength()];
            p.project(a[k], full);
            org.junit.jupiter.api.Assertions.assertArrayEquals(window.gather(full), many[k], 0f, "rotation " + k);
        }
    }

    @Test
    void projectionAtZeroAnglesIsTheSumAlongZ() {
        int n = 32;
        FloatVolume map = TestMaps.blobs(n, 12, 2.0, 1);
        float[] sum = new float[n * n];
        for (int z = 0; z < n; z++)
            for (int i = 0; i < n * n; i++) sum[i] += map.data()[i + n * n * z];
        FloatVolume proj = Fft.inverse(Projector.of(map, 2).project(TestMaps.matrix(0, 0, 0)), 1);
        double cc = ImageAssert.correlation(sum, proj.data());
        // not exact: at these angles the slice hits grid points, so the gridding pre-correction
        // is not undone by interpolation (RELION behaves alike); the scale is checked against RELION below
        assertTrue(cc >= 0.999, "correlation with the z sum " + cc);
    }

    @Test
    void projectionsMatchRelionProject(@TempDir Path dir) throws Exception {
        ExternalTools.require("relion_project");
        int n = 32;
        FloatVolume map = TestMaps.blobs(n, 12, 1.5, 2);
        MrcFile.write(dir.resolve("map.mrc"), map, MrcMode.FLOAT32, false);
        Projector projector = Projector.of(map, 2);
        double[][] angles = {{0, 0, 0}, {30, 60, -45}, {-120, 95, 170}, {200, 10, 80}};
        for (int k = 0; k < angles.length; k++) {
            double[] a = angles[k];
            ExternalTools.runOk(dir, 60, "relion_project", "--i", "map.mrc", "--o", "proj" + k + ".mrc", "--angpix", "1",
                    "--rot", "" + a[0], "--tilt", "" + a[1], "--psi", "" + a[2]);
            FloatVolume relion = MrcFile.read(dir.resolve("proj" + k + ".mrc"));
            FloatVolume ours = Fft.inverse(projector.project(TestMaps.matrix(a[0], a[1], a[2])), 1);
            double cc = ImageAssert.correlation(relion.data(), ours.data());
            assertTrue(cc >= 0.999, "angles " + a[0] + "," + a[1] + "," + a[2] + ": correlation " + cc);
            ImageAssert.assertImagesEqual(relion, ours, 1e-3 * max(relion.data()));
        }
    }

    /** A projector cut to a smaller radius holds, float for float, what transforming the map for that radius gives. */
    @Test
    void restrictedProjectorEqualsTheOneMadeForItsRadius() {
        FloatVolume map = TestMaps.blobs(36, 10, 2.0, 5);
        for (int pad : new int[] {1, 2}) {
            Projector whole = Projector.of(map, pad, 17);
            for (int rMax : new int[] {17, 12, 5, 1}) {
                Projector cut = whole.restricted(rMax), made = Projector.of(map, pad, rMax);
                assertEquals(made.grid(), cut.grid());
                org.junit.jupiter.api.Assertions.assertArrayEquals(made.data(), cut.data(), "pad " + pad + ", rMax " + rMax);
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Projector.of(map, 1, 10).restricted(11));
    }

    @Test
    void padOneAndLimitedRadius() {
        int n = 32;
        FloatVolume map = TestMaps.blobs(n, 8, 2.5, 3);
        double[][] a = TestMaps.matrix(40, 70, 10);
        FloatVolume p2 = Fft.inverse(Projector.of(map, 2).project(a), 1);
        FloatVolume p1 = Fft.inverse(Projector.of(map, 1).project(a), 1);
        assertTrue(ImageAssert.correlation(p2.data(), p1.data()) > 0.99);
        // frequencies beyond rMax are zero
        var f = Projector.of(map, 2, 5).project(a);
        assertEquals(0f, f.re(6, 0, 0));
        assertEquals(0f, f.re(4, 4, 0));
        assertTrue(f.re(1, 0, 0) != 0f);
    }

    private static double max(float[] d) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : d) m = Math.max(m, v);
        return m;
    }
}
