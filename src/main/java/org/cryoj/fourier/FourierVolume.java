package org.cryoj.fourier;

/**
 * The Fourier transform of a real map, stored as RELION and FFTW store it: only the non-negative
 * x frequencies (hx = nx/2 + 1 of them), the origin at index 0, negative y and z frequencies
 * wrapped to the upper half of their axis. Values are interleaved (re, im) floats; the complex
 * value for array indices (x, y, z) sits at {@code 2 * (x + hx * (y + ny * z))}.
 *
 * <p>Frequencies are addressed by signed integers: kx in [0, nx/2], ky in [-(ny-1)/2, ny/2]
 * (an even size keeps its Nyquist frequency at +ny/2, as RELION's FFTW_ELEM does), same for kz.
 * nx, ny, nz are the sizes of the real-space map this is the transform of.
 */
public final class FourierVolume {
    private final int nx, ny, nz, hx;
    private final float[] data;

    public FourierVolume(int nx, int ny, int nz, float[] data) {
        if (nx < 1 || ny < 1 || nz < 1)
            throw new IllegalArgumentException("dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        this.nx = nx; this.ny = ny; this.nz = nz;
        this.hx = nx / 2 + 1;
        if ((long) 2 * hx * ny * nz != data.length)
            throw new IllegalArgumentException("data length " + data.length + " does not fit the half transform of "
                    + nx + "x" + ny + "x" + nz);
        this.data = data;
    }

    public static FourierVolume zeros(int nx, int ny, int nz) {
        return new FourierVolume(nx, ny, nz, new float[Math.multiplyExact(2 * (nx / 2 + 1), Math.multiplyExact(ny, nz))]);
    }

    /** Real-space sizes. */
    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    /** Stored x frequencies, nx/2 + 1. */
    public int hx() { return hx; }
    /** Interleaved (re, im) values; the array itself, not a copy. */
    public float[] data() { return data; }

    /** The signed frequency of array index i along an axis of n samples (RELION's FFTW_ELEM rule). */
    public static int frequency(int i, int n) {
        return i <= n / 2 ? i : i - n;
    }

    /**
     * The signed frequency RELION's loops over a half transform (FOR_ALL_ELEMENTS_IN_FFTW_TRANSFORM)
     * give array index i along y or z: they wrap at the stored x size hx = nx/2 + 1, not at n/2 + 1.
     * The same as {@link #frequency} where n == nx; otherwise some frequencies get a wrong label (a
     * map wider than high: ky = -18 of 38 rows, nx = 41, is labelled +20).
     */
    public static int relionLoopFrequency(int i, int n, int hx) {
        return i < hx ? i : i - n;
    }

    /** The array index of signed frequency k along an axis of n samples. */
    public static int arrayIndex(int k, int n) {
        return k < 0 ? k + n : k;
    }

    /** Offset of the real part of frequency (kx, ky, kz) in {@link #data()}. */
    public int offset(int kx, int ky, int kz) {
        if (kx < 0 || kx >= hx || ky < -(ny - 1) / 2 || ky > ny / 2 || kz < -(nz - 1) / 2 || kz > nz / 2)
            throw new IndexOutOfBoundsException("frequency (" + kx + "," + ky + "," + kz + ") outside the half transform of "
                    + nx + "x" + ny + "x" + nz);
        return 2 * (kx + hx * (arrayIndex(ky, ny) + ny * arrayIndex(kz, nz)));
    }

    public float re(int kx, int ky, int kz) { return data[offset(kx, ky, kz)]; }
    public float im(int kx, int ky, int kz) { return data[offset(kx, ky, kz) + 1]; }

    public void set(int kx, int ky, int kz, float re, float im) {
        int o = offset(kx, ky, kz);
        data[o] = re;
        data[o + 1] = im;
    }

    /** Distance of frequency (kx, ky, kz) from the origin in Fourier pixels. */
    public static double radius(int kx, int ky, int kz) {
        return Math.sqrt((double) kx * kx + (double) ky * ky + (double) kz * kz);
    }

    public FourierVolume copy() {
        return new FourierVolume(nx, ny, nz, data.clone());
    }

    /** Calls the visitor for every stored frequency with its signed indices and data offset. */
    public void forEach(FrequencyVisitor v) {
        visit(v, false);
    }

    /**
     * Like {@link #forEach}, but with ky and kz as RELION's loops label them ({@link #relionLoopFrequency}):
     * for RELION's own rules on non-square or non-cubic boxes.
     */
    public void forEachAsRelionLoops(FrequencyVisitor v) {
        visit(v, true);
    }

    private void visit(FrequencyVisitor v, boolean relionLoops) {
        for (int z = 0; z < nz; z++) {
            int kz = relionLoops ? relionLoopFrequency(z, nz, hx) : frequency(z, nz);
            for (int y = 0; y < ny; y++) {
                int ky = relionLoops ? relionLoopFrequency(y, ny, hx) : frequency(y, ny);
                int row = 2 * hx * (y + ny * z);
                for (int kx = 0; kx < hx; kx++) v.visit(kx, ky, kz, row + 2 * kx);
            }
        }
    }

    @FunctionalInterface
    public interface FrequencyVisitor {
        /** @param offset index of the real part in {@link FourierVolume#data()} */
        void visit(int kx, int ky, int kz, int offset);
    }

    @Override
    public String toString() {
        return "FourierVolume[" + hx + "x" + ny + "x" + nz + " of " + nx + "x" + ny + "x" + nz + "]";
    }
}
