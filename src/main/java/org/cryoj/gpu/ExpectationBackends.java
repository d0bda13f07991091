package org.cryoj.gpu;

import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ExpectationBackend;

/**
 * The E-step backend for a --gpu value, and the one log line that says which devices run, why,
 * and how their kernels were built. The chosen devices run the scores, CUDA and OpenCL alike
 * ({@link DeviceExpectationBackend}); where none is chosen, or the chosen ones cannot build the
 * kernels, the CPU backend runs and the line says why.
 */
public final class ExpectationBackends {
    /** A backend and the line for the run's log. */
    public record Chosen(ExpectationBackend backend, String logLine) {}

    private ExpectationBackends() {}

    /** @param gpu the --gpu argument, null when not given */
    public static Chosen choose(String gpu) {
        if (gpu == null) return new Chosen(new CpuExpectationBackend(), "Compute: CPU backend (no --gpu given)");
        return choose(BackendChoice.choose(GpuSelection.parse(gpu), GpuDetector.status()));
    }

    static Chosen choose(BackendChoice choice) {
        if (!choice.useGpu()) return new Chosen(new CpuExpectationBackend(), choice.logLine());
        try {
            DeviceExpectationBackend b = new DeviceExpectationBackend(choice.devices());
            return new Chosen(b, "Compute: " + b.name().replaceFirst(" on ", " backend on ") + " (" + choice.why() + "; kernels: " + b.kernelOrigins() + ")");
        } catch (RuntimeException | LinkageError e) {
            return new Chosen(new CpuExpectationBackend(), "Compute: " + BackendChoice.list(choice.devices()) + " could not start ("
                    + GpuDetector.reason(e) + "); using the CPU backend");
        }
    }
}
