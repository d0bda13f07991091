package org.cryoj.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.ExpectationPlan;
import org.cryoj.refine.ExpectationRunner;
import org.cryoj.refine.ExpectationSums;
import org.cryoj.refine.ParticleSource;
import org.cryoj.refine.ParticleStacks;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.SlotSums;

/**
 * The refinement's E-step on a Spark cluster. Per run the particles' descriptions and stack paths
 * are broadcast once; per iteration the {@link ExpectationPlan} (both references, noise models,
 * sampling, previous poses). One RDD of (half-set, slot) work items, one partition each, is
 * reduced with one {@code treeAggregate}: each task runs {@link ExpectationPlan#run} on its slot
 * (the executor makes a half-set's projectors once per iteration and shares them between its
 * tasks), and the merge is {@link ExpectationSums}' fixed tree, so the sums do not depend on which
 * task finishes first: S partitions per half-set give the local run with --j S bit for bit, and
 * a task that Spark runs again (a lost executor) gives the same sums.
 */
public final class SparkExpectation implements ExpectationRunner {
    /**
     * One iteration on the cluster, for the log and the benchmark.
     *
     * @param iteration        the iteration
     * @param tasks            successful E-step tasks (partitions)
     * @param seconds          wall time of the E-step on the driver, broadcast and merge included
     * @param broadcastSeconds driver time to serialise and broadcast the plan
     * @param broadcastBytes   the plan's size, serialised
     * @param jobSeconds       wall time of the aggregation job
     * @param taskSeconds      each successful E-step task's run time on its executor
     * @param busiestExecutorSeconds the summed task time of the busiest executor: the E-step's own time, were there no overhead
     * @param taskCpuSeconds   the tasks' summed CPU time (below their run time when other work shares the executors' cores)
     * @param modelSeconds     executor time making half-set projectors (summed over executors)
     * @param resultBytes      bytes of task results sent to the driver
     * @param shuffleBytes     bytes written to shuffles (a tree aggregation's inner level)
     * @param driverMergeSeconds time the driver JVM spent merging sums
     * @param failedTasks      task attempts that failed (and were run again)
     */
    public record Iteration(int iteration, int tasks, double seconds, double broadcastSeconds, long broadcastBytes, double jobSeconds,
                            List<Double> taskSeconds, double busiestExecutorSeconds, double taskCpuSeconds, double modelSeconds, long resultBytes, long shuffleBytes, double driverMergeSeconds,
                            int failedTasks) {
        /** The E-step's time per line of run.out. */
        public String line() {
            double max = taskSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double sum = taskSeconds.stream().mapToDouble(Double::doubleValue).sum();
            return String.format(java.util.Locale.ROOT,
                    " Iteration %d: Spark E-step %.2f s: %d tasks (longest %.2f s, all %.2f s, busiest executor %.2f s, projectors %.2f s, CPU %.2f s),"
                            + " plan broadcast %.2f MB in %.2f s, job %.2f s, results %.2f MB + shuffle %.2f MB, driver merge %.2f s%s",
                    iteration, seconds, tasks, max, sum, busiestExecutorSeconds, modelSeconds, taskCpuSeconds, broadcastBytes / 1e6, broadcastSeconds, jobSeconds, resultBytes / 1e6,
                    shuffleBytes / 1e6, driverMergeSeconds, failedTasks > 0 ? ", " + failedTasks + " failed task attempt(s) run again" : "");
        }
    }

    private final SparkCluster cluster;
    private final int partitions, depth;
    private final List<Iteration> iterations = Collections.synchronizedList(new ArrayList<>());
    private Broadcast<ParticleStacks> stacks;
    private ParticleStacks stacksValue;

    /**
     * @param partitions slots per half-set (the local run's --j this equals)
     * @param depth      depth of the tree aggregation (Spark's default 2; 1 merges every task's sums on the driver)
     */
    public SparkExpectation(SparkCluster cluster, int partitions, int depth) {
        if (partitions < 1) throw new IllegalArgumentException("--spark_partitions must be at least 1, was " + partitions);
        if (depth < 1) throw new IllegalArgumentException("aggregation depth must be at least 1, was " + depth);
        this.cluster = cluster;
        this.partitions = partitions;
        this.depth = depth;
    }

