package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cryoj.reconstruct.Projector;
import org.cryoj.refine.CentralSlices;
import org.cryoj.refine.ScoringImage;

/**
 * The E-step's scoring on one device through one queue, used by one thread at a time (the
 * backend lends it out), the same for OpenCL and CUDA: each call uploads its inputs, runs the
 * scoring kernels over batches of projections sized to the device's memory, reads the two sums
 * back and forms the scores with {@link ScoringImage#score}, so that every backend shares one
 * definition.
 */
final class DeviceScorer implements AutoCloseable {
    /** Work-group size of the reductions and side of cross_all's tiles, as #defined in cryoj_kernels.cl. */
    static final int WG = 64, TILE = 16;
    /** The largest projection batch sent per call: larger batches gain nothing. */
    static final long MAX_BATCH_BYTES = 256L << 20;
    /**
     * The largest projection set kept on the device between calls. Far above a batch: a set that
     * stays crosses once per iteration, one that does not crosses once per particle, and the copy
     * costs far more than the scoring (a 590 MB set, 4,608 orientations at 16,000 pixels, scored
     * 2.5x slower on an H200 than on 16 CPU cores when capped at a batch's size).
     */
    static final long MAX_RESIDENT_BYTES = 4L << 30;

    private final DeviceProgram prog;
    private final long maxBatchBytes, maxResidentBytes;
    private final KernelQueue queue;
    private final DeviceProjections projector;
    private float[] staging = new float[0];

    /**
     * @param maxBatchBytes the largest projection batch: {@link #MAX_BATCH_BYTES}, smaller in tests
     * @param maxResidentBytes the largest resident projection set: {@link #MAX_RESIDENT_BYTES}, smaller in tests
     */
    DeviceScorer(DeviceProgram prog, long maxBatchBytes, long maxResidentBytes) {
        this.prog = prog;
        this.maxBatchBytes = maxBatchBytes;
        this.maxResidentBytes = maxResidentBytes;
        this.queue = prog.kernels.openQueue();
        this.projector = new DeviceProjections(prog, queue);
        long max = queue.maxGroupSize(Kernel.CROSS_ALL);
        if (max < (long) TILE * TILE) {
            queue.close();
            throw new IllegalStateException(prog.info + " runs work-groups of at most " + max + " work-items; CryoJ's kernels need " + TILE * TILE);
        }
    }

    /**
     * Every projection at every translation of one image: out[o T + t]. Projections that fit on
     * the device at once stay there for the next call with the same array ({@link ResidentSets});
     * others are sent in batches sized to the device's memory.
     */
    void scoreAll(ScoringImage img, float[][] projections, boolean cc, double[] out) throws InterruptedException {
        int nProj = projections.length, nt = img.translations();
        if (nProj == 0 || nt == 0) return;
        int n = projections[0].length, k = img.ctf2w().length;
        long fixed = 4L * nt * n + 4L * k, perProj = 4L * n + 4L * nt + 4, maxAlloc = prog.info.maxAllocationBytes();
        DeviceMemory.require(4L * nt * n, maxAlloc, prog.info, "one buffer of the image's " + nt + " translations");
        long room = batchRoom(fixed);
        boolean fits = 4L * nProj * n <= Math.min(Math.min(maxResidentBytes, maxAlloc), room) && 4L * nProj * nt <= maxAlloc
                && 4L * nProj * (nt + 1) <= room;
        ResidentSets.Entry<float[][]> resident = null;
        int batch;
        long bytes;
        // every wait for memory happens holding none, so that waiting calls cannot block each other
        if (fits) {
            batch = nProj;
            bytes = fixed + 4L * nProj * (nt + 1);
            prog.reserve(bytes, "scoring " + nProj + " projections at " + nt + " translations");
            resident = prog.projections.hit(projections);
            if (resident == null) {
                prog.release(bytes);
                prog.reserve(bytes + 4L * nProj * n, "scoring " + nProj + " projections at " + nt + " translations");
                try {
                    // not the staging array: it would stay this size in every queue that ever uploads a set
                    float[] flat = new float[nProj * n];
                    for (int o = 0; o < nProj; o++) System.arraycopy(projections[o], 0, flat, o * n, n);
                    resident = prog.projections.put(queue, projections, flat, nProj * n);
                } catch (RuntimeException e) {
                    prog.release(bytes + 4L * nProj * n);
                    throw e;
                }
            }
        } else {
            batch = (int) Math.max(1, Math.min(nProj, Math.min(room / perProj,
                    Math.min(Math.min(maxBatchBytes, maxAlloc) / (4L * n), maxAlloc / (4L * nt)))));
            bytes = fixed + batch * perProj;
            prog.reserve(bytes, "scoring " + batch + " projections at " + nt + " translations");
        }
        try {
            List<DeviceBuffer> mems = new ArrayList<>();
            try {
                DeviceBuffer shifted = input(mems, flatten(img.shifted(), 0, nt), nt * n);
                DeviceBuffer ctf2w = input(mems, img.ctf2w(), k);
                DeviceBuffer proj = resident != null ? resident.buffer : output(mems, 4L * batch * n);
                DeviceBuffer q = output(mems, 4L * batch), cross = output(mems, 4L * batch * nt);
                float[] qs = new float[batch], cs = new float[batch * nt];
                for (int o0 = 0; o0 < nProj; o0 += batch) {
                    int m = Math.min(batch, nProj - o0);
                    if (resident == null) queue.write(proj, flatten(projections, o0, m), m * n);
                    crossBatch(img, proj, m, shifted, ctf2w, q, cross, qs, cs, cc, out, o0);
                }
            } finally {
                mems.forEach(DeviceBuffer::free);
                prog.release(bytes);
            }
        } finally {
            if (resident != null) prog.projections.release(resident);
        }
    }

