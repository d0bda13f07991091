package org.cryoj.gpu;

import org.cryoj.testutil.CudaTestDevice;

/** {@link DeviceBackprojectionContract} on cuda:0; skipped, saying so, where there is no CUDA device. */
class CudaBackprojectionTest extends DeviceBackprojectionContract {
    @Override
    GpuDevice device() { return CudaTestDevice.require(); }
}
