package org.cryoj.gpu;

/** Prints what a fresh JVM's GPU probe finds: its OpenCL devices, one per line, then the reason line. */
public final class OpenClProbeMain {
    private OpenClProbeMain() {}

    public static void main(String[] args) {
        GpuStatus s = GpuDetector.status();
        s.of(GpuDevice.Api.OPENCL).forEach(d -> System.out.println("device " + d.id() + " " + d.detail()));
        System.out.println("reason " + s.reason());
    }
}
