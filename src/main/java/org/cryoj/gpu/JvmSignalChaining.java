package org.cryoj.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether native libraries can take the JVM's signal handlers. HotSpot handles SIGSEGV itself
 * (safepoint polls, implicit null checks); PoCL, the OpenCL runtime on the CPU, installs LLVM's
 * crash handler over it when it opens its device, with SA_RESETHAND, so the first fault of a safepoint
 * resets the handler and a second thread faulting at the same moment kills the JVM with a bare
 * "Segmentation fault" (seen in CI, at random). The JVM's signal-chaining library, preloaded,
 * keeps the JVM's handler in place and calls the library's only for faults that are not the
 * JVM's. The launcher and the test runs preload it; other JVMs (Fiji) must be started so.
 */
final class JvmSignalChaining {
    private static final String LIBRARY = "libjsig.so";

    private JvmSignalChaining() {}

    /** True where the JVM chains signals (libjsig loaded), or where this cannot be told (no /proc). */
    static boolean active() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return true;
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.anyMatch(l -> l.endsWith("/" + LIBRARY));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Platforms whose runtime replaces the JVM's signal handlers when its devices are listed. */
    static boolean replacesSignalHandlers(String platformName) {
        return platformName.toLowerCase(Locale.ROOT).contains("portable computing language");
    }

    /** How to start a JVM so that such a platform can be used. */
    static String howToEnable() {
        return "start Java with LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", LIBRARY)
                + " (./cryoj does so)";
    }
}
