package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cryoj.gpu.GpuDevice.Api;
import org.junit.jupiter.api.Test;

class GpuSelectionTest {
    private static final GpuDevice A = new GpuDevice(Api.CUDA, 0, "A", true, 80L << 30, 80L << 30, "compute 9.0");
    private static final GpuDevice B = new GpuDevice(Api.CUDA, 1, "B", true, 80L << 30, 80L << 30, "compute 9.0");
    private static final GpuStatus TWO = new GpuStatus(List.of(A, B), List.of());
    /** PoCL's CPU device, an OpenCL GPU, and the first CUDA card seen again through NVIDIA's OpenCL. */
    private static final GpuDevice POCL = new GpuDevice(Api.OPENCL, 0, "pthread-cpu", false, 64L << 30, 16L << 30, "CPU, OpenCL 3.0 on Portable Computing Language");
    private static final GpuDevice CLGPU = new GpuDevice(Api.OPENCL, 1, "Radeon", true, 16L << 30, 4L << 30, "GPU, OpenCL 2.0 on AMD");
    private static final GpuDevice CLA = new GpuDevice(Api.OPENCL, 2, "A", true, 80L << 30, 20L << 30, "GPU, OpenCL 3.0 on NVIDIA CUDA");
    private static final GpuStatus MIXED = new GpuStatus(List.of(A, B, POCL, CLGPU, CLA), List.of());
    private static final GpuStatus POCL_ONLY = new GpuStatus(List.of(POCL), List.of("no CUDA driver"));

    @Test
    void relionSyntax() {
        assertEquals(GpuSelection.CPU, GpuSelection.parse(null));
        assertEquals(List.of(), GpuSelection.parse("").devices());
        assertTrue(GpuSelection.parse("").requested());
        assertNull(GpuSelection.parse("").api());
        assertEquals(List.of(0, 1, 2, 3), GpuSelection.parse("0:1:2:3").devices());
        assertEquals(List.of(0, 0, 1, 1), GpuSelection.parse("0,0:1,1").devices());
    }

    @Test
    void prefixesNameOneApi() {
        assertEquals(new GpuSelection(true, Api.OPENCL, List.of(0)), GpuSelection.parse("opencl:0"));
        assertEquals(new GpuSelection(true, Api.CUDA, List.of(1, 0)), GpuSelection.parse("CUDA:1:0"));
        assertEquals(new GpuSelection(true, Api.OPENCL, List.of()), GpuSelection.parse("opencl:"));
        assertEquals(List.of(POCL), GpuSelection.parse("opencl:0").resolve(MIXED));
        assertEquals(List.of(CLA, POCL), GpuSelection.parse("opencl:2,0").resolve(MIXED));
        assertEquals(List.of(B), GpuSelection.parse("cuda:1").resolve(MIXED));
    }

    @Test
    void bareNumbersCountGpusCudaFirstThenOpenClGpus() {
        // PoCL's CPU device is no GPU, and the OpenCL view of CUDA card A is A itself
        assertEquals(List.of(A, B, CLGPU), MIXED.gpus());
        assertEquals(List.of(CLGPU), GpuSelection.parse("2").resolve(MIXED));
        assertEquals(List.of(A, B, CLGPU), GpuSelection.parse("").resolve(MIXED));
    }

    @Test
    void badValuesNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0:x"));
        assertTrue(e.getMessage().contains("--gpu") && e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0::1"));
        assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("metal:0"));
        e = assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0:2").resolve(TWO));
        assertTrue(e.getMessage().contains("GPU 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BackendChoice.choose(GpuSelection.parse("opencl:1"), POCL_ONLY));
        assertTrue(e.getMessage().contains("opencl device 1") && e.getMessage().contains("pthread-cpu"), e.getMessage());
    }

    @Test
    void emptyMeansAllDevices() {
        assertEquals(TWO.devices(), GpuSelection.parse("").resolve(TWO));
        assertEquals(List.of(B, B), GpuSelection.parse("1,1").resolve(TWO));
    }

    @Test
    void fallsBackToCpuWithTheReason() {
        BackendChoice c = BackendChoice.choose(GpuSelection.parse("0"), GpuStatus.unavailable("no CUDA driver"));
        assertFalse(c.useGpu());
        assertTrue(c.logLine().contains("no CUDA driver") && c.logLine().contains("CPU backend"), c.logLine());
        BackendChoice g = BackendChoice.choose(GpuSelection.parse("1"), TWO);
        assertTrue(g.useGpu());
        assertTrue(g.logLine().contains("cuda:1 B"), g.logLine());
        assertTrue(BackendChoice.choose(GpuSelection.CPU, TWO).logLine().contains("CPU backend"));
        // a bare --gpu on a machine with only PoCL: no GPU, and the line says how to use the CPU device anyway
        BackendChoice p = BackendChoice.choose(GpuSelection.parse(""), POCL_ONLY);
        assertFalse(p.useGpu());
        assertTrue(p.logLine().contains("opencl:0 pthread-cpu") && p.logLine().contains("--gpu opencl:N")
                && p.logLine().contains("using the CPU backend"), p.logLine());
        BackendChoice q = BackendChoice.choose(GpuSelection.parse("opencl:0"), POCL_ONLY);
        assertEquals(List.of(POCL), q.devices());
        assertTrue(q.logLine().contains("opencl:0 pthread-cpu") && q.logLine().contains("--gpu opencl:0"), q.logLine());
    }

    /**
     * A CUDA device that cannot start (here cuda:7, which no machine of the tests has; on this
     * machine there is no CUDA driver at all) runs the CPU backend, and the line names the device
     * and the driver's reason.
     */
    @Test
    void aCudaDeviceThatCannotStartFallsBackToTheCpuSayingWhy() {
        GpuDevice missing = new GpuDevice(Api.CUDA, 7, "Missing", true, 80L << 30, 80L << 30, "compute 9.0");
        GpuStatus status = new GpuStatus(List.of(missing), List.of());
        ExpectationBackends.Chosen c = ExpectationBackends.choose(BackendChoice.choose(GpuSelection.parse("cuda:0"), status));
        assertTrue(c.backend().name().startsWith("CPU"), c.backend().name());
        assertTrue(c.logLine().startsWith("Compute: cuda:7 Missing") && c.logLine().contains("could not start")
                && c.logLine().endsWith("using the CPU backend"), c.logLine());
        System.out.println(c.logLine());
        BackprojectionBackends.Chosen b = BackprojectionBackends.choose(BackendChoice.choose(GpuSelection.parse(""), status));
        assertEquals("CPU", b.backend().name());
        assertTrue(b.logLine().contains("cuda:7 Missing") && b.logLine().contains("could not start"), b.logLine());
    }

    /** The backend's name groups the devices by API, CUDA first, as the "Expectation backend:" log line shows it. */
    @Test
    void backendNameGroupsDevicesByApi() {
        assertEquals("CUDA on " + A, DeviceExpectationBackend.describe(List.of(A)));
        assertEquals("CUDA on " + A + ", " + B + ", OpenCL on " + CLGPU, DeviceExpectationBackend.describe(List.of(A, CLGPU, B)));
    }

    @Test
    void memoryCheckAdvisesBeforeAllocating() {
        DeviceMemory.require(1L << 30, 2L << 30, A, "projections");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeviceMemory.require(3L << 30, 2L << 30, A, "projections"));
        assertTrue(e.getMessage().contains("--pool") && e.getMessage().contains("3.00 GiB") && e.getMessage().contains("cuda:0"), e.getMessage());
    }
}
