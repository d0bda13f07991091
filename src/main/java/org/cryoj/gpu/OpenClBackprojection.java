package org.cryoj.gpu;

import org.cryoj.reconstruct.BackprojectionBackend;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.SliceAccumulator;

/**
 * reconstruct's backprojection on one OpenCL device: each thread's sums live on the device
 * ({@link OpenClSlices}, its own queue) until read back for the merge; threads beyond the
 * device's memory wait for an earlier one to finish.
 */
public final class OpenClBackprojection implements BackprojectionBackend {
    private final OpenClProgram program;

    public OpenClBackprojection(GpuDevice device) {
        this.program = OpenClProgram.build(device);
    }

    @Override
    public SliceAccumulator open(FourierGrid grid) {
        try {
            return new OpenClSlices(program, grid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for device memory", e);
        }
    }

    @Override
    public String name() { return "OpenCL on " + program.info; }

    @Override
    public void close() { program.close(); }
}
