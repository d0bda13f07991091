package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * What the machine offers: its CUDA and OpenCL devices, and why an API offers none (no driver,
 * no platform, a library that does not load). Made once per run by {@link GpuDetector}.
 */
public record GpuStatus(List<GpuDevice> devices, List<String> problems) {
    public GpuStatus {
        devices = List.copyOf(devices);
        problems = List.copyOf(problems);
        if (devices.isEmpty() && problems.isEmpty())
            throw new IllegalArgumentException("a status without devices needs a reason");
    }

    public static GpuStatus unavailable(String reason) { return new GpuStatus(List.of(), List.of(reason)); }

    public boolean available() { return !devices.isEmpty(); }

    /** The devices of one API, in its own numbering. */
    public List<GpuDevice> of(GpuDevice.Api api) {
        return devices.stream().filter(d -> d.api() == api).toList();
    }

    /**
     * What a bare --gpu list numbers, RELION's meaning over GPUs: the CUDA devices, then the
     * OpenCL GPUs. An OpenCL GPU named as a CUDA device is the same card seen through NVIDIA's
     * OpenCL driver, and is left out.
     */
    public List<GpuDevice> gpus() {
        List<GpuDevice> out = new ArrayList<>(of(GpuDevice.Api.CUDA));
        List<String> cudaNames = out.stream().map(GpuDevice::name).toList();
        for (GpuDevice d : of(GpuDevice.Api.OPENCL))
            if (d.gpu() && !cudaNames.contains(d.name())) out.add(d);
        return out;
    }

    /** Why there is nothing more: the problems, or "no further device". */
    public String reason() { return problems.isEmpty() ? "no further device" : String.join("; ", problems); }
}
