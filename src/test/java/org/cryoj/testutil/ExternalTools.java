package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs RELION, mrcfile-validate and ImageJ as reference programs in tests. In CI (CI=true) a
 * missing program fails the test, because .ci/run installs them; elsewhere the test is skipped
 * with a printed reason.
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** How a program ended: its exit code (124, as timeout(1) gives, when it was killed), its output and stderr, its seconds. */
    public record Result(int exitCode, String output, double seconds, boolean timedOut) {}

    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (new File(dir, program).canExecute()) return true;
        return false;
    }

    /** Skips (outside CI) or fails (in CI) when a program is missing. */
    public static void require(String program) {
        if (onPath(program)) return;
        String why = program + " is not installed (apt-get install relion python3-mrcfile imagej xvfb)";
        if ("true".equals(System.getenv("CI"))) fail("CI must have " + why);
        System.out.println("SKIPPED: " + why);
        assumeTrue(false, why);
    }

    /** Runs a program for a test: skips or fails as {@link #require} when it is missing, fails the test when it times out. */
    public static Result run(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        require(command[0]);
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workDir != null) pb.directory(workDir.toFile());
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        Result r = runOrTimeOut(pb, timeoutSeconds);
        if (r.timedOut()) fail(String.join(" ", command) + " timed out after " + timeoutSeconds + " s; its output:\n" + r.output());
        return r;
    }

    /**
     * Runs a program, killing it after timeoutSeconds; the time-out is left to the caller (a test
     * fails, the parity harness counts it as RELION's result), so this neither fails nor skips.
     */
    public static Result runOrTimeOut(ProcessBuilder pb, long timeoutSeconds) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = pb.redirectErrorStream(true).start();
        // read on another thread: a hung program (e.g. ImageJ showing a modal error) must not block the timeout
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the stream closes when the program is killed; what was read is kept
            }
        });
        reader.start();
        boolean timedOut = !p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (timedOut) {
            // wrappers (xvfb-run, imagej's script) leave the real program as a descendant
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
        } else reader.join();
        return new Result(timedOut ? 124 : p.exitValue(), out.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1e9, timedOut);
    }

    /**
     * What {@code mrcfile-validate} (python3-mrcfile) says is wrong with an MRC file; empty when
     * valid. Its float16 "RMS deviation is inf" is ignored: it sums mode-12 data in float16.
     */
    public static List<String> mrcfileComplaints(Path f) throws IOException, InterruptedException {
        Result r = run(f.toAbsolutePath().getParent(), 60, "mrcfile-validate", f.toString());
        return r.output().lines()
                .filter(l -> !l.startsWith("Checking if") && !l.startsWith("File appears to be valid"))
                .filter(l -> !l.contains("RMS deviation is inf"))
                .toList();
    }

    /** Runs and fails the test with the program's output when it exits non-zero. */
    public static String runOk(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result r = run(workDir, timeoutSeconds, command);
        if (r.exitCode() != 0) fail(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
        return r.output();
    }

    /** A python3 on the PATH that can import mrcfile and numpy (Debian: python3-mrcfile), or skip/fail as {@link #require}. */
    public static String pythonWithMrcfile() throws IOException, InterruptedException {
        String path = System.getenv("PATH");
        if (path != null)
            for (String dir : path.split(File.pathSeparator)) {
                File py = new File(dir, "python3");
                if (!py.canExecute()) continue;
                Process p = new ProcessBuilder(py.getPath(), "-c", "import mrcfile, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) return py.getPath();
            }
        String why = "no python3 with mrcfile and numpy on the PATH (apt-get install python3-mrcfile)";
        if ("true".equals(System.getenv("CI"))) fail("CI must have " + why);
        System.out.println("SKIPPED: " + why);
        assumeTrue(false, why);
        return null;
    }

    /** Runs a python script with mrcfile in {@code dir}; fails the test on a non-zero exit. */
    public static String python(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(pythonWithMrcfile(), "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail("python script failed:\n" + script + "\n" + out);
        return out;
    }
}
