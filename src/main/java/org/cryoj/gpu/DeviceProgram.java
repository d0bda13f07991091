package org.cryoj.gpu;

/**
 * One device's kernels, whichever API runs them, and the device memory the hosts' queues may
 * hold at once: every allocation plan is reserved here first, so that a step that cannot fit
 * stops with advice ({@link DeviceMemory}) instead of failing in the driver, and steps that fit
 * only one after another wait for each other.
 */
final class DeviceProgram implements AutoCloseable {
    final GpuDevice info;
    final DeviceKernels kernels;
    final long budget;
    /** The projections of the current global search, shared by the queues. */
    final ResidentSets<float[][]> projections = new ResidentSets<>(this, 1);
    /** The Fourier grids the device projects from: the two half-sets' references of an iteration. */
    final ResidentSets<org.cryoj.reconstruct.Projector> grids = new ResidentSets<>(this, 2);
    private long reserved;

    DeviceProgram(DeviceKernels kernels) {
        this.kernels = kernels;
        this.info = kernels.info();
        this.budget = kernels.memoryBudget();
    }

    /** Builds the kernels for {@code device} with its API; throws with the driver's or compiler's reason where it cannot. */
    static DeviceProgram open(GpuDevice device) {
        return new DeviceProgram(switch (device.api()) {
            case OPENCL -> OpenClKernels.build(device);
            case CUDA -> CudaKernels.build(device);
        });
    }

    /** Waits until {@code bytes} of the budget are free and takes them; a step larger than the whole budget throws. */
    synchronized void reserve(long bytes, String what) throws InterruptedException {
        DeviceMemory.require(bytes, budget, info, what);
        while (reserved + bytes > budget) wait();
        reserved += bytes;
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }

    @Override
    public void close() {
        projections.clear();
        grids.clear();
        kernels.close();
    }
}
