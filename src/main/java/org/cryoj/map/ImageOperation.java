package org.cryoj.map;

import java.util.Objects;

import org.cryoj.image.FloatVolume;

/**
 * The one operation of relion_image_handler that combines the image with a constant or another
 * image: voxel-wise arithmetic with a constant (--multiply_constant, --divide_constant,
 * --add_constant, --subtract_constant) or with the voxels of another image of the same size
 * (--multiply, --divide, --add, --subtract, the last optionally with a fitted scale and
 * B-factor: {@link FittedSubtraction}), matching another image's amplitude spectrum
 * ({@link AdjustPower}), multiplying the transform by a Fourier-space filter image
 * ({@link FourierFilter}) or dividing it by normalised mean amplitudes ({@link CorrectAmplitudes}).
 * Arithmetic is done in double precision, as RELION does, then stored as float.
 */
public sealed interface ImageOperation
        permits ImageOperation.Constant, ImageOperation.WithImage, FittedSubtraction, AdjustPower, FourierFilter, CorrectAmplitudes {

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

    /** The operand images must have the input's size. */
    static void requireSameSize(FloatVolume v, FloatVolume other) {
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
