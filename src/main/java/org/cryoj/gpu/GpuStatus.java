package org.cryoj.gpu;

import java.util.List;

/**
 * What the machine offers: the CUDA devices, or why there are none (no driver, no device, a
 * library that does not load). Made once per run by {@link GpuDetector}.
 */
public record GpuStatus(List<GpuDevice> devices, String reason) {
    public GpuStatus {
        devices = List.copyOf(devices);
        if (devices.isEmpty() && (reason == null || reason.isBlank()))
            throw new IllegalArgumentException("a status without devices needs a reason");
    }

    public static GpuStatus unavailable(String reason) { return new GpuStatus(List.of(), reason); }

    public boolean available() { return !devices.isEmpty(); }
}
