package org.cryoj.gpu;

import org.cryoj.testutil.OpenClTestDevice;

/** {@link DeviceBackprojectionContract} on opencl:0 (PoCL's CPU device in CI and here). */
class OpenClBackprojectionTest extends DeviceBackprojectionContract {
    @Override
    GpuDevice device() { return OpenClTestDevice.require(); }
}
