package org.cryoj.gpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.ScoringImage;

/**
 * The E-step's scores on OpenCL devices (GPUs, or any device named with --gpu opencl:N, such
 * as PoCL's CPU device). Thread-safety: the refinement calls from --j threads at once; each call
 * borrows a command queue of its own ({@link OpenClScorer}) and returns it, so at most --j
 * queues exist and no two threads share kernel arguments. New queues go to the listed devices
 * in turn, so a device listed twice ("0,0") gets twice the queues, as RELION shares it.
 */
public final class OpenClExpectationBackend implements ExpectationBackend {
    private final List<GpuDevice> devices;
    private final List<OpenClProgram> programs = new ArrayList<>();
    /** Per listed device, its program (shared by entries naming the same device). */
    private final List<OpenClProgram> entries = new ArrayList<>();
    private final Deque<OpenClScorer> idle = new ArrayDeque<>();
    private final List<OpenClScorer> all = new ArrayList<>();
    private final long maxBatchBytes;
    private boolean closed;

    /** Builds the kernels for each device; throws with the driver's reason where one cannot. */
    public OpenClExpectationBackend(List<GpuDevice> devices) {
        this(devices, OpenClScorer.MAX_BATCH_BYTES);
    }

    /** With projection batches of at most {@code maxBatchBytes} (tests make them small to run many). */
    OpenClExpectationBackend(List<GpuDevice> devices, long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
        if (devices.isEmpty()) throw new IllegalArgumentException("no OpenCL device given");
        this.devices = List.copyOf(devices);
        Map<Integer, OpenClProgram> byIndex = new LinkedHashMap<>();
        try {
            for (GpuDevice d : devices) {
                OpenClProgram p = byIndex.get(d.index());
                if (p == null) {
                    p = OpenClProgram.build(d);
                    byIndex.put(d.index(), p);
                    programs.add(p);
                }
                entries.add(p);
            }
            release(acquire());   // one queue now, so that a device that cannot run the kernels fails here, not mid-iteration
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The devices the scores run on. */
    public List<GpuDevice> devices() { return devices; }

    /** Projection sets sent to the devices for scoreAll so far; a global search sends one per iteration. */
    public long projectionUploads() {
        return programs.stream().mapToLong(p -> p.projections.uploads()).sum();
    }

    @Override
    public void scoreAll(List<ScoringImage> images, float[][] projections, boolean cc, double[][] out) {
        OpenClScorer s = acquire();
        try {
            for (int i = 0; i < images.size(); i++) s.scoreAll(images.get(i), projections, cc, out[i]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for device memory", e);
        } finally {
            release(s);
        }
    }

    @Override
    public double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc) {
        OpenClScorer s = acquire();
        try {
            return s.scorePairs(image, projections, projection, translation, cc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for device memory", e);
        } finally {
            release(s);
        }
    }

    @Override
    public String name() {
        return "OpenCL on " + devices.stream().map(GpuDevice::toString).collect(Collectors.joining(", "));
    }

    private synchronized OpenClScorer acquire() {
        if (closed) throw new IllegalStateException("the OpenCL backend is closed");
        OpenClScorer s = idle.poll();
        if (s == null) {
            s = new OpenClScorer(entries.get(all.size() % entries.size()), maxBatchBytes);
            all.add(s);
        }
        return s;
    }

    private synchronized void release(OpenClScorer s) {
        idle.push(s);
        notifyAll();
    }

    /** Waits for the calls in flight (a queue freed under a running call would crash the driver), then frees everything. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        boolean interrupted = false;
        while (idle.size() < all.size()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        all.forEach(OpenClScorer::close);
        programs.forEach(OpenClProgram::close);
        if (interrupted) Thread.currentThread().interrupt();
    }
}
