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
                    "%s (%s) has %s free but %s needs %s; use a smaller --pool, a smaller box, "
                            + "or run without --gpu", device.id(), device.name(), size(freeBytes), what, size(neededBytes)));
    }

    /** "3.00 GiB", or "288.0 kiB" where GiB would read 0.00. */
    private static String size(long b) {
        if (b >= (1L << 30)) return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
        if (b >= (1L << 20)) return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f kiB", b / 1024.0);
    }
}
