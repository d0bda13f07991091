package org.cryoj.gpu;

import java.util.List;

/**
 * Which compute backend a run uses, and the one log line that says so and why. Asking for a
 * GPU where none works is not an error: the CPU backend runs and the line tells the user.
 */
public record BackendChoice(List<GpuDevice> devices, String logLine) {

    public boolean useGpu() { return !devices.isEmpty(); }

    public static BackendChoice choose(GpuSelection selection, GpuStatus status) {
        if (!selection.requested()) return new BackendChoice(List.of(), "Compute: CPU backend (no --gpu given)");
        if (!status.available())
            return new BackendChoice(List.of(), "Compute: GPU requested but none usable: " + status.reason()
                    + "; using the CPU backend");
        List<GpuDevice> use = selection.resolve(status);
        StringBuilder sb = new StringBuilder("Compute: GPU backend on ");
        for (int i = 0; i < use.size(); i++) sb.append(i == 0 ? "" : ", ").append(use.get(i));
        return new BackendChoice(use, sb.toString());
    }
}
