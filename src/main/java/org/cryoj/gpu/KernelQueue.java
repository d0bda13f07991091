package org.cryoj.gpu;

/**
 * An in-order queue of copies and kernel launches on one device (an OpenCL command queue, a
 * CUDA stream), used by one thread at a time. Copies are blocking for the host: a host array is
 * free again, or holds the result, when the call returns. What the shared hosts
 * ({@link DeviceScorer}, {@link DeviceSlices}, {@link ResidentSets}) ask of an API.
 */
interface KernelQueue extends AutoCloseable {
    /** Uninitialised device memory of at least {@code bytes} (at least 4). */
    DeviceBuffer allocate(long bytes);

    /**
     * A new buffer holding the first {@code floats} of {@code data}, complete on the device when
     * this returns, so that other queues may read it at once.
     */
    DeviceBuffer upload(float[] data, int floats);

    void write(DeviceBuffer buffer, float[] data, int floats);

    void write(DeviceBuffer buffer, int[] data, int ints);

    void read(DeviceBuffer buffer, float[] data, int floats);

    /** Sets the buffer's bytes to 0. */
    void zero(DeviceBuffer buffer);

    /**
     * Runs {@code kernel} over {@code global} work-items in groups of {@code local} (OpenCL's
     * sizes: global a multiple of local in each dimension; CUDA's grid is global / local), with
     * arguments in the kernel's order: {@link DeviceBuffer}s, {@link Integer}s and {@link Float}s.
     */
    void launch(Kernel kernel, long[] global, int[] local, Object... args);

    /** The largest work-group (thread block) the device runs {@code kernel} in. */
    long maxGroupSize(Kernel kernel);

    /** Frees the queue; the buffers are their owners'. */
    @Override
    void close();

    static long roundUp(long v, int m) { return (v + m - 1) / m * m; }
}
