package org.cryoj.map;

import org.cryoj.fourier.Fft;
import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --avg_ampl / --avg_ampl2: the mean amplitude |F| (or power |F|^2) of
 * every stored frequency over the images added, written as RELION writes it: an image of the
 * half transform, (nx/2 + 1) x ny x nz, frequencies in FFTW order (origin at voxel 0, negative
 * frequencies wrapped), the forward transform divided by the voxel count.
 */
public final class SpectrumAverage {
    private final boolean power;
    private double[] sum;
    private int nx, ny, nz, count;
    private double pixelSize;

    /** @param power average |F|^2 (--avg_ampl2) rather than |F| (--avg_ampl) */
    public SpectrumAverage(boolean power) {
        this.power = power;
    }

    public void add(FloatVolume v) {
        if (sum == null) {
            nx = v.nx(); ny = v.ny(); nz = v.nz();
            pixelSize = v.pixelSize();
            sum = new double[(nx / 2 + 1) * ny * nz];
        } else if (v.nx() != nx || v.ny() != ny || v.nz() != nz) {
            throw new IllegalArgumentException("--avg_ampl needs images of one size: " + v.nx() + "x" + v.ny() + "x" + v.nz()
                    + " after " + nx + "x" + ny + "x" + nz);
        }
        float[] d = Fft.forward(v).data();
        for (int i = 0; i < sum.length; i++) {
            double p = (double) d[2 * i] * d[2 * i] + (double) d[2 * i + 1] * d[2 * i + 1];
            sum[i] += power ? p : Math.sqrt(p);
        }
        count++;
    }

    /** The mean so far, with the first image's pixel size. */
    public FloatVolume mean() {
        if (count == 0) throw new IllegalStateException("no image added");
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / count);
        return new FloatVolume(nx / 2 + 1, ny, nz, out, pixelSize);
    }
}
