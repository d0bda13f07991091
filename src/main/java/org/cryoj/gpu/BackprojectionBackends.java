package org.cryoj.gpu;

import java.util.List;

import org.cryoj.reconstruct.BackprojectionBackend;

/**
 * reconstruct's backprojection backend for a --gpu value, and the one log line that says which
 * device runs and why: the first OpenCL device chosen, else the CPU (CUDA devices are named,
 * but the CUDA host is not written yet).
 */
public final class BackprojectionBackends {
    /** A backend and the line for the log. */
    public record Chosen(BackprojectionBackend backend, String logLine) {}

    private BackprojectionBackends() {}

    /** @param gpu the --gpu argument, null when not given */
    public static Chosen choose(String gpu) {
        BackendChoice choice = BackendChoice.choose(GpuSelection.parse(gpu), gpu == null ? GpuStatus.unavailable("not probed") : GpuDetector.status());
        if (!choice.useGpu()) return new Chosen(BackprojectionBackend.CPU, choice.logLine());
        List<GpuDevice> opencl = choice.devices().stream().filter(d -> d.api() == GpuDevice.Api.OPENCL).toList();
        if (opencl.isEmpty())
            return new Chosen(BackprojectionBackend.CPU, "Compute: CPU backprojection (" + choice.why() + "; "
                    + BackendChoice.list(choice.devices()) + " not used: CryoJ's CUDA host is not written yet)");
        GpuDevice device = opencl.get(0);
        String others = choice.devices().size() > 1 ? "; reconstruct runs on one device, the first named" : "";
        try {
            return new Chosen(new OpenClBackprojection(device), "Compute: OpenCL backprojection on " + device + " (" + choice.why() + others + ")");
        } catch (RuntimeException | LinkageError e) {
            return new Chosen(BackprojectionBackend.CPU, "Compute: " + device + " could not start (" + e.getMessage() + "); using the CPU backend");
        }
    }
}
