package org.cryoj.map;

import java.util.Objects;

import org.cryoj.fourier.BFactor;
import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.fourier.RadialSpectrum;
import org.cryoj.image.FloatVolume;

/**
 * The one operation of relion_image_handler that combines the image with a constant or another
 * image: voxel-wise arithmetic with a constant (--multiply_constant, --divide_constant,
 * --add_constant, --subtract_constant) or with the voxels of another image of the same size
 * (--multiply, --divide, --add, --subtract, the last optionally with a fitted scale and
 * B-factor), matching another image's amplitude spectrum (--adjust_power) or multiplying the
 * transform by a Fourier-space filter image (--fourier_filter) or dividing it by normalised mean
 * amplitudes (--correct_avg_ampl). Arithmetic is done
 * in double precision, as RELION does, then stored as float.
 */
public sealed interface ImageOperation {

    enum Arithmetic { MULTIPLY, DIVIDE, ADD, SUBTRACT }

    FloatVolume apply(FloatVolume v);

    /** Dividing by an image zeroes the voxels where the divisor's magnitude is below this (RELION's rule). */
    double TINY_DIVISOR = 1e-10;

    record Constant(Arithmetic op, double value) implements ImageOperation {
        public Constant {
            Objects.requireNonNull(op, "op");
            if (!Double.isFinite(value)) throw new IllegalArgumentException("the constant must be a finite number, was " + value);
            if (op == Arithmetic.DIVIDE && value == 0) throw new IllegalArgumentException("--divide_constant must not be 0");
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            float[] in = v.data(), out = new float[in.length];
            for (int i = 0; i < in.length; i++) out[i] = (float) combine(op, in[i], value);
            return new FloatVolume(v.nx(), v.ny(), v.nz(), out, v.pixelSize());
        }
    }

    /** @param operand an image of the input's size */
    record WithImage(Arithmetic op, FloatVolume operand) implements ImageOperation {
        public WithImage {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            requireSameSize(v, operand);
            float[] in = v.data(), b = operand.data(), out = new float[in.length];
            for (int i = 0; i < in.length; i++)
                out[i] = op == Arithmetic.DIVIDE && Math.abs(b[i]) < TINY_DIVISOR ? 0f : (float) combine(op, in[i], b[i]);
            return new FloatVolume(v.nx(), v.ny(), v.nz(), out, v.pixelSize());
        }

        /** Whether dividing by the operand zeroes some voxels (RELION warns then). */
        public boolean hasTinyDivisors() {
            if (op != Arithmetic.DIVIDE) return false;
            for (float x : operand.data()) if (Math.abs(x) < TINY_DIVISOR) return true;
            return false;
        }
    }

    /**
     * --adjust_power: every shell of the image is scaled so its mean amplitude becomes the
     * reference's (shells the image has no amplitude in are left alone).
     */
    record AdjustPower(FloatVolume reference) implements ImageOperation {
        public AdjustPower {
            Objects.requireNonNull(reference, "reference");
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            requireSameSize(v, reference);
            double[] want = RadialSpectrum.amplitude(reference), have = RadialSpectrum.amplitude(v);
            double[] factor = new double[have.length];
            for (int s = 0; s < factor.length; s++) factor[s] = have[s] > 0 ? want[s] / have[s] : 1;
            return RadialSpectrum.scaleShells(v, factor);
        }
    }

    /**
     * --subtract with --optimise_scale_subtract: subtracts scale x operand, the scale minimising
     * the masked squared difference. With a B-factor range (--optimise_bfactor_subtract) the
     * operand is first blurred or sharpened by the B-factor, from -range to +range in steps of
     * 10 Å^2, that leaves the smallest masked difference.
     *
     * @param mask         weights of the fit (RELION's --mask_optimise_subtract); null = all 1
     * @param bfactorRange 0 = no B-factor search
     * @param angpix       pixel size for the B-factor
     */
    record FittedSubtraction(FloatVolume operand, FloatVolume mask, double bfactorRange, double angpix) implements ImageOperation {
        /** RELION's B-factor search step, in Å^2. */
        public static final double BFACTOR_STEP = 10;

