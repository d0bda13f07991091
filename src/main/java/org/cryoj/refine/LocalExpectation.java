package org.cryoj.refine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The E-step on --j threads of this JVM: one slot per thread, half-set 1 and then half-set 2 (one
 * half-set's projections in memory at a time), each thread's sums added in the plan's fixed tree.
 */
public final class LocalExpectation implements ExpectationRunner {
    private final ExpectationBackend backend;
    private final int threads;

    /** Scores on {@code backend} (which the caller closes), {@code threads} threads. */
    public LocalExpectation(ExpectationBackend backend, int threads) {
        if (threads < 1) throw new IllegalArgumentException("--j must be at least 1, was " + threads);
        this.backend = backend;
        this.threads = threads;
    }

    @Override
    public int slots() { return threads; }

    @Override
    public String name() { return backend.name(); }

    @Override
    public ExpectationSums run(ExpectationPlan plan, ParticleSource particles, RefineListener listener) throws IOException {
        ExpectationSums sums = plan.emptySums();
        AtomicInteger done = new AtomicInteger();
        int total = plan.particles(), k = plan.iteration();
        ExpectationPlan.Progress progress = new ExpectationPlan.Progress() {
            @Override public boolean cancelled() { return listener.isCancelled(); }

            @Override public void particlesDone(int count) { listener.particlesDone(k, done.addAndGet(count), total); }
        };
        for (int half = 1; half <= 2; half++) {
            // the previous half-set's projections and sums are garbage now: collect them before this half's are made, so
            // that the serial collector's heap (and the resident memory) shrinks to the live data instead of carrying them
            // into this half (a global search's shared projections and slice sums are tens of MB per half)
            System.gc();
            ExpectationPlan.Model model = plan.model(half);
            int slots = plan.slots(half);
            ExecutorService pool = Executors.newFixedThreadPool(slots);
            try {
                List<Future<SlotSums>> parts = new ArrayList<>();
                for (int t = 0; t < slots; t++) {
                    int slot = t;
                    parts.add(pool.submit(() -> plan.run(model, slot, particles, backend, progress)));
                }
                for (Future<SlotSums> f : parts) sums.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CancellationException c) throw c;
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return sums;
    }
}