    /**
     * Scores of {@code m} projections on the device against every translation of {@code img}, into
     * out[(o0 + o) T + t]; {@code qs} and {@code cs} are host arrays of at least m and m T floats.
     */
    private void crossBatch(ScoringImage img, DeviceBuffer proj, int m, DeviceBuffer shifted, DeviceBuffer ctf2w, DeviceBuffer q,
                            DeviceBuffer cross, float[] qs, float[] cs, boolean cc, double[] out, int o0) {
        int nt = img.translations(), n = img.shifted()[0].length, k = img.ctf2w().length;
        queue.launch(Kernel.WEIGHTED_SQUARES, new long[] {(long) m * WG}, new int[] {WG}, proj, m, k, ctf2w, q);
        queue.launch(Kernel.CROSS_ALL, new long[] {roundUp(nt, TILE), roundUp(m, TILE)}, new int[] {TILE, TILE},
                proj, m, shifted, nt, n, cross);
        queue.read(q, qs, m);
        queue.read(cross, cs, m * nt);
        for (int o = 0; o < m; o++)
            for (int t = 0; t < nt; t++) out[(o0 + o) * nt + t] = img.score(qs[o], cs[o * nt + t], cc);
    }

    /** {@link #scoreAll(ScoringImage, float[][], boolean, double[])} of projections made on the device, in batches sized to its memory. */
    void scoreAll(ScoringImage img, CentralSlices slices, boolean cc, double[] out) throws InterruptedException {
        int nProj = slices.rotations().length, nt = img.translations();
        if (nProj == 0 || nt == 0) return;
        int n = slices.projectionLength(), k = img.ctf2w().length;
        long fixed = 4L * nt * n + 4L * k + 4L * n, perProj = 4L * n + 4L * nt + 4 + 24, maxAlloc = prog.info.maxAllocationBytes();
        DeviceMemory.require(4L * nt * n, maxAlloc, prog.info, "one buffer of the image's " + nt + " translations");
        int batch = (int) Math.max(1, Math.min(Math.min(nProj, DeviceProjections.MAX_ORIENTATIONS), Math.min(batchRoom(fixed) / perProj,
                Math.min(Math.min(maxBatchBytes, maxAlloc) / (4L * n), maxAlloc / (4L * nt)))));
        ResidentSets.Entry<Projector> grid = projector.grid(slices.projector());
        long bytes = fixed + batch * perProj;
        try {
            prog.reserve(bytes, "projecting and scoring " + batch + " orientations at " + nt + " translations");
            List<DeviceBuffer> mems = new ArrayList<>();
            try {
                ImageOnDevice in = upload(mems, img, slices);
                DeviceBuffer rot = output(mems, 24L * batch), proj = output(mems, 4L * batch * n);
                DeviceBuffer q = output(mems, 4L * batch), cross = output(mems, 4L * batch * nt);
                float[] qs = new float[batch], cs = new float[batch * nt];
                for (int o0 = 0; o0 < nProj; o0 += batch) {
                    int m = Math.min(batch, nProj - o0);
                    projector.project(grid, slices, o0, m, rot, in.pixels(), proj);
                    crossBatch(img, proj, m, in.shifted(), in.ctf2w(), q, cross, qs, cs, cc, out, o0);
                }
            } finally {
                mems.forEach(DeviceBuffer::free);
                prog.release(bytes);
            }
        } finally {
            projector.release(grid);
        }
    }