        public FittedSubtraction {
            Objects.requireNonNull(operand, "operand");
            if (!(bfactorRange >= 0) || Double.isInfinite(bfactorRange))
                throw new IllegalArgumentException("--optimise_bfactor_subtract must be >= 0 A^2, was " + bfactorRange);
        }

        /** The fitted B-factor (0 without a search) and scale. */
        public record Fit(double bfactor, double scale) {}

        public Fit fit(FloatVolume v) {
            requireSameSize(v, operand);
            if (mask != null) requireSameSize(v, mask);
            if (bfactorRange == 0) return new Fit(0, fitScale(v, operand));
            Fit best = null;
            double smallest = Double.POSITIVE_INFINITY;
            for (double b = -bfactorRange; b <= bfactorRange; b += BFACTOR_STEP) {
                FloatVolume a = BFactor.apply(operand, b, angpix);
                double scale = fitScale(v, a), diff2 = 0;
                float[] x = v.data(), y = a.data();
                for (int i = 0; i < x.length; i++) {
                    double w = weight(i), r = x[i] - scale * y[i];
                    diff2 += w * w * r * r;
                }
                if (diff2 < smallest) {
                    smallest = diff2;
                    best = new Fit(b, scale);
                }
            }
            return best;
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            Fit f = fit(v);
            FloatVolume a = bfactorRange == 0 ? operand : BFactor.apply(operand, f.bfactor(), angpix);
            float[] x = v.data(), y = a.data(), out = new float[x.length];
            for (int i = 0; i < x.length; i++) out[i] = (float) (x[i] - f.scale() * y[i]);
            return new FloatVolume(v.nx(), v.ny(), v.nz(), out, v.pixelSize());
        }

        private double fitScale(FloatVolume v, FloatVolume a) {
            double aa = 0, xa = 0;
            float[] x = v.data(), y = a.data();
            for (int i = 0; i < x.length; i++) {
                double w2 = weight(i) * weight(i);
                aa += w2 * y[i] * y[i];
                xa += w2 * x[i] * y[i];
            }
            return xa / aa;
        }

        private double weight(int i) {
            return mask == null ? 1 : mask.data()[i];
        }
    }

    /**
     * --fourier_filter: the transform is multiplied, frequency by frequency, by the filter image
     * read as a centred Fourier-space image (frequency (kx, ky, kz) at voxel (n/2 + kx, ...)); in
     * 2D the filter is turned by psi first (RELION takes it from rlnAnglePsi of a STAR input;
     * maps use kz unturned). Frequencies the filter image does not hold (the +n/2 Nyquist row and
     * column of an even box) get 0, as in RELION; so does the +n/2 plane of an even map, where
     * RELION reads past the end of the filter image.
     *
     * @param psi in-plane angle in degrees
     */
    record FourierFilter(FloatVolume filter, double psi) implements ImageOperation {
        public FourierFilter {
            Objects.requireNonNull(filter, "filter");
            if (!Double.isFinite(psi)) throw new IllegalArgumentException("psi must be finite, was " + psi);
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            requireSameSize(v, filter);
            FourierVolume f = Fft.forward(v);
            double c = Math.cos(Math.toRadians(psi)), s = Math.sin(Math.toRadians(psi));
            int nx = filter.nx(), ny = filter.ny(), nz = filter.nz();
            float[] d = f.data(), w = filter.data();
            f.forEach((kx, ky, kz, o) -> {
                int x = roundHalfAway(kx * c - ky * s) + nx / 2, y = roundHalfAway(kx * s + ky * c) + ny / 2, z = kz + nz / 2;
                float weight = x >= 0 && x < nx && y >= 0 && y < ny && z < nz ? w[x + nx * (y + ny * z)] : 0f;
                d[o] *= weight;
                d[o + 1] *= weight;
            });
            return Fft.inverse(f, v.pixelSize());
        }

