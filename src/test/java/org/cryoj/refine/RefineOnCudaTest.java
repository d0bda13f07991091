package org.cryoj.refine;

import org.cryoj.gpu.GpuDevice;
import org.cryoj.testutil.CudaTestDevice;

/** {@link RefineOnDeviceContract} with --gpu cuda:0; skipped, saying so, where there is no CUDA device. */
class RefineOnCudaTest extends RefineOnDeviceContract {
    @Override
    GpuDevice device() { return CudaTestDevice.require(); }
}
