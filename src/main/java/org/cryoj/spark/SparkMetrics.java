package org.cryoj.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What the driver hears of its tasks and executors: per task its partition, executor, run time and
 * result size (the E-step's per-partition times and the bytes aggregated), failures, and executors lost.
 */
public final class SparkMetrics extends SparkListener {
    /**
     * One finished task attempt.
     *
     * @param stage             stage id
     * @param partition         partition index within the stage
     * @param executor          executor id
     * @param successful        whether it succeeded
     * @param failure           Spark's reason when it did not, else ""
     * @param runMillis         time the executor ran it (ms)
     * @param cpuMillis         CPU time of that (ms): below runMillis when other work shares the cores
     * @param deserializeMillis time to deserialise the task (ms)
     * @param resultBytes       size of its result sent to the driver
     * @param shuffleBytes      bytes it wrote to a shuffle (a tree aggregation's inner level)
     */
    public record Task(int stage, int partition, String executor, boolean successful, String failure, long runMillis, long cpuMillis,
                       long deserializeMillis, long resultBytes, long shuffleBytes) {}

    private final List<Task> tasks = new ArrayList<>();
    private final List<String> executorsRemoved = new ArrayList<>();

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        TaskMetrics m = e.taskMetrics();
        boolean ok = e.reason() == Success$.MODULE$;
        tasks.add(new Task(e.stageId(), e.taskInfo().index(), e.taskInfo().executorId(), ok, ok ? "" : String.valueOf(e.reason()),
                m == null ? 0 : m.executorRunTime(), m == null ? 0 : m.executorCpuTime() / 1_000_000, m == null ? 0 : m.executorDeserializeTime(), m == null ? 0 : m.resultSize(),
                m == null ? 0 : m.shuffleWriteMetrics().bytesWritten()));
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        executorsRemoved.add(e.executorId() + ": " + e.reason());
    }

    /** The number of task records so far (a mark for {@link #tasksSince}). */
    public synchronized int taskCount() { return tasks.size(); }

    /** Task records from {@code mark} on. */
    public synchronized List<Task> tasksSince(int mark) { return List.copyOf(tasks.subList(mark, tasks.size())); }

    /** Executors the application lost, with Spark's reasons. */
    public synchronized List<String> executorsRemoved() { return List.copyOf(executorsRemoved); }
}