        /** RELION's ROUND: halves away from zero. */
        private static int roundHalfAway(double x) {
            return (int) (x > 0 ? Math.floor(x + 0.5) : Math.ceil(x - 0.5));
        }
    }

    /**
     * --correct_avg_ampl: the transform is divided, frequency by frequency, by an amplitude
     * image in half-transform layout (what --avg_ampl writes) after that image is itself divided
     * by its own shell averages, shells at or inside --minr_ampl_corr set to 1 (RELION's rule).
     *
     * @param divisor the normalised amplitudes, (nx/2 + 1) x ny x nz in FFTW order
     */
    record CorrectAmplitudes(FloatVolume divisor) implements ImageOperation {
        public CorrectAmplitudes {
            Objects.requireNonNull(divisor, "divisor");
        }

        /** From an --avg_ampl image: each value divided by the mean of its shell ROUND(|k|); 1 up to shell minRadius. */
        public static CorrectAmplitudes of(FloatVolume amplitudes, int minRadius) {
            int hx = amplitudes.nx(), ny = amplitudes.ny(), nz = amplitudes.nz();
            double[] sum = new double[ny], count = new double[ny];
            float[] a = amplitudes.data(), out = new float[a.length];
            int[] shell = new int[a.length];
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < hx; x++) {
                        int i = x + hx * (y + ny * z);
                        // y and z wrap where RELION's FFTW loop wraps them, at the stored x size
                        int ky = y < hx ? y : y - ny, kz = z < hx ? z : z - nz;
                        shell[i] = (int) Math.round(FourierVolume.radius(x, ky, kz));
                        if (shell[i] >= ny) throw new IllegalArgumentException("--correct_avg_ampl: image too long in z for its y size");
                        sum[shell[i]] += a[i];
                        count[shell[i]]++;
                    }
            for (int s = 0; s < ny; s++) if (count[s] > 0) sum[s] /= count[s];
            for (int i = 0; i < a.length; i++) out[i] = shell[i] > minRadius ? (float) (a[i] / sum[shell[i]]) : 1f;
            return new CorrectAmplitudes(new FloatVolume(hx, ny, nz, out, amplitudes.pixelSize()));
        }

        @Override
        public FloatVolume apply(FloatVolume v) {
            if (divisor.nx() != v.nx() / 2 + 1 || divisor.ny() != v.ny() || divisor.nz() != v.nz())
                throw new IllegalArgumentException("--correct_avg_ampl needs a " + (v.nx() / 2 + 1) + "x" + v.ny() + "x" + v.nz()
                        + " amplitude image (what --avg_ampl writes) for " + v.nx() + "x" + v.ny() + "x" + v.nz() + " images, got "
                        + divisor.nx() + "x" + divisor.ny() + "x" + divisor.nz());
            FourierVolume f = Fft.forward(v);
            float[] d = f.data(), w = divisor.data();
            for (int i = 0; i < w.length; i++) {
                d[2 * i] /= w[i];
                d[2 * i + 1] /= w[i];
            }
            return Fft.inverse(f, v.pixelSize());
        }
    }

    private static void requireSameSize(FloatVolume v, FloatVolume other) {
        if (v.nx() != other.nx() || v.ny() != other.ny() || v.nz() != other.nz())
            throw new IllegalArgumentException("the operand image is " + other.nx() + "x" + other.ny() + "x" + other.nz()
                    + " but the input is " + v.nx() + "x" + v.ny() + "x" + v.nz());
    }

    private static double combine(Arithmetic op, double a, double b) {
        return switch (op) {
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case ADD -> a + b;
            case SUBTRACT -> a - b;
        };
    }
}
