package org.cryoj.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;

class BackProjectorTest {

    @Test
    void fourierSliceRoundTripRecoversTheMap() {
        int n = 32;
        // band-limited truth: blobs low-passed at 4 pixels (shell 8 of 16)
        FloatVolume truth = FourierFilters.lowPass(TestMaps.blobs(n, 15, 1.5, 4), 4, 1, 2);
        Projector projector = Projector.of(truth, 2);
        BackProjector bp = new BackProjector(projector.grid());
        float[] f = new float[projector.projectionLength()];
        Random rnd = new Random(5);
        for (int i = 0; i < 2000; i++) {
            double[][] a = TestMaps.randomRotation(rnd);
            projector.project(a, f);
            bp.backproject(f, null, a);
        }
        FloatVolume rec = bp.reconstruct(1.0);
        double cc = ImageAssert.correlation(truth.data(), rec.data());
        System.out.printf("round trip: 2000 projections, box %d, pad 2: correlation %.5f%n", n, cc);
        assertTrue(cc >= 0.99, "round-trip correlation " + cc);
        // and the scale is kept: same values, not only the same shape
        ImageAssert.assertImagesEqual(truth, rec, 0.05 * max(truth.data()));
    }

    @Test
    void mergedHalvesEqualTheWholeSet() {
        int n = 16;
        FloatVolume map = TestMaps.blobs(n, 6, 1.5, 6);
        Projector projector = Projector.of(map, 2);
        FourierGrid g = projector.grid();
        BackProjector all = new BackProjector(g), half1 = new BackProjector(g), half2 = new BackProjector(g);
        float[] f = new float[projector.projectionLength()];
        float[] ctf = new float[(n / 2 + 1) * n];
        Random rnd = new Random(7);
        for (int i = 0; i < 50; i++) {
            double[][] a = TestMaps.randomRotation(rnd);
            projector.project(a, f);
            for (int k = 0; k < ctf.length; k++) ctf[k] = (float) Math.cos(0.05 * k * (i + 1));
            all.backproject(f, ctf, a);
            (i % 2 == 0 ? half1 : half2).backproject(f, ctf, a);
        }
        half1.merge(half2);
        assertClose(all.data(), half1.data(), 1e-5);
        assertClose(all.weight(), half1.weight(), 1e-5);
    }

    @Test
    void symmetrisingEqualsBackprojectingTheSymmetryExpandedSet() {
        int n = 16;
        FloatVolume map = TestMaps.blobs(n, 6, 1.5, 8);
        Projector projector = Projector.of(map, 2);
        FourierGrid g = projector.grid();
        List<double[][]> ops = new ArrayList<>();
        for (Rotation3 r : SymmetryGroup.parse("D2").operators()) ops.add(TestMaps.matrix(r));
        assertEquals(4, ops.size());
        BackProjector symmetrised = new BackProjector(g), expanded = new BackProjector(g);
        float[] f = new float[projector.projectionLength()];
        Random rnd = new Random(9);
        for (int i = 0; i < 20; i++) {
            double[][] a = TestMaps.randomRotation(rnd);
            projector.project(TestMaps.randomRotation(rnd), f); // any image will do
            symmetrised.backproject(f, null, a);
            for (double[][] r : ops) expanded.backproject(f, null, multiply(a, r));
        }
        symmetrised.symmetrise(ops);
        // the symmetrised accumulator is defined within the radius; clear the expanded one's fringe
        clearOutsideRadius(expanded);
        assertClose(expanded.data(), symmetrised.data(), 1e-5);
        assertClose(expanded.weight(), symmetrised.weight(), 1e-5);
    }

    /**
     * Operators that take grid points to grid points (D2's and C4's all, D3's identity and one 2-fold) are read
     * directly; the sums are the trilinear readings' bit for bit, as the symmetrisation defines them.
     */
    @Test
    void gridPointOperatorsGiveTheTrilinearSumsExactly() {
        FourierGrid g = Projector.of(TestMaps.blobs(24, 6, 1.5, 3), 1).grid();
        for (String sym : new String[] {"D2", "C4", "D3"}) {
            List<double[][]> ops = new ArrayList<>();
            for (Rotation3 r : SymmetryGroup.parse(sym).operators()) ops.add(TestMaps.matrix(r));
            BackProjector bp = new BackProjector(g);
            Random rnd = new Random(sym.hashCode());
            for (int i = 0; i < bp.data().length; i++) bp.data()[i] = i % 97 == 0 ? -0f : (float) rnd.nextGaussian();
            for (int i = 0; i < bp.weight().length; i++) bp.weight()[i] = i % 89 == 0 ? 0f : (float) rnd.nextDouble();
            float[] d0 = bp.data().clone(), w0 = bp.weight().clone();
            float[] data = new float[d0.length], weight = new float[w0.length], v = new float[2];
            int r = g.radius();
            for (double[][] m : ops)
                for (int z = -r; z <= r; z++)
                    for (int y = -r; y <= r; y++)
                        for (int x = 0; x <= r; x++) {
                            if (x * x + y * y + z * z > r * r) continue;
                            double xp = m[0][0] * x + m[0][1] * y + m[0][2] * z;
                            double yp = m[1][0] * x + m[1][1] * y + m[1][2] * z;
                            double zp = m[2][0] * x + m[2][1] * y + m[2][2] * z;
                            int o = g.index(x, y, z);
                            Trilinear.complexAt(d0, g, xp, yp, zp, v);
                            data[2 * o] += v[0];
                            data[2 * o + 1] += v[1];
                            weight[o] += Trilinear.realAt(w0, g, xp, yp, zp);
                        }
            bp.symmetrise(ops);
            assertArrayEquals(data, bp.data(), sym + ": data");
            assertArrayEquals(weight, bp.weight(), sym + ": weight");
        }
        assertTrue(BackProjector.signedPermutation(new double[][] {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}));
        assertTrue(!BackProjector.signedPermutation(new double[][] {{0.5, -Math.sqrt(0.75), 0}, {Math.sqrt(0.75), 0.5, 0}, {0, 0, 1}}));
    }

