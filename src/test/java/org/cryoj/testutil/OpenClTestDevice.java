package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.cryoj.gpu.GpuDetector;
import org.cryoj.gpu.GpuDevice;
import org.cryoj.gpu.GpuStatus;

/**
 * The OpenCL device the tests run on: opencl:0, PoCL's CPU device where nothing else is
 * installed. Without one the tests fail in CI (CI=true: .ci/run installs PoCL, so a missing
 * runtime is a broken machine) and are skipped, saying so, elsewhere.
 */
public final class OpenClTestDevice {
    private OpenClTestDevice() {}

    public static GpuDevice require() {
        GpuStatus s = GpuDetector.status();
        List<GpuDevice> devices = s.of(GpuDevice.Api.OPENCL);
        if (devices.isEmpty()) {
            String why = "no OpenCL device: " + s.reason();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + " (CI must have pocl-opencl-icd; see .ci/run)");
            System.out.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        return devices.get(0);
    }
}