    @Override
    public int slots() { return partitions; }

    @Override
    public String name() {
        return "Spark " + cluster.master() + " (" + cluster.executors() + " executor(s) now), " + partitions
                + " partitions per half-set (the sums of a local run with --j " + partitions + "), CPU scoring on the executors";
    }

    /** Every iteration run so far. */
    public List<Iteration> iterations() { return List.copyOf(iterations); }

    /** The executors make the models from the broadcast plan. */
    @Override
    public boolean modelsInThisJvm() { return false; }

    @Override
    public ExpectationSums run(ExpectationPlan plan, ParticleSource particles, RefineListener listener) throws IOException {
        JavaSparkContext sc = cluster.context();
        long t0 = System.nanoTime();
        if (stacks == null || stacksValue != particles.stacks()) {
            if (stacks != null) stacks.destroy();
            stacksValue = particles.stacks();
            stacks = sc.broadcast(stacksValue);
        }
        long bytes = serializedSize(plan);
        Broadcast<ExpectationPlan> bc = sc.broadcast(plan);
        double broadcastSeconds = (System.nanoTime() - t0) / 1e9;
        List<int[]> items = new ArrayList<>();
        Map<Integer, Integer> particlesOfPartition = new HashMap<>();
        for (int half = 1; half <= 2; half++)
            for (int slot = 0; slot < plan.slots(half); slot++) {
                particlesOfPartition.put(items.size(), plan.particles(half, slot).length);
                items.add(new int[] {half, slot});
            }
        LongAccumulator modelNanos = sc.sc().longAccumulator("cryoj projectors");
        String group = "cryoj-estep-" + plan.iteration() + "-" + System.nanoTime();
        ProgressListener progress = new ProgressListener(group, particlesOfPartition, plan.iteration(), plan.particles(), listener);
        sc.sc().addSparkListener(progress);
        int mark = cluster.metrics().taskCount();
        DRIVER_MERGE_NANOS.set(0);
        Thread watcher = cancelWatcher(sc, group, listener);
        long job0 = System.nanoTime();
        ExpectationSums sums;
        try {
            sc.setJobGroup(group, "CryoJ E-step, iteration " + plan.iteration(), true);
            Broadcast<ParticleStacks> st = stacks;
            sums = sc.parallelize(items, items.size()).treeAggregate(plan.emptySums(),
                    (acc, item) -> acc.add(runSlot(bc, st, item[0], item[1], modelNanos)),
                    SparkExpectation::merge, depth);
        } catch (Exception e) {
            // Spark's SparkException is a checked exception that Scala throws undeclared
            if (listener.isCancelled()) throw new CancellationException("cancelled");
            throw SparkErrors.rethrow(e, "the E-step of iteration " + plan.iteration());
        } finally {
            watcher.interrupt();
            sc.clearJobGroup();
            sc.sc().removeSparkListener(progress);
            bc.destroy();
        }
        double jobSeconds = (System.nanoTime() - job0) / 1e9;
        if (!sums.complete())
            throw new IllegalStateException("the E-step of iteration " + plan.iteration() + " came back with " + sums.slotsAdded() + " of "
                    + sums.slots() + " slots");
        List<SparkMetrics.Task> tasks = cluster.metrics().tasksSince(mark);
        int firstStage = tasks.stream().mapToInt(SparkMetrics.Task::stage).min().orElse(-1);
        List<Double> taskSeconds = new ArrayList<>();
        Map<String, Double> busy = new HashMap<>();
        long resultBytes = 0, shuffleBytes = 0;
        double cpu = 0;
        int failed = 0;
        for (SparkMetrics.Task t : tasks) {
            if (!t.successful()) { failed++; continue; }
            resultBytes += t.resultBytes();
            shuffleBytes += t.shuffleBytes();
            if (t.stage() == firstStage) {
                taskSeconds.add(t.runMillis() / 1e3);
                cpu += t.cpuMillis() / 1e3;
                busy.merge(t.executor(), t.runMillis() / 1e3, Double::sum);
            }
        }
        Iteration it = new Iteration(plan.iteration(), taskSeconds.size(), (System.nanoTime() - t0) / 1e9, broadcastSeconds, bytes, jobSeconds,
                taskSeconds, busy.values().stream().mapToDouble(Double::doubleValue).max().orElse(0), cpu, modelNanos.value() / 1e9, resultBytes, shuffleBytes, DRIVER_MERGE_NANOS.get() / 1e9, failed);
        iterations.add(it);
        listener.message(it.line());
        return sums;
    }

