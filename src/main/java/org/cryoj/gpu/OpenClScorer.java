package org.cryoj.gpu;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cryoj.refine.ScoringImage;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One in-order command queue on one device and its own kernel objects, used by one thread at a
 * time (the backend lends it out). Each call uploads its inputs, runs the scoring kernels over
 * batches of projections sized to the device's memory, reads the two sums back and forms the
 * scores with {@link ScoringImage#score}, so that every backend shares one definition.
 */
final class OpenClScorer implements AutoCloseable {
    /** Work-group size of the reductions and side of cross_all's tiles, as #defined in cryoj_kernels.cl. */
    static final int WG = 64, TILE = 16;
    /** The largest projection batch held on the host and the device at once: larger batches gain nothing. */
    static final long MAX_BATCH_BYTES = 256L << 20;

    private final OpenClProgram prog;
    private final long maxBatchBytes;
    private final cl_command_queue queue;
    private final cl_kernel weightedSquares, crossAll, pairDots;
    private float[] staging = new float[0];

    /** @param maxBatchBytes the largest projection batch: {@link #MAX_BATCH_BYTES}, smaller in tests */
    @SuppressWarnings("deprecation")   // clCreateCommandQueue: the OpenCL 1.2 call, which every driver has
    OpenClScorer(OpenClProgram prog, long maxBatchBytes) {
        this.prog = prog;
        this.maxBatchBytes = maxBatchBytes;
        boolean made = false;
        try {
            this.queue = clCreateCommandQueue(prog.context, prog.device, 0, null);
            this.weightedSquares = clCreateKernel(prog.program, "weighted_squares", null);
            this.crossAll = clCreateKernel(prog.program, "cross_all", null);
            this.pairDots = clCreateKernel(prog.program, "pair_dots", null);
            long[] max = new long[1];
            clGetKernelWorkGroupInfo(crossAll, prog.device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
            if (max[0] < (long) TILE * TILE)
                throw new IllegalStateException(prog.info + " runs work-groups of at most " + max[0] + " work-items; CryoJ's kernels need " + TILE * TILE);
            made = true;
        } finally {
            if (!made) close();
        }
    }

    /**
     * Every projection at every translation of one image: out[o T + t]. Projections that fit on
     * the device at once stay there for the next call with the same array ({@link ResidentProjections});
     * others are sent in batches sized to the device's memory.
     */
    void scoreAll(ScoringImage img, float[][] projections, boolean cc, double[] out) throws InterruptedException {
        int nProj = projections.length, nt = img.translations();
        if (nProj == 0 || nt == 0) return;
        int n = projections[0].length, k = img.ctf2w().length;
        long fixed = 4L * nt * n + 4L * k, perProj = 4L * n + 4L * nt + 4, maxAlloc = prog.info.maxAllocationBytes();
        DeviceMemory.require(4L * nt * n, maxAlloc, prog.info, "one buffer of the image's " + nt + " translations");
        long room = batchRoom(fixed);
        boolean fits = 4L * nProj * n <= Math.min(Math.min(maxBatchBytes, maxAlloc), room) && 4L * nProj * nt <= maxAlloc
                && 4L * nProj * (nt + 1) <= room;
        ResidentProjections.Entry resident = null;
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
                    resident = prog.projections.put(projections, flatten(projections, 0, nProj), nProj * n);
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
            List<cl_mem> mems = new ArrayList<>();
            try {
                cl_mem shifted = input(mems, flatten(img.shifted(), 0, nt), nt * n);
                cl_mem ctf2w = input(mems, img.ctf2w(), k);
                cl_mem proj = resident != null ? resident.buffer : output(mems, 4L * batch * n);
                cl_mem q = output(mems, 4L * batch), cross = output(mems, 4L * batch * nt);
                float[] qs = new float[batch], cs = new float[batch * nt];
                for (int o0 = 0; o0 < nProj; o0 += batch) {
                    int m = Math.min(batch, nProj - o0);
                    if (resident == null) write(proj, flatten(projections, o0, m), m * n);
                    launch(weightedSquares, new long[] {(long) m * WG}, new long[] {WG}, proj, m, k, ctf2w, q);
                    launch(crossAll, new long[] {roundUp(nt, TILE), roundUp(m, TILE)}, new long[] {TILE, TILE}, proj, m, shifted, nt, n, cross);
                    read(q, qs, m);
                    read(cross, cs, m * nt);
                    for (int o = 0; o < m; o++)
                        for (int t = 0; t < nt; t++) out[(o0 + o) * nt + t] = img.score(qs[o], cs[o * nt + t], cc);
                }
            } finally {
                mems.forEach(org.jocl.CL::clReleaseMemObject);
                prog.release(bytes);
            }
        } finally {
            if (resident != null) prog.projections.release(resident);
        }
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
        List<cl_mem> mems = new ArrayList<>();
        try {
            cl_mem shifted = input(mems, flatten(img.shifted(), 0, nt), nt * n);
            cl_mem ctf2w = input(mems, img.ctf2w(), k);
            cl_mem proj = output(mems, 4L * maxProj * n), q = output(mems, 4L * maxProj);
            cl_mem pi = output(mems, 4L * maxPairs), ti = output(mems, 4L * maxPairs), dots = output(mems, 4L * maxPairs);
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
                write(proj, flat, nUsed * n);
                OpenClCalls.write(queue, pi, pSlots, m);
                OpenClCalls.write(queue, ti, pTrans, m);
                launch(weightedSquares, new long[] {(long) nUsed * WG}, new long[] {WG}, proj, nUsed, k, ctf2w, q);
                launch(pairDots, new long[] {(long) m * WG}, new long[] {WG}, proj, shifted, n, pi, ti, m, dots);
                read(q, qs, nUsed);
                read(dots, ds, m);
                for (int j = 0; j < m; j++) out[start + j] = img.score(qs[pSlots[j]], ds[j], cc);
                for (int u = 0; u < nUsed; u++) slot[used[u]] = -1;
                start = end;
            }
        } finally {
            mems.forEach(org.jocl.CL::clReleaseMemObject);
            prog.release(bytes);
        }
        return out;
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

    /** The queue's reusable host array, grown to {@code floats}; writes are blocking, so it is free again after each. */
    private float[] stage(int floats) {
        if (staging.length < floats) staging = new float[floats];
        return staging;
    }

    /** A read-only buffer holding the first {@code floats} of {@code data} (a staging array may be longer). */
    private cl_mem input(List<cl_mem> mems, float[] data, int floats) {
        cl_mem m = clCreateBuffer(prog.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, 4L * Math.max(1, floats), Pointer.to(data), null);
        mems.add(m);
        return m;
    }

    private cl_mem output(List<cl_mem> mems, long bytes) {
        cl_mem m = clCreateBuffer(prog.context, CL_MEM_READ_WRITE, Math.max(4, bytes), null, null);
        mems.add(m);
        return m;
    }

    private void write(cl_mem buffer, float[] data, int floats) { OpenClCalls.write(queue, buffer, data, floats); }

    private void read(cl_mem buffer, float[] data, int floats) { OpenClCalls.read(queue, buffer, data, floats); }

    private void launch(cl_kernel kernel, long[] global, long[] local, Object... args) {
        OpenClCalls.launch(queue, kernel, global, local, args);
    }

    private static long roundUp(long v, int m) { return OpenClCalls.roundUp(v, m); }

    /** Also after a failed construction: frees whatever was made. */
    @Override
    public void close() {
        for (cl_kernel k : new cl_kernel[] {weightedSquares, crossAll, pairDots}) if (k != null) clReleaseKernel(k);
        if (queue != null) clReleaseCommandQueue(queue);
    }
}
