package org.cryoj.map;

import java.util.Objects;

import org.cryoj.fourier.BFactor;
import org.cryoj.image.FloatVolume;

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
public record FittedSubtraction(FloatVolume operand, FloatVolume mask, double bfactorRange, double angpix) implements ImageOperation {
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
        ImageOperation.requireSameSize(v, operand);
        if (mask != null) ImageOperation.requireSameSize(v, mask);
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
        if (best == null)   // every difference NaN: RELION then subtracts the operand unscaled, with an uninitialised B-factor
            throw new IllegalArgumentException("--optimise_bfactor_subtract: no B-factor gives a finite difference "
                    + "(non-finite voxels in the image, without --remove_nan, or a mask of zeros)");
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
