package org.cryoj.refine;

import org.cryoj.gpu.GpuDevice;
import org.cryoj.testutil.OpenClTestDevice;

/** {@link RefineOnDeviceContract} with --gpu opencl:0 (PoCL's CPU device in CI and here). */
class RefineOnOpenClTest extends RefineOnDeviceContract {
    @Override
    GpuDevice device() { return OpenClTestDevice.require(); }
}
