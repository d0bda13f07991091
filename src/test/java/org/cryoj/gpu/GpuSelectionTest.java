package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GpuSelectionTest {
    private static final GpuStatus TWO = new GpuStatus(List.of(
            new GpuDevice(0, "A", 80L << 30, 9, 0), new GpuDevice(1, "B", 80L << 30, 9, 0)), null);

    @Test
    void relionSyntax() {
        assertEquals(GpuSelection.CPU, GpuSelection.parse(null));
        assertEquals(List.of(), GpuSelection.parse("").devices());
        assertTrue(GpuSelection.parse("").requested());
        assertEquals(List.of(0, 1, 2, 3), GpuSelection.parse("0:1:2:3").devices());
        assertEquals(List.of(0, 0, 1, 1), GpuSelection.parse("0,0:1,1").devices());
    }

    @Test
    void badValuesNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0:x"));
        assertTrue(e.getMessage().contains("--gpu") && e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0::1"));
        assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("-1"));
        e = assertThrows(IllegalArgumentException.class, () -> GpuSelection.parse("0:2").resolve(TWO));
        assertTrue(e.getMessage().contains("device 2"), e.getMessage());
    }

    @Test
    void emptyMeansAllDevices() {
        assertEquals(TWO.devices(), GpuSelection.parse("").resolve(TWO));
        assertEquals(List.of(TWO.devices().get(1), TWO.devices().get(1)), GpuSelection.parse("1,1").resolve(TWO));
    }

    @Test
    void fallsBackToCpuWithTheReason() {
        BackendChoice c = BackendChoice.choose(GpuSelection.parse("0"), GpuStatus.unavailable("no CUDA driver"));
        assertFalse(c.useGpu());
        assertTrue(c.logLine().contains("no CUDA driver") && c.logLine().contains("CPU backend"), c.logLine());
        BackendChoice g = BackendChoice.choose(GpuSelection.parse("1"), TWO);
        assertTrue(g.useGpu());
        assertTrue(g.logLine().contains("1: B"), g.logLine());
        assertTrue(BackendChoice.choose(GpuSelection.CPU, TWO).logLine().contains("CPU backend"));
    }

    @Test
    void memoryCheckAdvisesBeforeAllocating() {
        GpuDevice d = TWO.devices().get(0);
        DeviceMemory.require(1L << 30, 2L << 30, d, "projections");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeviceMemory.require(3L << 30, 2L << 30, d, "projections"));
        assertTrue(e.getMessage().contains("--pool") && e.getMessage().contains("3.00 GiB"), e.getMessage());
    }
}
