package org.cryoj.gpu;

import org.cryoj.reconstruct.BackprojectionBackend;

/**
 * reconstruct's backprojection backend for a --gpu value, and the one log line that says which
 * device runs and why: the first device chosen (CUDA or OpenCL), else the CPU.
 */
public final class BackprojectionBackends {
    /** A backend and the line for the log. */
    public record Chosen(BackprojectionBackend backend, String logLine) {}

    private BackprojectionBackends() {}

    /** @param gpu the --gpu argument, null when not given */
    public static Chosen choose(String gpu) {
        return choose(BackendChoice.choose(GpuSelection.parse(gpu), gpu == null ? GpuStatus.unavailable("not probed") : GpuDetector.status()));
    }

    static Chosen choose(BackendChoice choice) {
        if (!choice.useGpu()) return new Chosen(BackprojectionBackend.CPU, choice.logLine());
        GpuDevice device = choice.devices().get(0);
        String others = choice.devices().size() > 1 ? "; reconstruct runs on one device, the first named" : "";
        try {
            DeviceBackprojection b = new DeviceBackprojection(device);
            return new Chosen(b, "Compute: " + device.api().label() + " backprojection on " + device + " (" + choice.why() + others
                    + "; kernels: " + b.kernelOrigin() + ")");
        } catch (RuntimeException | LinkageError e) {
            return new Chosen(BackprojectionBackend.CPU, "Compute: " + device + " could not start (" + GpuDetector.reason(e) + "); using the CPU backend");
        }
    }
}
