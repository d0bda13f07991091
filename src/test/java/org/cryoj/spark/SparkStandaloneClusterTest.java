package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.RefineTestData;
import org.cryoj.refine.Refiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on localhost (a master and two workers, 1 core and one 512 MB
 * executor each, every one a JVM of its own launched from the Maven-resolved Spark jars): the
 * refinement's E-step on it equals the local run with --j 4 (4 partitions per half-set); with one
 * executor JVM killed in the middle of iteration 2 Spark re-runs its tasks and the result is the
 * same; a particle stack that the executors cannot read stops the run with one line naming it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneClusterTest {
    @TempDir static Path dir;
    static StandaloneCluster cluster;
    static SparkCluster app;
    static RefineTestData data;

    @BeforeAll
    static void startClusterAndRunLocally() throws Exception {
        long t0 = System.nanoTime();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 1, "1g");
        System.out.printf("standalone cluster %s with 2 workers up in %.1f s%n", cluster.masterUrl(), (System.nanoTime() - t0) / 1e9);
        data = SparkRefineRuns.data(dir.resolve("data"), 100);
        SparkRefineRuns.local(data, dir.resolve("local/run"));
        // one application for the three runs, as a user's session would have (its executors start once)
        app = connect();
    }

    @AfterAll
    static void stopCluster() {
        if (app != null) app.close();
        if (cluster != null) cluster.close();
    }

    private static SparkCluster connect() throws IOException {
        long t0 = System.nanoTime();
        SparkCluster c;
        try {
            c = SparkCluster.connect(cluster.masterUrl(), "CryoJ cluster test", SparkRefineRuns.testConf());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\n" + cluster.logs(), e);
        }
        // both executors, so that the runs are spread over two JVMs
        long end = System.nanoTime() + 60_000_000_000L;
        while (c.executors() < 2 && System.nanoTime() < end) sleep(100);
        System.out.printf("application on %s: %d executors after %.1f s%n", cluster.masterUrl(), c.executors(), (System.nanoTime() - t0) / 1e9);
        assertEquals(2, c.executors(), cluster::logs);
        return c;
    }

    @Test
    @Order(1)
    void theClusterRunEqualsTheLocalRun() throws Exception {
        int mark = app.metrics().taskCount();
        Refiner.Outcome o = SparkRefineRuns.spark(data, dir.resolve("spark/run"), app, SparkRefineRuns.printing("[cluster] "));
        assertTrue(o.converged());
        long executorsUsed = app.metrics().tasksSince(mark).stream().map(SparkMetrics.Task::executor).distinct().count();
        assertEquals(2, executorsUsed, "tasks ran on both executors");
        SparkRefineRuns.Comparison cmp = SparkRefineRuns.compare(dir.resolve("local/run"), dir.resolve("spark/run"));
        System.out.println("standalone cluster vs local --j " + SparkRefineRuns.SLOTS + ": " + cmp);
        cmp.assertSameResult();
    }

    @Test
    @Order(2)
    void anExecutorKilledMidIterationChangesNothing() throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        AtomicReference<String> killed = new AtomicReference<>();
        RefineListener listener = new RefineListener() {
            @Override public void iterationStarted(int iteration, int total) {
                // iteration 2 is the longest (the widest posteriors, at the --ini_high references)
                if (iteration == 2) armed.set(true);
            }

            @Override public void message(String line) { System.out.println("[fault] " + line); }
        };
        SparkCluster c = app;
        int mark = c.metrics().taskCount();
        SparkListener killer = new SparkListener() {
            @Override public void onTaskStart(SparkListenerTaskStart e) {
                if (!armed.compareAndSet(true, false)) return;
                String id = e.taskInfo().executorId();
                Thread t = new Thread(() -> {
                    sleep(300);
                    Optional<ProcessHandle> p = cluster.executor(id);
                    p.ifPresent(h -> {
                        h.destroyForcibly();
                        killed.set("executor " + id + " (pid " + h.pid() + ")");
                    });
                });
                t.setDaemon(true);
                t.start();
            }
        };
        c.context().sc().addSparkListener(killer);
        try {
            Refiner.Outcome o = SparkRefineRuns.spark(data, dir.resolve("fault/run"), c, listener);
            assertTrue(o.converged());
        } finally {
            c.context().sc().removeSparkListener(killer);
        }
        List<SparkMetrics.Task> tasks = c.metrics().tasksSince(mark);
        System.out.println("killed " + killed.get() + " in iteration 2; executors lost: " + c.metrics().executorsRemoved()
                + "; failed task attempts: " + tasks.stream().filter(t -> !t.successful()).map(SparkMetrics.Task::failure).toList());
        assertTrue(killed.get() != null, "no executor was killed");
        assertFalse(c.metrics().executorsRemoved().isEmpty(), "the driver saw no executor lost");
        assertTrue(tasks.stream().anyMatch(t -> !t.successful()), "no task was run again");
        SparkRefineRuns.Comparison cmp = SparkRefineRuns.compare(dir.resolve("local/run"), dir.resolve("fault/run"));
        System.out.println("cluster with a killed executor vs local --j " + SparkRefineRuns.SLOTS + ": " + cmp);
        cmp.assertSameResult();
    }

    @Test
    @Order(3)
    void anUnreadableStackStopsTheRunWithOneLineNamingIt() throws Exception {
        // a copy of the data whose stack disappears once the driver has read it (iteration 0): only the executors miss it
        Path copy = Files.createDirectories(dir.resolve("unreadable"));
        Path stack = copy.resolve("particles.mrcs");
        Files.copy(data.truthStar().resolveSibling("particles.mrcs"), stack);
        Path input = copy.resolve("input.star");
        Files.writeString(input, Files.readString(data.input()).replace(data.truthStar().resolveSibling("particles.mrcs").toString(), stack.toString()));
        RefineTestData d = new RefineTestData(input, data.truthStar(), data.reference(), data.truth());
        RefineListener listener = new RefineListener() {
            @Override public void iterationStarted(int iteration, int total) {
                if (iteration != 1) return;
                try {
                    Files.move(stack, copy.resolve("moved.mrcs"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Path root = copy.resolve("Refine3D/run");
        IOException e = assertThrows(IOException.class, () -> SparkRefineRuns.spark(d, root, app, listener));
        System.out.println("unreadable stack: " + e.getMessage());
        assertTrue(e.getMessage().contains(stack.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("the E-step of iteration 1 failed on the Spark cluster: cannot read particle stack " + stack), e.getMessage());
        // iteration 0's files are complete, nothing of iteration 1 was written, no temporary file is left
        List<String> files;
        try (var s = Files.list(root.getParent())) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        System.out.println("files after the failure: " + files);
        assertTrue(files.contains("run_it000_optimiser.star"), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.contains("_it001") || f.endsWith(".part")), files.toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
