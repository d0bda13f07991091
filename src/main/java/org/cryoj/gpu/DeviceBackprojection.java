package org.cryoj.gpu;

import org.cryoj.reconstruct.BackprojectionBackend;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.SliceAccumulator;

/**
 * reconstruct's backprojection on one device, CUDA or OpenCL: each thread's sums live on the
 * device ({@link DeviceSlices}, its own queue) until read back for the merge; threads beyond
 * the device's memory wait for an earlier one to finish.
 */
public final class DeviceBackprojection implements BackprojectionBackend {
    private final DeviceProgram program;

    public DeviceBackprojection(GpuDevice device) {
        this.program = DeviceProgram.open(device);
    }

    @Override
    public SliceAccumulator open(FourierGrid grid) {
        try {
            return new DeviceSlices(program, grid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for device memory", e);
        }
    }

    /** How the kernels were built, for the log. */
    public String kernelOrigin() { return program.kernels.origin(); }

    @Override
    public String name() { return program.info.api().label() + " on " + program.info; }

    @Override
    public void close() { program.close(); }
}
