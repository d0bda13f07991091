package org.cryoj.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.cryoj.gpu.GpuDetector;
import org.cryoj.gpu.GpuDevice;
import org.cryoj.gpu.GpuStatus;

/**
 * The CUDA device the CUDA tests run on: cuda:0. Where there is none (CI and the development
 * machines have no GPU) the tests are skipped, saying so: a skipped CUDA test is not a passed one.
 */
public final class CudaTestDevice {
    private CudaTestDevice() {}

    public static GpuDevice require() {
        GpuStatus s = GpuDetector.status();
        List<GpuDevice> devices = s.of(GpuDevice.Api.CUDA);
        if (devices.isEmpty()) {
            String why = "no CUDA device (" + s.reason() + ")";
            System.out.println("SKIPPED: " + why);
            assumeTrue(false, why);
        }
        return devices.get(0);
    }
}