    /**
     * {@link #scorePairs(ScoringImage, float[][], int[], int[], boolean)} of projections made on
     * the device: the orientations a batch at a time, each batch's pairs after it.
     */
    double[] scorePairs(ScoringImage img, CentralSlices slices, int[] projection, int[] translation, boolean cc) throws InterruptedException {
        int nPairs = projection.length, nt = img.translations(), nOrient = slices.rotations().length;
        double[] out = new double[nPairs];
        if (nPairs == 0) return out;
        int n = slices.projectionLength(), k = img.ctf2w().length;
        long fixed = 4L * nt * n + 4L * k + 4L * n, perProj = 4L * n + 4 + 24, perPair = 12, maxAlloc = prog.info.maxAllocationBytes();
        DeviceMemory.require(4L * nt * n, maxAlloc, prog.info, "one buffer of the image's " + nt + " translations");
        long room = batchRoom(fixed);
        int maxProj = (int) Math.max(1, Math.min(Math.min(nOrient, DeviceProjections.MAX_ORIENTATIONS),
                Math.min(room / 2 / perProj, Math.min(maxBatchBytes, maxAlloc) / (4L * n))));
        int maxPairs = (int) Math.max(1, Math.min(nPairs, Math.min(room / 2 / perPair, maxAlloc / 4)));
        // the pairs in order of orientation (a counting sort), so that each batch's pairs lie together
        int[] first = new int[nOrient + 1];
        for (int o : projection) first[o + 1]++;
        for (int o = 0; o < nOrient; o++) first[o + 1] += first[o];
        int[] order = new int[nPairs], next = java.util.Arrays.copyOf(first, nOrient);
        for (int i = 0; i < nPairs; i++) order[next[projection[i]]++] = i;
        ResidentSets.Entry<Projector> grid = projector.grid(slices.projector());
        long bytes = fixed + maxProj * perProj + maxPairs * perPair;
        try {
            prog.reserve(bytes, "projecting " + maxProj + " orientations and scoring " + maxPairs + " poses");
            List<DeviceBuffer> mems = new ArrayList<>();
            try {
                ImageOnDevice in = upload(mems, img, slices);
                DeviceBuffer rot = output(mems, 24L * maxProj), proj = output(mems, 4L * maxProj * n), q = output(mems, 4L * maxProj);
                DeviceBuffer pi = output(mems, 4L * maxPairs), ti = output(mems, 4L * maxPairs), dots = output(mems, 4L * maxPairs);
                float[] qs = new float[maxProj], ds = new float[maxPairs];
                int[] pSlots = new int[maxPairs], pTrans = new int[maxPairs];
                for (int o0 = 0; o0 < nOrient; o0 += maxProj) {
                    int m = Math.min(maxProj, nOrient - o0);
                    if (first[o0 + m] == first[o0]) continue;   // no pair names these orientations
                    projector.project(grid, slices, o0, m, rot, in.pixels(), proj);
                    queue.launch(Kernel.WEIGHTED_SQUARES, new long[] {(long) m * WG}, new int[] {WG}, proj, m, k, in.ctf2w(), q);
                    queue.read(q, qs, m);
                    for (int start = first[o0], end = first[o0 + m]; start < end; start += maxPairs) {
                        int c = Math.min(maxPairs, end - start);
                        for (int j = 0; j < c; j++) {
                            int i = order[start + j];
                            pSlots[j] = projection[i] - o0;
                            pTrans[j] = translation[i];
                        }
                        queue.write(pi, pSlots, c);
                        queue.write(ti, pTrans, c);
                        queue.launch(Kernel.PAIR_DOTS, new long[] {(long) c * WG}, new int[] {WG}, proj, in.shifted(), n, pi, ti, c, dots);
                        queue.read(dots, ds, c);
                        for (int j = 0; j < c; j++) out[order[start + j]] = img.score(qs[pSlots[j]], ds[j], cc);
                    }
                }
            } finally {
                mems.forEach(DeviceBuffer::free);
                prog.release(bytes);
            }
        } finally {
            projector.release(grid);
        }
        return out;
    }

