package org.cryoj.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FftTest {

    static FloatVolume noise(int nx, int ny, int nz, long seed) {
        Random r = new Random(seed);
        float[] d = new float[nx * ny * nz];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new FloatVolume(nx, ny, nz, d, 1.0);
    }

    @ParameterizedTest
    @CsvSource({"8,8,8", "7,7,7", "9,6,5", "16,16,1", "15,13,1", "1,1,1"})
    void deltaAtOriginIsFlatOneOverN(int nx, int ny, int nz) {
        FloatVolume v = FloatVolume.zeros(nx, ny, nz, 1);
        v.set(0, 0, 0, 1f);
        FourierVolume f = Fft.forward(v);
        double n = (double) nx * ny * nz;
        f.forEach((kx, ky, kz, o) -> {
            assertEquals(1 / n, f.data()[o], 1e-7);
            assertEquals(0, f.data()[o + 1], 1e-7);
        });
    }

    @ParameterizedTest
    @CsvSource({"12,10,9,3,-2,4", "11,11,11,5,5,-5", "10,10,1,4,-5,0"})
    void planeWaveLandsOnItsFrequency(int nx, int ny, int nz, int fx, int fy, int fz) {
        FloatVolume v = FloatVolume.zeros(nx, ny, nz, 1);
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++)
            v.set(x, y, z, (float) Math.cos(2 * Math.PI * ((double) fx * x / nx + (double) fy * y / ny + (double) fz * z / nz)));
        FourierVolume f = Fft.forward(v);
        // cos = (e^{+i..} + e^{-i..}) / 2: amplitude 1/2 at +f and at -f (modulo the box),
        // 1 where the two coincide (Nyquist of even axes)
        f.forEach((kx, ky, kz, o) -> {
            double expected = 0;
            if (same(kx, fx, nx) && same(ky, fy, ny) && same(kz, fz, nz)) expected += 0.5;
            if (same(kx, -fx, nx) && same(ky, -fy, ny) && same(kz, -fz, nz)) expected += 0.5;
            assertEquals(expected, Math.hypot(f.data()[o], f.data()[o + 1]), 1e-5, "at " + kx + "," + ky + "," + kz);
        });
    }

    static boolean same(int k, int f, int n) { return Math.floorMod(k - f, n) == 0; }

    @ParameterizedTest
    @CsvSource({"32,32,32", "33,33,33", "40,40,1"})
    void gaussianTransformsToGaussian(int nx, int ny, int nz) {
        double sigma = 2.5;
        FloatVolume v = FloatVolume.zeros(nx, ny, nz, 1);
        double sum = 0;
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            int dx = FourierVolume.frequency(x, nx), dy = FourierVolume.frequency(y, ny), dz = FourierVolume.frequency(z, nz);
            double g = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * sigma * sigma));
            v.set(x, y, z, (float) g);
            sum += g;
        }
        double total = sum;
        FourierVolume f = Fft.forward(v);
        double n = (double) nx * ny * nz;
        // continuous transform of a centred Gaussian: real, exp(-2 pi^2 sigma^2 |k/n|^2)
        f.forEach((kx, ky, kz, o) -> {
            double q2 = Math.pow((double) kx / nx, 2) + Math.pow((double) ky / ny, 2) + Math.pow((double) kz / nz, 2);
            double expected = total / n * Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * q2);
            assertEquals(expected, f.data()[o], 1e-6);
            assertEquals(0, f.data()[o + 1], 1e-6);
        });
    }

    @ParameterizedTest
    @CsvSource({"16,16,16", "15,15,15", "14,9,7", "31,30,1"})
    void parsevalAndRoundTrip(int nx, int ny, int nz) {
        FloatVolume v = noise(nx, ny, nz, 7);
        FourierVolume f = Fft.forward(v);
        double real = 0;
        for (float x : v.data()) real += x * x;
        double[] fourier = {0};
        f.forEach((kx, ky, kz, o) -> {
            // a stored kx > 0 stands for itself and its mirror, except the Nyquist of an even nx
            double w = (kx == 0 || 2 * kx == nx) ? 1 : 2;
            fourier[0] += w * (f.data()[o] * f.data()[o] + f.data()[o + 1] * f.data()[o + 1]);
        });
        double n = (double) nx * ny * nz;
        assertEquals(real / n, fourier[0], 1e-5 * real / n);
        FloatVolume back = Fft.inverse(f, 1.0);
        for (int i = 0; i < v.data().length; i++) assertEquals(v.data()[i], back.data()[i], 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"16,3,-2,5", "15,-4,7,1", "12,0,1,0"})
    void integerPhaseShiftEqualsRoll(int n, int dx, int dy, int dz) {
        FloatVolume v = noise(n, n, n, 3);
        FourierVolume f = Fft.forward(v);
        PhaseShift.shift(f, dx, dy, dz);
        FloatVolume s = Fft.inverse(f, 1);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            float expected = v.get(Math.floorMod(x - dx, n), Math.floorMod(y - dy, n), Math.floorMod(z - dz, n));
            // an even box's Nyquist terms are real-only after a shift by an odd number of pixels: exact anyway
            assertEquals(expected, s.get(x, y, z), 2e-4, "at " + x + "," + y + "," + z);
        }
    }

    @ParameterizedTest
    @CsvSource({"15,0.5,0.25", "16,-1.5,2.25", "9,0.3,0"})
    void subPixelShiftMovesABandLimitedWave(int n, double dx, double dy) {
        // a plane wave below Nyquist moves exactly: cos(2 pi f (x - d) / n)
        int fx = 2, fy = 3;
        FloatVolume v = FloatVolume.zeros(n, n, 1, 1);
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            v.set(x, y, 0, (float) Math.cos(2 * Math.PI * (fx * x + fy * y) / n));
        FourierVolume f = Fft.forward(v);
        PhaseShift.shift(f, dx, dy, 0);
        FloatVolume s = Fft.inverse(f, 1);
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            assertEquals(Math.cos(2 * Math.PI * (fx * (x - dx) + fy * (y - dy)) / n), s.get(x, y, 0), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"24,16", "24,17", "21,12", "16,30", "15,25"})
    void windowingABandLimitedSignalIsExact(int n, int m) {
        // a sum of waves within radius min(n,m)/2 - 1 resamples exactly onto the new grid
        int[][] waves = {{1, 2, 0}, {-3, 1, 2}, {2, -2, -3}, {0, 0, 4}};
        FloatVolume v = wave(n, waves);
        FloatVolume r = FourierWindow.resize(v, m, 1);
        FloatVolume expected = wave(m, waves);
        for (int i = 0; i < r.data().length; i++) assertEquals(expected.data()[i], r.data()[i], 2e-5);
        assertTrue(r.nx() == m && r.ny() == m && r.nz() == m);
    }

    static FloatVolume wave(int n, int[][] waves) {
        FloatVolume v = FloatVolume.zeros(n, n, n, 1);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double s = 0.3;
            for (int[] w : waves) s += Math.cos(2 * Math.PI * (w[0] * x + w[1] * y + w[2] * z) / n + 0.1 * w[0]);
            v.set(x, y, z, (float) s);
        }
        return v;
    }
}