    /** Time this JVM spends in {@link #merge} (on the driver: merging the tasks' results). */
    private static final AtomicLong DRIVER_MERGE_NANOS = new AtomicLong();

    private static ExpectationSums merge(ExpectationSums a, ExpectationSums b) {
        long t = System.nanoTime();
        ExpectationSums m = a.merge(b);
        DRIVER_MERGE_NANOS.addAndGet(System.nanoTime() - t);
        return m;
    }

    /** On an executor: one slot of one half-set, with the JVM's projectors of that half-set for this plan. */
    private static SlotSums runSlot(Broadcast<ExpectationPlan> plan, Broadcast<ParticleStacks> stacks, int half, int slot,
                                    LongAccumulator modelNanos) throws IOException {
        ExpectationPlan p = plan.value();
        ExpectationPlan.Model model = ExecutorModels.get(plan.id(), p, half, modelNanos);
        try (ParticleStacks.Reader reader = stacks.value().open()) {
            return p.run(model, slot, reader, ExecutorModels.backend(), ExpectationPlan.Progress.NONE);
        }
    }

    /** Per executor JVM: the current plan's half-set models (made by the first task that needs one) and the scoring backend. */
    private static final class ExecutorModels {
        private static long planId = Long.MIN_VALUE;
        private static final Map<Integer, ExpectationPlan.Model> MODELS = new HashMap<>();
        private static ExpectationBackend backend;

        static synchronized ExpectationPlan.Model get(long id, ExpectationPlan plan, int half, LongAccumulator nanos) {
            if (id != planId) {
                // the previous iteration's projectors are no longer needed: iterations run one after another
                MODELS.clear();
                planId = id;
            }
            ExpectationPlan.Model m = MODELS.get(half);
            if (m == null) {
                long t = System.nanoTime();
                m = plan.model(half);
                nanos.add(System.nanoTime() - t);
                MODELS.put(half, m);
            }
            return m;
        }

        static synchronized ExpectationBackend backend() {
            if (backend == null) backend = new CpuExpectationBackend();
            return backend;
        }
    }

    private static long serializedSize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    /** Cancels the job group when the listener asks to stop (Fiji's Esc). */
    private static Thread cancelWatcher(JavaSparkContext sc, String group, RefineListener listener) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (listener.isCancelled()) {
                        sc.cancelJobGroup(group);
                        return;
                    }
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // the job ended
            }
        }, "cryoj-spark-cancel");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reports particles done as the E-step's tasks finish. */
    private static final class ProgressListener extends SparkListener {
        private final String group;
        private final Map<Integer, Integer> particlesOfPartition;
        private final int iteration, total;
        private final RefineListener listener;
        private int stage = -1, done;

        ProgressListener(String group, Map<Integer, Integer> particlesOfPartition, int iteration, int total, RefineListener listener) {
            this.group = group;
            this.particlesOfPartition = particlesOfPartition;
            this.iteration = iteration;
            this.total = total;
            this.listener = listener;
        }

        @Override
        public synchronized void onJobStart(SparkListenerJobStart e) {
            if (!group.equals(e.properties().getProperty("spark.jobGroup.id"))) return;
            int first = Integer.MAX_VALUE;
            for (Object id : scala.collection.JavaConverters.seqAsJavaList(e.stageIds())) first = Math.min(first, (Integer) id);
            stage = first;
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
            if (e.stageId() != stage || e.reason() != org.apache.spark.Success$.MODULE$) return;
            done += particlesOfPartition.getOrDefault(e.taskInfo().index(), 0);
            listener.particlesDone(iteration, Math.min(done, total), total);
        }
    }
}
