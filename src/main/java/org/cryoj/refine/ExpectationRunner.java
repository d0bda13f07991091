package org.cryoj.refine;

import java.io.IOException;

/**
 * Where an iteration's E-step runs: every slot of an {@link ExpectationPlan}, merged into
 * {@link ExpectationSums}. {@link LocalExpectation} runs the slots on threads of this JVM;
 * org.cryoj.spark's runner on a cluster's executors. The M-step always stays with the caller.
 */
public interface ExpectationRunner extends AutoCloseable {
    /** Slots per half-set the plans are split into (the local run's --j). */
    int slots();

    /** Runs every slot of {@code plan}; progress and cancellation through {@code listener}. */
    ExpectationSums run(ExpectationPlan plan, ParticleSource particles, RefineListener listener) throws IOException;

    /** For the log: which backend, where. */
    String name();

    /** Whether the plans' models are made in this JVM, so that projectors made here before the E-step can serve them. */
    default boolean modelsInThisJvm() { return true; }

    @Override
    default void close() {}
}