    private static void clearOutsideRadius(BackProjector bp) {
        FourierGrid g = bp.grid();
        int c = g.radius() + 1, r2 = g.radius() * g.radius();
        for (int z = -c; z <= c; z++)
            for (int y = -c; y <= c; y++)
                for (int x = 0; x <= c; x++) {
                    if (x * x + y * y + z * z <= r2) continue;
                    int o = g.index(x, y, z);
                    bp.weight()[o] = 0;
                    bp.data()[2 * o] = 0;
                    bp.data()[2 * o + 1] = 0;
                }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) m[i][j] += a[i][k] * b[k][j];
        return m;
    }

    /** Equal up to float rounding, relative to the largest magnitude. */
    /**
     * The refinement's shortcuts: images weighted only within a radius, backprojected over that disc
     * alone, and many images at one orientation summed into one slice at listed pixels, must equal
     * adding the images one by one over the whole box.
     */
    @Test
    void discAndSummedSlicesEqualImagesOneByOne() {
        int n = 24, hx = n / 2 + 1, radius = 7;
        FourierGrid g = new FourierGrid(n, 2, n / 2);
        Random rnd = new Random(3);
        double[][] a = TestMaps.randomRotation(rnd);
        // the disc's pixels, both halves of the kx = 0 column, as the refinement's window lists them
        List<int[]> disc = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ky = i <= n / 2 ? i : i - n;
            for (int kx = 0; kx < hx; kx++) if (kx * kx + ky * ky <= radius * radius) disc.add(new int[] {kx, ky, kx + hx * i});
        }
        int[] kx = new int[disc.size()], ky = new int[disc.size()];
        float[] sliceData = new float[2 * disc.size()], sliceWeight = new float[disc.size()];
        BackProjector oneByOne = new BackProjector(g), discOnly = new BackProjector(g), summed = new BackProjector(g);
        for (int image = 0; image < 3; image++) {
            float[] f = new float[2 * hx * n], ctf = new float[hx * n], w = new float[hx * n];
            for (int p = 0; p < ctf.length; p++) {
                f[2 * p] = (float) rnd.nextGaussian();
                f[2 * p + 1] = (float) rnd.nextGaussian();
                ctf[p] = (float) (2 * rnd.nextDouble() - 1);
            }
            for (int j = 0; j < disc.size(); j++) {
                int p = disc.get(j)[2];
                w[p] = (float) rnd.nextDouble();
                kx[j] = disc.get(j)[0];
                ky[j] = disc.get(j)[1];
                sliceData[2 * j] += w[p] * ctf[p] * f[2 * p];
                sliceData[2 * j + 1] += w[p] * ctf[p] * f[2 * p + 1];
                sliceWeight[j] += w[p] * ctf[p] * ctf[p];
            }
            oneByOne.backproject(f, ctf, w, a);
            discOnly.backproject(f, ctf, w, a, radius);
        }
        summed.backprojectSlice(kx, ky, sliceData, sliceWeight, a);
        assertArrayEquals(oneByOne.data(), discOnly.data(), 0f);
        assertArrayEquals(oneByOne.weight(), discOnly.weight(), 0f);
        assertTrue(max(oneByOne.weight()) > 0, "something was added");
        assertClose(oneByOne.data(), summed.data(), 1e-5);
        assertClose(oneByOne.weight(), summed.weight(), 1e-5);
    }

    /**
     * Several slices at once (pixel tiles outermost, the common splat unrolled) against splatting
     * written out here from the definition: eight trilinear neighbours of A^T(x, y, 0) times the
     * padding, Friedel mates for x &lt; 0 and on the x = 0 plane (the origin is its own mate: once, as
     * RELION's enforceHermitianSymmetry leaves it), the kx = 0 column's lower half skipped.
     */
    /** With the window within the grid's radius (16), and reaching beyond it (10: nothing is splatted there). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {16, 10})
    void severalSlicesAtOnceEqualSplattingByDefinition(int gridRadius) {
        int n = 32, pad = 2;
        FourierGrid g = new FourierGrid(n, pad, gridRadius);
        Random rnd = new Random(5);
        List<int[]> pixels = new ArrayList<>();
        for (int ky = -n / 2 + 1; ky <= n / 2; ky++)
            for (int kx = 0; kx <= n / 2; kx++) if (kx * kx + ky * ky <= 13 * 13) pixels.add(new int[] {kx, ky});
        int k = pixels.size(), count = 5;
        int[] kx = new int[k], ky = new int[k];
        for (int j = 0; j < k; j++) { kx[j] = pixels.get(j)[0]; ky[j] = pixels.get(j)[1]; }
        float[][] data = new float[count][2 * k], weight = new float[count][k];
        double[][][] a = new double[count][][];
        float[] refData = new float[2 * g.size()], refWeight = new float[g.size()];
        for (int s = 0; s < count; s++) {
            a[s] = TestMaps.randomRotation(rnd);
            for (int j = 0; j < k; j++) {
                data[s][2 * j] = (float) rnd.nextGaussian();
                data[s][2 * j + 1] = (float) rnd.nextGaussian();
                weight[s][j] = (float) rnd.nextDouble();
                if ((kx[j] == 0 && ky[j] < 0) || kx[j] * kx[j] + ky[j] * ky[j] > gridRadius * gridRadius) continue;
                double xp = pad * (a[s][0][0] * kx[j] + a[s][1][0] * ky[j]), yp = pad * (a[s][0][1] * kx[j] + a[s][1][1] * ky[j]);
                double zp = pad * (a[s][0][2] * kx[j] + a[s][1][2] * ky[j]);
                double sign = ((kx[j] + ky[j]) & 1) == 0 ? 1 : -1, re = sign * data[s][2 * j], im = sign * data[s][2 * j + 1];
                if (xp < 0) { xp = -xp; yp = -yp; zp = -zp; im = -im; }
                int x0 = (int) Math.floor(xp), y0 = (int) Math.floor(yp), z0 = (int) Math.floor(zp);
                for (int c = 0; c < 8; c++) {
                    int x = x0 + (c & 1), y = y0 + (c >> 1 & 1), z = z0 + (c >> 2 & 1);
                    double t = (1 - Math.abs(xp - x)) * (1 - Math.abs(yp - y)) * (1 - Math.abs(zp - z));
                    int o = g.index(x, y, z);
                    refData[2 * o] += t * re;
                    refData[2 * o + 1] += t * im;
                    refWeight[o] += t * weight[s][j];
                    if (x == 0 && (y != 0 || z != 0)) {
                        int m = g.index(0, -y, -z);
                        refData[2 * m] += t * re;
                        refData[2 * m + 1] -= t * im;
                        refWeight[m] += t * weight[s][j];
                    }
                }
            }
        }
        BackProjector bp = new BackProjector(g);
        bp.backprojectSlices(kx, ky, data, weight, a, count);
        assertClose(refData, bp.data(), 1e-5);
        assertClose(refWeight, bp.weight(), 1e-5);
    }

    private static void assertClose(float[] expected, float[] actual, double rel) {
        assertEquals(expected.length, actual.length);
        double scale = max(expected);
        for (int i = 0; i < expected.length; i++)
            if (Math.abs(expected[i] - actual[i]) > rel * scale)
                assertArrayEquals(new float[] {expected[i]}, new float[] {actual[i]}, "element " + i);
    }

    private static double max(float[] d) {
        double m = 0;
        for (float v : d) m = Math.max(m, Math.abs(v));
        return m;
    }
    @Test
    void pixelWeightsScaleDataAndWeightLikeASquareRootSplitBetweenImageAndCtf() {
        // data += w c f and weight += w c² equal a plain backprojection of sqrt(w) f with CTF sqrt(w) c
        int n = 16, hx = n / 2 + 1;
        FloatVolume map = TestMaps.blobs(n, 6, 1.5, 9);
        Projector projector = Projector.of(map, 2);
        BackProjector weighted = new BackProjector(projector.grid()), plain = new BackProjector(projector.grid());
        float[] f = new float[projector.projectionLength()], g = new float[f.length];
        float[] ctf = new float[hx * n], w = new float[hx * n], c2 = new float[hx * n];
        Random rnd = new Random(3);
        for (int i = 0; i < 20; i++) {
            double[][] a = TestMaps.randomRotation(rnd);
            projector.project(a, f);
            for (int k = 0; k < ctf.length; k++) {
                ctf[k] = (float) (rnd.nextDouble() * 2 - 1);
                w[k] = k % 7 == 0 ? 0f : (float) (0.1 + 2 * rnd.nextDouble());
                float r = (float) Math.sqrt(w[k]);
                c2[k] = r * ctf[k];
                g[2 * k] = r * f[2 * k];
                g[2 * k + 1] = r * f[2 * k + 1];
            }
            weighted.backproject(f, ctf, w, a);
            plain.backproject(g, c2, a);
        }
        assertClose(plain.data(), weighted.data(), 1e-4);
        assertClose(plain.weight(), weighted.weight(), 1e-4);
    }

}
