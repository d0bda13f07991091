package org.cryoj.io.mrc;

import java.nio.ByteBuffer;

import org.cryoj.image.ImageStatistics;
import org.cryoj.simd.VectorApi;

/**
 * The arithmetic of {@link MrcImageEncoder}: float16 rounding and the statistics of the values
 * stored, in plain Java or, where the JVM has jdk.incubator.vector, on SIMD vectors. Not
 * thread-safe (scratch).
 */
interface EncoderKernel {

    /**
     * Rounds {@code src} to float16, puts the halves into {@code out} from its position 0
     * (little-endian) and the halves' values, as floats, into {@code stored}.
     *
     * @return false when a finite value lies beyond the float16 range (|v| &lt; 65520)
     */
    boolean toHalves(float[] src, ByteBuffer out, float[] stored);

    /** Minimum, maximum, mean and standard deviation of {@code v}, summed in double. */
    ImageStatistics statistics(float[] v);

    static EncoderKernel best() {
        return VectorApi.instanceOr(EncoderKernel.class, "org.cryoj.io.mrc.VectorEncoderKernel", why -> new ScalarEncoderKernel());
    }

    /** Plain Java: {@link Float16#round} and {@link ImageStatistics#ofOnePass}. */
    final class ScalarEncoderKernel implements EncoderKernel {
        private short[] halves = new short[0];

        @Override
        public boolean toHalves(float[] src, ByteBuffer out, float[] stored) {
            if (halves.length != src.length) halves = new short[src.length];
            if (!Float16.round(src, 0, src.length, halves, stored)) return false;
            out.asShortBuffer().put(halves);
            return true;
        }

        @Override
        public ImageStatistics statistics(float[] v) { return ImageStatistics.ofOnePass(v); }
    }
}
