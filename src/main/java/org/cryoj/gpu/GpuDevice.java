package org.cryoj.gpu;

/** One CUDA device as the driver reports it. */
public record GpuDevice(int index, String name, long totalMemoryBytes, int computeMajor, int computeMinor) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d: %s (%.1f GiB, compute %d.%d)",
                index, name, totalMemoryBytes / (double) (1L << 30), computeMajor, computeMinor);
    }
}
