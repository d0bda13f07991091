package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;
import org.junit.jupiter.api.Test;

/** Uniform SO(3): analytic moments of the Haar measure. */
class RandomRotationsTest {
    private static final int N = 20000;

    @Test
    void meanMatrixVanishesAndTiltFollowsSinTilt() {
        Random rnd = new Random(3);
        double[] mean = new double[9];
        double[] cosTilt = new double[N];
        double psiBelowZero = 0;
        for (int i = 0; i < N; i++) {
            Rotation3 r = RandomRotations.uniform(rnd);
            assertEquals(1, r.determinant(), 1e-9);
            for (int k = 0; k < 9; k++) mean[k] += r.get(k / 3, k % 3) / N;
            EulerAngles e = EulerAngles.fromMatrix(r);
            cosTilt[i] = Math.cos(Math.toRadians(e.tilt()));
            if (e.psi() < 0) psiBelowZero++;
        }
        // each element has variance 1/3 under the Haar measure: 5 standard errors
        double bound = 5 * Math.sqrt(1.0 / 3 / N);
        for (int k = 0; k < 9; k++) assertEquals(0, mean[k], bound, "mean of element " + k + " " + Arrays.toString(mean));
        // tilt density sin(tilt)/2  <=>  cos(tilt) uniform on [-1, 1]: Kolmogorov-Smirnov at the 1% level
        Arrays.sort(cosTilt);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double cdf = (cosTilt[i] + 1) / 2;
            d = Math.max(d, Math.max(Math.abs(cdf - (double) i / N), Math.abs(cdf - (double) (i + 1) / N)));
        }
        System.out.printf("uniform SO(3): max |mean element| %.4f (bound %.4f), KS distance of cos(tilt) %.4f (1%% level %.4f)%n",
                Arrays.stream(mean).map(Math::abs).max().orElseThrow(), bound, d, 1.628 / Math.sqrt(N));
        assertTrue(d < 1.628 / Math.sqrt(N), "KS distance " + d);
        assertEquals(0.5, psiBelowZero / N, 5 * 0.5 / Math.sqrt(N));
    }

    @Test
    void uniformEulerAnglesWouldFailTheTiltTest() {
        // the test above can fail: tilt drawn uniformly in [0, 180) is far from sin(tilt)
        Random rnd = new Random(4);
        double[] c = new double[N];
        for (int i = 0; i < N; i++) c[i] = Math.cos(Math.toRadians(180 * rnd.nextDouble()));
        Arrays.sort(c);
        double d = 0;
        for (int i = 0; i < N; i++) d = Math.max(d, Math.abs((c[i] + 1) / 2 - (double) i / N));
        assertTrue(d > 1.628 / Math.sqrt(N), "KS distance " + d);
    }
}
