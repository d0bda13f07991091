package org.cryoj.gpu;

import java.util.List;

/**
 * Which devices a run asks for, and the one log line that says which run and why. Asking for a
 * GPU where none works is not an error: the CPU backend runs and the line tells the user.
 * Naming a device that does not exist where others do is an error (a typo in --gpu).
 */
public record BackendChoice(List<GpuDevice> devices, String why, String logLine) {

    public boolean useGpu() { return !devices.isEmpty(); }

    public static BackendChoice choose(GpuSelection selection, GpuStatus status) {
        if (!selection.requested()) return new BackendChoice(List.of(), "no --gpu given", "Compute: CPU backend (no --gpu given)");
        if (selection.pool(status).isEmpty()) return new BackendChoice(List.of(), "no usable device", cpuLine(selection, status));
        List<GpuDevice> use = selection.resolve(status);
        String why = why(selection);
        return new BackendChoice(use, why, "Compute: " + list(use) + " (" + why + ")");
    }

    /** "cuda:0 NVIDIA ... (...), opencl:1 ..." */
    public static String list(List<GpuDevice> devices) {
        return devices.stream().map(GpuDevice::toString).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String cpuLine(GpuSelection selection, GpuStatus status) {
        String what = selection.api() == null ? "a GPU" : selection.api() == GpuDevice.Api.CUDA ? "a CUDA device" : "an OpenCL device";
        String reason = status.reason();
        List<GpuDevice> others = status.of(GpuDevice.Api.OPENCL);
        if (selection.api() == null && !others.isEmpty())
            reason = "no GPU among the OpenCL devices " + others + "; name one with --gpu opencl:N";
        return "Compute: --gpu asked for " + what + " but none is usable: " + reason + "; using the CPU backend";
    }

    private static String why(GpuSelection s) {
        String ids = s.devices().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        if (s.api() != null) return s.devices().isEmpty() ? "--gpu " + s.api().prefix() + ": all its devices" : "--gpu " + s.api().prefix() + ":" + ids;
        return (s.devices().isEmpty() ? "--gpu \"\": all GPUs" : "--gpu GPUs " + ids) + ", counting CUDA devices first, then OpenCL GPUs";
    }
}
