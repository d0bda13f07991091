package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Both kernels against sums in double precision, on lengths that leave remainders after the
 * vector and block loops (odd counts of projections, translations and pixels).
 */
class DotKernelTest {
    private static final DotKernel SCALAR = DotKernel.choose(false), VECTOR = DotKernel.choose(true);

    @Test
    void theTestJvmHasTheVectorModuleSoBothKernelsAreTested() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the cryoj launcher does
        assertTrue(DotKernel.best().name().startsWith("SIMD"), DotKernel.best().name());
        assertTrue(SCALAR.name().startsWith("scalar"));
    }

    @Test
    void crossAllEqualsDoublePrecisionSums() {
        Random r = new Random(4);
        for (int[] shape : new int[][] {{9, 5, 1134}, {4, 2, 16}, {1, 1, 3}, {7, 3, 37}}) {
            float[][] p = random(r, shape[0], shape[2]), b = random(r, shape[1], shape[2]);
            for (DotKernel k : new DotKernel[] {SCALAR, VECTOR}) {
                double[] out = new double[shape[0] * shape[1]];
                k.crossAll(p, b, out);
                for (int o = 0; o < shape[0]; o++)
                    for (int t = 0; t < shape[1]; t++) {
                        double ref = 0, mag = 0;
                        for (int i = 0; i < shape[2]; i++) { ref += (double) b[t][i] * p[o][i]; mag += Math.abs((double) b[t][i] * p[o][i]); }
                        assertEquals(ref, out[o * shape[1] + t], 1e-6 * mag, k.name() + " o=" + o + " t=" + t);
                        assertEquals(ref, k.dot(b[t], p[o]), 1e-6 * mag, k.name() + " dot");
                    }
            }
        }
    }

    @Test
    void weightedSquaresEqualsDoublePrecisionSums() {
        Random r = new Random(5);
        for (int n : new int[] {1, 17, 1134}) {
            float[] w = random(r, 1, n)[0], p = random(r, 1, n)[0];
            double ref = 0, mag = 0;
            for (int i = 0; i < n; i++) { ref += (double) w[i] * p[i] * p[i]; mag += Math.abs((double) w[i] * p[i] * p[i]); }
            for (DotKernel k : new DotKernel[] {SCALAR, VECTOR}) assertEquals(ref, k.weightedSquares(w, p), 1e-6 * mag, k.name() + " n=" + n);
        }
    }

    private static float[][] random(Random r, int rows, int n) {
        float[][] a = new float[rows][n];
        for (float[] row : a) for (int i = 0; i < n; i++) row[i] = (float) r.nextGaussian();
        return a;
    }
}
