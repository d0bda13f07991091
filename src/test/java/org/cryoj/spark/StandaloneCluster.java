package org.cryoj.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine for tests and the benchmark: a master and workers,
 * each a JVM of its own started from the Maven-resolved Spark jars (target/spark-jars, no
 * download), with a temporary SPARK_HOME whose jars/ is a link to that folder: a worker launches
 * its executors from SPARK_HOME/jars as it would on a cluster. Logs go to files in {@code dir}.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final String masterUrl;

    private StandaloneCluster(Path dir, String masterUrl) {
        this.dir = dir;
        this.masterUrl = masterUrl;
    }

    /** Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} (e.g. "1g") each, and waits until all registered. */
    static StandaloneCluster start(Path dir, int workers, int cores, String memory) throws IOException, InterruptedException {
        Path jars = Path.of(System.getProperty("cryoj.sparkJars", "target/spark-jars")).toAbsolutePath();
        if (!Files.isDirectory(jars) || !Files.exists(jars.resolve("spark-core_2.12-" + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ".jar")))
            throw new IllegalStateException("no Spark jars in " + jars + " (mvn process-test-classes copies them there)");
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createSymbolicLink(home.resolve("jars"), jars);
        int port = freePort();
        StandaloneCluster c = new StandaloneCluster(dir, "spark://127.0.0.1:" + port);
        try {
            Path masterLog = dir.resolve("master.log");
            c.launch(home, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--webui-port", String.valueOf(freePort()));
            c.awaitLine(masterLog, "I have been elected leader", 90);
            for (int w = 1; w <= workers; w++) {
                Path log = dir.resolve("worker" + w + ".log");
                c.launch(home, log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory,
                        "--work-dir", Files.createDirectories(dir.resolve("work" + w)).toString(), "--webui-port", String.valueOf(freePort()),
                        c.masterUrl);
                c.awaitLine(log, "Successfully registered with master", 90);
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() { return masterUrl; }

    /** The executor JVM with Spark's executor id {@code id}, among the workers' children. */
    Optional<ProcessHandle> executor(String id) {
        return processes.stream().flatMap(Process::descendants).filter(p -> {
            String cmd = commandLine(p);
            return cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains("--executor-id " + id + " ");
        }).findFirst();
    }

    /** A process's command line: from /proc on Linux (the JDK's ProcessHandle.Info leaves long ones out), else the JDK's. */
    private static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
        try {
            if (Files.exists(proc)) return new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            // gone already
        }
        return p.info().commandLine().orElse("");
    }

    /** The last lines of every log, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("stderr")).toList()) {
                List<String> lines = Files.readAllLines(p);
                b.append("== ").append(p).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        } catch (IOException e) {
            b.append(e);
        }
        return b.toString();
    }

    private void launch(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(Arrays.asList(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")));
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // Spark's scripts (load-spark-env.sh) export it; a worker's executor launcher needs it to find jars/ in a distribution
        String scalaVersion = scala.util.Properties.versionNumberString();
        pb.environment().put("SPARK_SCALA_VERSION", scalaVersion.substring(0, scalaVersion.lastIndexOf('.')));
        pb.environment().remove("LD_PRELOAD");
        processes.add(pb.start());
    }

    private void awaitLine(Path log, String text, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            for (Process p : processes)
                if (!p.isAlive()) throw new IOException("a Spark daemon exited (" + p.exitValue() + "):\n" + logs());
            Thread.sleep(200);
        }
        throw new IOException("no '" + text + "' in " + log + " within " + seconds + " s:\n" + logs());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the workers' executors, the workers and the master (SIGKILL: they hold nothing to save). */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
