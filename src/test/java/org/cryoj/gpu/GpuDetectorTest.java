package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.testutil.OpenClTestDevice;
import org.junit.jupiter.api.Test;

/** Detection must never throw: on a machine without a driver it reports why, once; OpenCL devices are listed (PoCL in CI). */
class GpuDetectorTest {

    @Test
    void probesOnceAndNeverThrows() {
        GpuStatus s = GpuDetector.status();
        assertNotNull(s);
        assertSame(s, GpuDetector.status());
        if (s.available()) {
            assertFalse(s.devices().isEmpty());
            s.devices().forEach(d -> assertTrue(d.totalMemoryBytes() > 0, d.toString()));
        } else {
            assertTrue(s.reason() != null && !s.reason().isBlank());
        }
        for (GpuDevice.Api api : GpuDevice.Api.values()) {
            List<GpuDevice> of = s.of(api);
            for (int i = 0; i < of.size(); i++) assertEquals(api.prefix() + ":" + i, of.get(i).id(), "numbered within " + api);
        }
    }

    @Test
    void withoutADriverTheReasonSaysSo() {
        boolean driverPresent = Files.exists(Path.of("/dev/nvidiactl"));
        if (driverPresent) return;   // a GPU machine: covered by probesOnceAndNeverThrows
        GpuStatus s = GpuDetector.status();
        assertTrue(s.of(GpuDevice.Api.CUDA).isEmpty());
        System.out.println("GPU probe on this machine: " + s.devices() + "; " + s.reason());
        assertTrue(s.reason().contains("CUDA"), s.reason());
    }

    @Test
    void listsTheOpenClDevices() {
        GpuDevice d = OpenClTestDevice.require();
        assertEquals("opencl:0", d.id());
        assertTrue(!d.name().isBlank() && d.maxAllocationBytes() > 0 && d.maxAllocationBytes() <= d.totalMemoryBytes(), d.toString());
    }
}
