package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Detection must never throw: on a machine without a driver it reports why, once. */
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
    }

    @Test
    void withoutADriverTheReasonSaysSo() {
        boolean driverPresent = Files.exists(Path.of("/dev/nvidiactl"));
        if (driverPresent) return;   // a GPU machine: covered by probesOnceAndNeverThrows
        GpuStatus s = GpuDetector.status();
        assertFalse(s.available());
        System.out.println("GPU probe on this machine: " + s.reason());
        assertTrue(s.reason().contains("CUDA"), s.reason());
    }
}
