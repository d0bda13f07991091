package org.cryoj.gpu;

import java.util.List;

import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ExpectationBackend;

/**
 * The E-step backend for a --gpu value, and the one log line that says which device runs and
 * why. OpenCL devices run the scores; where none is chosen, or the chosen ones cannot build
 * the kernels, the CPU backend runs and the line says why. CUDA devices are found and named,
 * but the CUDA host is not written yet (its PTX is built from the same kernel source), so a
 * choice of CUDA devices runs on the CPU and says so.
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
        List<GpuDevice> opencl = choice.devices().stream().filter(d -> d.api() == GpuDevice.Api.OPENCL).toList();
        List<GpuDevice> cuda = choice.devices().stream().filter(d -> d.api() == GpuDevice.Api.CUDA).toList();
        String cudaNote = cuda.isEmpty() ? "" : "; " + BackendChoice.list(cuda) + " not used: CryoJ's CUDA host is not written yet";
        if (opencl.isEmpty())
            return new Chosen(new CpuExpectationBackend(), "Compute: CPU backend (" + choice.why() + cudaNote + ")");
        try {
            return new Chosen(new OpenClExpectationBackend(opencl),
                    "Compute: OpenCL backend on " + BackendChoice.list(opencl) + " (" + choice.why() + cudaNote + ")");
        } catch (RuntimeException | LinkageError e) {
            return new Chosen(new CpuExpectationBackend(), "Compute: " + BackendChoice.list(opencl) + " could not start ("
                    + e.getMessage() + "); using the CPU backend");
        }
    }
}
