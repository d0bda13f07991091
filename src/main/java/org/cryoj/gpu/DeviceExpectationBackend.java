package org.cryoj.gpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cryoj.refine.CentralSlices;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.ScoringImage;

/**
 * The E-step's scores on devices: CUDA devices, OpenCL devices (GPUs, or any device named with
 * --gpu opencl:N, such as PoCL's CPU device), or both. Thread-safety: the refinement calls from
 * --j threads at once; each call borrows a queue of its own ({@link DeviceScorer}) and returns it,
 * so at most --j queues exist and no two threads share kernel arguments. New queues go to the
 * listed devices in turn, so a device listed twice ("0,0") gets twice the queues, as RELION shares it.
 */
public final class DeviceExpectationBackend implements ExpectationBackend {
    private final List<GpuDevice> devices;
    private final List<DeviceProgram> programs = new ArrayList<>();
    /** Per listed device, its program (shared by entries naming the same device). */
    private final List<DeviceProgram> entries = new ArrayList<>();
    private final Deque<DeviceScorer> idle = new ArrayDeque<>();
    private final List<DeviceScorer> all = new ArrayList<>();
    private final long maxBatchBytes, maxResidentBytes;
    private boolean closed;

    /** Builds the kernels for each device; throws with the driver's or compiler's reason where one cannot. */
    public DeviceExpectationBackend(List<GpuDevice> devices) {
        this(devices, DeviceScorer.MAX_BATCH_BYTES, DeviceScorer.MAX_RESIDENT_BYTES);
    }

    /** With projection sets of at most {@code maxBatchBytes} on the device, resident or in batches (tests make them small to run many). */
    DeviceExpectationBackend(List<GpuDevice> devices, long maxBatchBytes) {
        this(devices, maxBatchBytes, maxBatchBytes);
    }

    /** With streamed batches of at most {@code maxBatchBytes} and resident sets of at most {@code maxResidentBytes}. */
    DeviceExpectationBackend(List<GpuDevice> devices, long maxBatchBytes, long maxResidentBytes) {
        this.maxBatchBytes = maxBatchBytes;
        this.maxResidentBytes = maxResidentBytes;
        if (devices.isEmpty()) throw new IllegalArgumentException("no device given");
        this.devices = List.copyOf(devices);
        Map<String, DeviceProgram> byId = new LinkedHashMap<>();
        try {
            for (GpuDevice d : devices) {
                DeviceProgram p = byId.get(d.id());
                if (p == null) {
                    p = DeviceProgram.open(d);
                    byId.put(d.id(), p);
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
        lend(s -> {
            for (int i = 0; i < images.size(); i++) s.scoreAll(images.get(i), projections, cc, out[i]);
            return null;
        });
    }

    @Override
    public double[] scorePairs(ScoringImage image, float[][] projections, int[] projection, int[] translation, boolean cc) {
        return lend(s -> s.scorePairs(image, projections, projection, translation, cc));
    }

    /** The device projects from the reference's grid, which it keeps: far less to send than the projections. */
    @Override
    public boolean projects() { return true; }

    @Override
    public void scoreAll(List<ScoringImage> images, CentralSlices slices, boolean cc, double[][] out) {
        lend(s -> {
            for (int i = 0; i < images.size(); i++) s.scoreAll(images.get(i), slices, cc, out[i]);
            return null;
        });
    }

    @Override
    public double[] scorePairs(ScoringImage image, CentralSlices slices, int[] projection, int[] translation, boolean cc) {
        return lend(s -> s.scorePairs(image, slices, projection, translation, cc));
    }

    /** A call on a scorer, which may wait for device memory. */
    private interface ScorerCall<T> {
        T on(DeviceScorer s) throws InterruptedException;
    }

    /** Runs {@code call} on a scorer lent for its duration. */
    private <T> T lend(ScorerCall<T> call) {
        DeviceScorer s = acquire();
        try {
            return call.on(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for device memory", e);
        } finally {
            release(s);
        }
    }

    /** How each device's kernels were built, for the log ("cuda:0: NVRTC 12.6 for sm_90"). */
    public String kernelOrigins() {
        return programs.stream().map(p -> p.info.id() + ": " + p.kernels.origin()).collect(Collectors.joining("; "));
    }

    /** "CUDA on cuda:0 NVIDIA H200 (...)", "OpenCL on opencl:0 ...", or both APIs' lists. */
    @Override
    public String name() { return describe(devices); }

    static String describe(List<GpuDevice> devices) {
        Map<GpuDevice.Api, List<GpuDevice>> byApi = new java.util.EnumMap<>(GpuDevice.Api.class);
        for (GpuDevice d : devices) byApi.computeIfAbsent(d.api(), a -> new ArrayList<>()).add(d);
        return byApi.entrySet().stream().map(e -> e.getKey().label() + " on " + BackendChoice.list(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private synchronized DeviceScorer acquire() {
        if (closed) throw new IllegalStateException("the device backend is closed");
        DeviceScorer s = idle.poll();
        if (s == null) {
            s = new DeviceScorer(entries.get(all.size() % entries.size()), maxBatchBytes, maxResidentBytes);
            all.add(s);
        }
        return s;
    }

    private synchronized void release(DeviceScorer s) {
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
        all.forEach(DeviceScorer::close);
        programs.forEach(DeviceProgram::close);
        if (interrupted) Thread.currentThread().interrupt();
    }
}
