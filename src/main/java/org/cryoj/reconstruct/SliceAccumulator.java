package org.cryoj.reconstruct;

/**
 * One thread's backprojection sums, wherever they are kept: a {@link BackProjector} on the CPU
 * or buffers on a device. Used by one thread at a time.
 */
public interface SliceAccumulator extends AutoCloseable {
    /** Adds one image, as {@link BackProjector#backproject(float[], float[], double[][])}. */
    void backproject(float[] f, float[] ctf, double[][] a);

    /** The sums so far as a CPU accumulator (this one, or a copy read from the device). */
    BackProjector result();

    /** Frees what is held outside the Java heap. */
    @Override
    default void close() {}
}