    /** Listed (projection, translation) pairs of one image; only the projections named are sent. */
    double[] scorePairs(ScoringImage img, float[][] projections, int[] projection, int[] translation, boolean cc) throws InterruptedException {
        int nPairs = projection.length, nt = img.translations();
        double[] out = new double[nPairs];
        if (nPairs == 0) return out;
        int n = img.shifted()[0].length, k = img.ctf2w().length;
        long fixed = 4L * nt * n + 4L * k, perPair = 12, perProj = 4L * n + 4;
        DeviceMemory.require(4L * nt * n, prog.info.maxAllocationBytes(), prog.info, "one buffer of the image's " + nt + " translations");
        long room = batchRoom(fixed);
        int maxProj = (int) Math.max(1, Math.min(Math.min(projections.length, room / 2 / perProj),
                Math.min(maxBatchBytes, prog.info.maxAllocationBytes()) / (4L * n)));
        int maxPairs = (int) Math.max(1, Math.min(nPairs, Math.min(room / 2 / perPair, prog.info.maxAllocationBytes() / 4)));
        long bytes = fixed + maxProj * perProj + maxPairs * perPair;
        prog.reserve(bytes, "scoring " + maxPairs + " poses of " + maxProj + " projections");
        List<DeviceBuffer> mems = new ArrayList<>();
        try {
            DeviceBuffer shifted = input(mems, flatten(img.shifted(), 0, nt), nt * n);
            DeviceBuffer ctf2w = input(mems, img.ctf2w(), k);
            DeviceBuffer proj = output(mems, 4L * maxProj * n), q = output(mems, 4L * maxProj);
            DeviceBuffer pi = output(mems, 4L * maxPairs), ti = output(mems, 4L * maxPairs), dots = output(mems, 4L * maxPairs);
            int[] slot = new int[projections.length];
            Arrays.fill(slot, -1);
            int[] used = new int[maxProj], pSlots = new int[maxPairs], pTrans = new int[maxPairs];
            float[] qs = new float[maxProj], ds = new float[maxPairs];
            for (int start = 0; start < nPairs; ) {
                // a batch: the next pairs, while their distinct projections fit
                int nUsed = 0, end = start;
                while (end < nPairs && end - start < maxPairs) {
                    int o = projection[end];
                    if (slot[o] < 0) {
                        if (nUsed == maxProj) break;
                        slot[o] = nUsed;
                        used[nUsed++] = o;
                    }
                    pSlots[end - start] = slot[o];
                    pTrans[end - start] = translation[end];
                    end++;
                }
                int m = end - start;
                float[] flat = stage(nUsed * n);
                for (int u = 0; u < nUsed; u++) System.arraycopy(projections[used[u]], 0, flat, u * n, n);
                queue.write(proj, flat, nUsed * n);
                queue.write(pi, pSlots, m);
                queue.write(ti, pTrans, m);
                queue.launch(Kernel.WEIGHTED_SQUARES, new long[] {(long) nUsed * WG}, new int[] {WG}, proj, nUsed, k, ctf2w, q);
                queue.launch(Kernel.PAIR_DOTS, new long[] {(long) m * WG}, new int[] {WG}, proj, shifted, n, pi, ti, m, dots);
                queue.read(q, qs, nUsed);
                queue.read(dots, ds, m);
                for (int j = 0; j < m; j++) out[start + j] = img.score(qs[pSlots[j]], ds[j], cc);
                for (int u = 0; u < nUsed; u++) slot[used[u]] = -1;
                start = end;
            }
        } finally {
            mems.forEach(DeviceBuffer::free);
            prog.release(bytes);
        }
        return out;
    }

    /** An image's translations and weights and its window's pixels, on the device for one call. */
    private record ImageOnDevice(DeviceBuffer shifted, DeviceBuffer ctf2w, DeviceBuffer pixels) {}

    /** Uploads what every projecting call needs of its image (the buffers join {@code mems}). */
    private ImageOnDevice upload(List<DeviceBuffer> mems, ScoringImage img, CentralSlices slices) {
        int nt = img.translations(), n = slices.projectionLength();
        DeviceBuffer pixels = output(mems, 4L * n);
        queue.write(pixels, DeviceProjections.pixels(slices), n);
        return new ImageOnDevice(input(mems, flatten(img.shifted(), 0, nt), nt * n), input(mems, img.ctf2w(), img.ctf2w().length), pixels);
    }

    /** What one call may hold: a quarter of the budget, so that four queues run without waiting, but at least its fixed part. */
    private long batchRoom(long fixed) {
        return Math.max(prog.budget / 4 - fixed, 0) + 1;
    }

    private float[] flatten(float[][] rows, int from, int count) {
        int n = rows[from].length;
        float[] flat = stage(count * n);
        for (int r = 0; r < count; r++) System.arraycopy(rows[from + r], 0, flat, r * n, n);
        return flat;
    }

    /** The queue's reusable host array, grown to {@code floats}; copies are blocking, so it is free again after each. */
    private float[] stage(int floats) {
        if (staging.length < floats) staging = new float[floats];
        return staging;
    }

    /** A buffer holding the first {@code floats} of {@code data} (a staging array may be longer). */
    private DeviceBuffer input(List<DeviceBuffer> mems, float[] data, int floats) {
        DeviceBuffer b = output(mems, 4L * floats);
        queue.write(b, data, floats);
        return b;
    }

    private DeviceBuffer output(List<DeviceBuffer> mems, long bytes) {
        DeviceBuffer b = queue.allocate(bytes);
        mems.add(b);
        return b;
    }

    private static long roundUp(long v, int m) { return KernelQueue.roundUp(v, m); }

    @Override
    public void close() { queue.close(); }
}
