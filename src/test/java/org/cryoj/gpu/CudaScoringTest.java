package org.cryoj.gpu;

import org.cryoj.testutil.CudaTestDevice;

/** {@link DeviceScoringContract} on cuda:0; skipped, saying so, where there is no CUDA device. */
class CudaScoringTest extends DeviceScoringContract {
    @Override
    GpuDevice device() { return CudaTestDevice.require(); }
}
