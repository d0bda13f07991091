package org.cryoj.gpu;

import java.util.Locale;

/**
 * One compute device as its driver reports it: a CUDA device, or an OpenCL device of any type
 * (PoCL's CPU device included). {@code index} counts within its API, as {@code --gpu cuda:N} and
 * {@code --gpu opencl:N} name them.
 *
 * @param gpu                whether the device is a GPU (OpenCL also lists CPUs and accelerators)
 * @param maxAllocationBytes the largest single buffer the driver allows
 * @param detail             for the log: compute capability, or the OpenCL platform and type
 */
public record GpuDevice(Api api, int index, String name, boolean gpu, long totalMemoryBytes, long maxAllocationBytes, String detail) {

    public enum Api {
        CUDA, OPENCL;

        /** The prefix of --gpu that names this API's devices ("cuda", "opencl"). */
        public String prefix() { return name().toLowerCase(Locale.ROOT); }

        /** The API's name for the log ("CUDA", "OpenCL"). */
        public String label() { return this == CUDA ? "CUDA" : "OpenCL"; }
    }

    /** {@code cuda:N} or {@code opencl:N}. */
    public String id() { return api.prefix() + ":" + index; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s (%.1f GiB, %s)", id(), name, totalMemoryBytes / (double) (1L << 30), detail);
    }
}
