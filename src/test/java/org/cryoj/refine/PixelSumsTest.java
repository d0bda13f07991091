package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The M-step's per-pixel terms against their definition (a sum over explicit translations), and the Vector API
 * version against the plain one, number for number, on windows whose pixel counts leave remainders after the
 * vector loop.
 */
class PixelSumsTest {
    @Test
    void theTestJvmGetsTheVectorVersion() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the cryoj launcher does
        assertInstanceOf(VectorPixelSums.class, PixelSums.of(10));
    }

    @Test
    void termsEqualTheSumOverTranslationsOfTheirDefinition() {
        Random r = new Random(11);
        FourierRegion rf = FourierRegion.ofSize(32, 22);
        int k = rf.size(), translations = 5;
        Particle x = Particle.random(r, rf);
        float[] p = random(r, 2 * k);
        double[] w = new double[translations];
        double[][] re = new double[translations][k], im = new double[translations][k];
        double total = 0;
        for (int t = 0; t < translations; t++) {
            total += w[t] = r.nextDouble();
            for (int j = 0; j < k; j++) {
                double phase = 2 * Math.PI * r.nextDouble();
                re[t][j] = Math.cos(phase);
                im[t][j] = Math.sin(phase);
            }
        }
        for (PixelSums sums : new PixelSums[] {new PixelSums(k), PixelSums.of(k)}) {
            sums.start(x.masked, x.raw, x.ctf, x.invSigma2, rf);
            double[] phaseSum = sums.clearedPhaseSum();
            for (int t = 0; t < translations; t++)
                for (int j = 0; j < k; j++) {
                    phaseSum[j] += w[t] * re[t][j];
                    phaseSum[k + j] += w[t] * im[t][j];
                }
            float[] data = new float[2 * k], weight = new float[k];
            sums.addOrientation(p, total, data, weight);
            double[] noise = new double[rf.radius() + 2];
            double residual = sums.finish(rf, noise).residual();

            double expectedResidual = 0;
            for (int j = 0; j < k; j++) {
                double c = x.ctf[j], ar = c * p[2 * j], ai = c * p[2 * j + 1], pr = 0, pi = 0;
                for (int t = 0; t < translations; t++) {
                    // |X e_t - CTF A|² for the masked image, weighted
                    double xr = x.masked[2 * j] * re[t][j] - x.masked[2 * j + 1] * im[t][j];
                    double xi = x.masked[2 * j] * im[t][j] + x.masked[2 * j + 1] * re[t][j];
                    expectedResidual += w[t] * ((xr - ar) * (xr - ar) + (xi - ai) * (xi - ai));
                    pr += w[t] * re[t][j];
                    pi += w[t] * im[t][j];
                }
                // backprojected: CTF X P / sigma² (unmasked image), weight W CTF² / sigma²
                double s2 = x.invSigma2[rf.shell(j)];
                double dr = s2 * c * (x.raw[2 * j] * pr - x.raw[2 * j + 1] * pi), di = s2 * c * (x.raw[2 * j] * pi + x.raw[2 * j + 1] * pr);
                assertEquals(dr, data[2 * j], 1e-5 * (1 + Math.abs(dr)), sums.getClass().getSimpleName() + " data re, pixel " + j);
                assertEquals(di, data[2 * j + 1], 1e-5 * (1 + Math.abs(di)), sums.getClass().getSimpleName() + " data im, pixel " + j);
                assertEquals(total * s2 * c * c, weight[j], 1e-5 * (1 + total * s2 * c * c), sums.getClass().getSimpleName() + " weight, pixel " + j);
            }
            assertEquals(expectedResidual, residual, 1e-9 * expectedResidual, sums.getClass().getSimpleName() + " residual");
        }
    }

    @Test
    void vectorVersionGivesThePlainOnesNumbers() {
        Random r = new Random(12);
        for (int size : new int[] {4, 6, 22, 64}) {
            FourierRegion rf = FourierRegion.ofSize(64, size);
            int k = rf.size();
            Particle x = Particle.random(r, rf);
            PixelSums plain = new PixelSums(k), vector = PixelSums.of(k);
            plain.start(x.masked, x.raw, x.ctf, x.invSigma2, rf);
            vector.start(x.masked, x.raw, x.ctf, x.invSigma2, rf);
            float[] dataP = new float[2 * k], weightP = new float[k], dataV = new float[2 * k], weightV = new float[k];
            for (int orientation = 0; orientation < 3; orientation++) {
                float[] p = random(r, 2 * k);
                double[] phases = new double[2 * k];
                for (int j = 0; j < phases.length; j++) phases[j] = r.nextGaussian();
                double wo = 0.1 + r.nextDouble();
                System.arraycopy(phases, 0, plain.clearedPhaseSum(), 0, phases.length);
                System.arraycopy(phases, 0, vector.clearedPhaseSum(), 0, phases.length);
                plain.addOrientation(p, wo, dataP, weightP);
                vector.addOrientation(p, wo, dataV, weightV);
            }
            assertArrayEquals(dataP, dataV, 0f, "data, " + k + " pixels");
            assertArrayEquals(weightP, weightV, 0f, "weight, " + k + " pixels");
            double[] noiseP = new double[size], noiseV = new double[size];
            PixelSums.Totals totalsP = plain.finish(rf, noiseP), totalsV = vector.finish(rf, noiseV);
            assertArrayEquals(noiseP, noiseV, 0, "noise, " + k + " pixels");
            assertEquals(totalsP, totalsV, k + " pixels");
        }
    }

    /** A particle's window pixels: masked and unmasked image, CTF and noise model, at random. */
    private record Particle(float[] masked, float[] raw, float[] ctf, double[] invSigma2) {
        static Particle random(Random r, FourierRegion rf) {
            int k = rf.size();
            float[] ctf = new float[k];
            for (int j = 0; j < k; j++) ctf[j] = (float) (2 * r.nextDouble() - 1);
            double[] invSigma2 = new double[rf.radius() + 2];
            for (int s = 0; s < invSigma2.length; s++) invSigma2[s] = 0.5 + r.nextDouble();
            return new Particle(PixelSumsTest.random(r, 2 * k), PixelSumsTest.random(r, 2 * k), ctf, invSigma2);
        }
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
