package org.cryoj.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark application of this JVM (the driver, client mode) on the cluster at one master URL:
 * {@code spark://host:port} (standalone), {@code local[N]}, {@code yarn}, {@code k8s://...}. The
 * executors get CryoJ's classes (this jar and its libraries through {@code spark.jars}, or this
 * JVM's class path when CryoJ runs from a build folder and the executors share the file system)
 * and the JVM option that turns on the SIMD kernel; Spark adds its own JDK 17 options.
 */
public final class SparkCluster implements AutoCloseable {
    /** Seconds to wait for the first executor of a cluster before giving up (spark.cryoj.executorWaitSeconds). */
    static final int DEFAULT_EXECUTOR_WAIT_SECONDS = 120;

    private final String master;
    private final JavaSparkContext sc;
    private final SparkMetrics metrics;

    private SparkCluster(String master, JavaSparkContext sc, SparkMetrics metrics) {
        this.master = master;
        this.sc = sc;
        this.metrics = metrics;
    }

    /**
     * Starts an application named {@code appName} on {@code master}, with Spark settings {@code conf}
     * (spark.executor.memory, ...; they win over CryoJ's). A standalone master that does not answer,
     * or a cluster that gives no executor within spark.cryoj.executorWaitSeconds, is an IOException naming the URL.
     */
    public static SparkCluster connect(String master, String appName, Map<String, String> conf) throws IOException {
        checkReachable(master);
        // CryoJ's logging settings for Spark, unless the user gave a file (before Spark's first log line configures log4j)
        if (System.getProperty("log4j2.configurationFile") == null)
            System.setProperty("log4j2.configurationFile", "classpath:org/cryoj/spark/log4j2.properties");
        SparkConf c = new SparkConf().setMaster(master).setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.log.level", "WARN")
                // the E-step's merge needs no ordering from Spark; task results are a slot's sums (MBs)
                .set("spark.driver.maxResultSize", "0");
        String executorOptions = "--add-modules jdk.incubator.vector -Djava.awt.headless=true";
        String fromUser = conf.get("spark.executor.extraJavaOptions");
        c.set("spark.executor.extraJavaOptions", fromUser == null ? executorOptions : executorOptions + " " + fromUser);
        shipClasses(c);
        for (Map.Entry<String, String> e : conf.entrySet())
            if (!e.getKey().equals("spark.executor.extraJavaOptions") && !e.getKey().startsWith("spark.cryoj.")) c.set(e.getKey(), e.getValue());
        int wait = Integer.parseInt(conf.getOrDefault("spark.cryoj.executorWaitSeconds", String.valueOf(DEFAULT_EXECUTOR_WAIT_SECONDS)));
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(c);
        } catch (RuntimeException e) {
            throw new IOException("cannot start a Spark application on " + master + ": " + SparkErrors.message(e), e);
        }
        SparkMetrics metrics = new SparkMetrics();
        sc.sc().addSparkListener(metrics);
        SparkCluster cluster = new SparkCluster(master, sc, metrics);
        try {
            cluster.awaitExecutor(wait);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The Spark context. */
    public JavaSparkContext context() { return sc; }

    /** The master URL. */
    public String master() { return master; }

    /** Task and executor events of this application. */
    public SparkMetrics metrics() { return metrics; }

    /** Executors registered now (the driver not counted in a cluster; local mode counts its one). */
    public int executors() {
        int n = sc.sc().statusTracker().getExecutorInfos().length;
        return isLocal() ? n : Math.max(0, n - 1);
    }

    private boolean isLocal() { return master.startsWith("local"); }

    /** Waits until a cluster has given an executor, or fails naming the master. */
    private void awaitExecutor(int seconds) throws IOException {
        if (isLocal()) return;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (executors() == 0) {
            if (sc.sc().isStopped())
                throw new IOException("the Spark master " + master + " did not accept the application (it stopped; is it a Spark master?)");
            if (System.nanoTime() > end)
                throw new IOException("no executor registered with the Spark master " + master + " within " + seconds
                        + " s (are workers running, with the memory and cores asked for?)");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for executors of " + master, e);
            }
        }
    }

    /** A standalone master must answer on its port; a refused or timed-out connection is one error line naming the URL. */
    static void checkReachable(String master) throws IOException {
        if (!master.startsWith("spark://")) return;
        String hosts = master.substring("spark://".length());
        IOException last = null;
        for (String hp : hosts.split(",")) {
            int colon = hp.lastIndexOf(':');
            if (colon < 0) throw new IOException("Spark master URL " + master + " has no port (spark://host:port)");
            String host = hp.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hp.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IOException("Spark master URL " + master + ": '" + hp.substring(colon + 1) + "' is not a port");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("cannot reach the Spark master " + master + " (" + (last.getMessage() != null ? last.getMessage() : last) + ")");
    }

    /**
     * The executors' CryoJ: from a jar, that jar and the jars its manifest lists (lib/), shipped by
     * Spark; from a build folder (tests, an IDE), this JVM's class path, which the executors read
     * from the same file system.
     */
    private static void shipClasses(SparkConf c) throws IOException {
        Path here;
        try {
            here = Path.of(SparkCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate CryoJ's classes", e);
        }
        if (Files.isRegularFile(here)) {
            Set<String> jars = new LinkedHashSet<>();
            jars.add(here.toString());
            try (JarFile jar = new JarFile(here.toFile())) {
                Manifest m = jar.getManifest();
                String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (cp != null)
                    for (String entry : cp.trim().split("\\s+")) {
                        Path p = here.resolveSibling(entry);
                        if (Files.isRegularFile(p)) jars.add(p.toString());
                    }
            }
            c.set("spark.jars", String.join(",", jars));
        } else {
            List<String> cp = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator))
                if (!e.isEmpty()) cp.add(Path.of(e).toAbsolutePath().toString());
            c.set("spark.executor.extraClassPath", String.join(File.pathSeparator, cp));
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
