package org.cryoj.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.cryoj.image.ImageStatistics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link EncoderKernel} on the Vector API: {@link Float16#fromFloat}'s branch-free rounding lane
 * by lane (normal results by the integer rounding bias, subnormal ones by adding 0.5f and letting
 * the FPU round), the stored value rebuilt from the half's bits, and the statistics with float
 * minimum and maximum and double sums. Images with a lane at or beyond 65520 in magnitude
 * (infinity, NaN, out of range) go the scalar way, which knows what to do with them. Loaded only
 * by name, by {@link EncoderKernel#best}.
 */
final class VectorEncoderKernel implements EncoderKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private final ScalarEncoderKernel scalar = new ScalarEncoderKernel();

    @Override
    public boolean toHalves(float[] src, ByteBuffer out, float[] stored) {
        int n = src.length, i = 0, up = F.loopBound(n);
        for (; i < up; i += F.length())
            if (!halves(src, i, out, stored)) return scalar.toHalves(src, out, stored);   // a lane at or past 65520
        for (; i < n; i++) {
            float v = src[i];
            short h = Float16.fromFloat(v);
            if ((h & 0x7fff) >= 0x7c00) return scalar.toHalves(src, out, stored);
            out.putShort(2 * i, h);
            stored[i] = Float16.toFloat(h);
        }
        return true;
    }

    /** One vector of lanes; false (nothing written) when a lane's magnitude is 65520 or more, or NaN. */
    private static boolean halves(float[] src, int i, ByteBuffer out, float[] stored) {
        FloatVector f = FloatVector.fromArray(F, src, i);
        IntVector x = f.reinterpretAsInts(), a = x.and(0x7fffffff);
        if (a.compare(VectorOperators.GE, 0x477ff000).anyTrue()) return false;
        VectorMask<Integer> tiny = a.compare(VectorOperators.LT, 0x38800000);   // |f| < 2^-14: a subnormal half
        // normal: rebias, add 0xfff plus the kept mantissa's lowest bit, drop 13 bits
        IntVector normal = a.add(0xc8000fff).add(a.lanewise(VectorOperators.LSHR, 13).and(1)).lanewise(VectorOperators.LSHR, 13);
        // subnormal: |f| + 0.5f rounds to a multiple of 2^-24, the ulp of 0.5f
        FloatVector shifted = f.abs().add(0.5f);
        IntVector h = normal.blend(shifted.reinterpretAsInts().sub(0x3f000000), tiny);
        IntVector sign = x.and(0x80000000);
        h.or(sign.lanewise(VectorOperators.LSHR, 16)).convertShape(VectorOperators.I2S, S, 0)
                .reinterpretAsShorts().intoByteBuffer(out, 2 * i, ByteOrder.LITTLE_ENDIAN);
        // the value stored: a normal half's bits moved back into a float's, a subnormal's by subtracting 0.5f again
        IntVector value = normal.lanewise(VectorOperators.LSHL, 13).add(0x38000000)
                .blend(shifted.sub(0.5f).reinterpretAsInts(), tiny);
        value.or(sign).reinterpretAsFloats().intoArray(stored, i);
        return true;
    }

    @Override
    public ImageStatistics statistics(float[] v) {
        int n = v.length;
        if (n == 0) throw new IllegalArgumentException("empty range");
        int up = F.loopBound(n), i = 0;
        if (up == 0) return ImageStatistics.ofOnePass(v);
        // sums of v - v[0] and its square, in double: a shift keeps the variance exact when the mean is large
        double shift = v[0];
        FloatVector min = FloatVector.fromArray(F, v, 0), max = min;
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, q0 = s0, q1 = s0;
        for (; i < up; i += F.length()) {
            FloatVector f = FloatVector.fromArray(F, v, i);
            min = min.min(f);
            max = max.max(f);
            DoubleVector lo = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 0)).sub(shift);
            DoubleVector hi = ((DoubleVector) f.convertShape(VectorOperators.F2D, D, 1)).sub(shift);
            s0 = s0.add(lo);
            s1 = s1.add(hi);
            q0 = lo.fma(lo, q0);
            q1 = hi.fma(hi, q1);
        }
        double mn = min.reduceLanes(VectorOperators.MIN), mx = max.reduceLanes(VectorOperators.MAX);
        double sum = s0.add(s1).reduceLanes(VectorOperators.ADD), squares = q0.add(q1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double d = v[i] - (double) shift;
            sum += d;
            squares += d * d;
            mn = Math.min(mn, v[i]);
            mx = Math.max(mx, v[i]);
        }
        double mean = sum / n;
        return new ImageStatistics(mn, mx, shift + mean, Math.sqrt(Math.max(0, squares / n - mean * mean)), n);
    }
}
