package org.cryoj.gpu;

import java.util.Locale;

/**
 * Checks a planned allocation against the memory a device has free, so that a job that cannot
 * fit stops with advice instead of an out-of-memory error from the driver in the middle of an iteration.
 */
public final class DeviceMemory {
    private DeviceMemory() {}

    /**
     * @param neededBytes what the step will allocate
     * @param freeBytes   what the device has free for the step
     * @param what        the step, for the message ("reference projections for 1152 orientations")
     */
    public static void require(long neededBytes, long freeBytes, GpuDevice device, String what) {
        if (neededBytes < 0) throw new IllegalArgumentException("negative allocation for " + what);
        if (neededBytes > freeBytes)
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s (%s) has %.2f GiB free but %s needs %.2f GiB; use a smaller --pool, a smaller box, "
                            + "or run without --gpu", device.id(), device.name(), gib(freeBytes), what, gib(neededBytes)));
    }

    private static double gib(long b) { return b / (double) (1L << 30); }
}
