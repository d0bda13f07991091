package org.cryoj.gpu;

import org.cryoj.testutil.OpenClTestDevice;

/** {@link DeviceScoringContract} on opencl:0 (PoCL's CPU device in CI and here). */
class OpenClScoringTest extends DeviceScoringContract {
    @Override
    GpuDevice device() { return OpenClTestDevice.require(); }
}
