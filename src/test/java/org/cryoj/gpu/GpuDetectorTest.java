package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /**
     * PoCL takes the JVM's SIGSEGV handler when its devices are listed (a test JVM died at random
     * of it): a JVM without signal chaining must leave PoCL unopened and say how to start Java,
     * and one with the JVM's libjsig preloaded (as the launcher and the test runs do) lists it.
     */
    @Test
    void pocl_isOpenedOnlyWhereTheJvmChainsSignals() throws Exception {
        GpuDevice d = OpenClTestDevice.require();
        assumeTrue(JvmSignalChaining.replacesSignalHandlers(d.detail()), "opencl:0 is not PoCL: " + d);
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        assertTrue(Files.exists(jsig), jsig.toString());
        assertTrue(JvmSignalChaining.active(), "this test JVM runs without libjsig: see the pom's jvm-signal-chaining profile");

        String without = probeInChildJvm(null);
        assertFalse(without.contains("device opencl:"), without);
        assertTrue(without.contains("left unopened") && without.contains("LD_PRELOAD=" + jsig), without);

        String with = probeInChildJvm(jsig.toString());
        assertTrue(with.contains("device opencl:0"), with);
        assertFalse(with.contains("left unopened"), with);
    }

    private static String probeInChildJvm(String preload) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenClProbeMain.class.getName());
        pb.environment().remove("LD_PRELOAD");
        if (preload != null) pb.environment().put("LD_PRELOAD", preload);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not end");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
