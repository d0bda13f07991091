package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The device buffers one CUDA queue has freed, kept for its next allocations: a refinement
 * scores particle after particle with buffers of the same sizes, and cuMemAlloc / cuMemFree
 * would synchronise the device at each. A buffer is reused only by the queue that allocated it,
 * whose stream orders the reuse after every earlier use there; buffers used by other streams
 * (resident projections) come back only after their users have waited for their streams. The
 * queues of a device together keep at most {@link CudaKernels#cacheBytes} (outside the budget
 * the hosts plan with); a buffer is reused for requests of half its size up to its size.
 * Thread-safe: resident projections are freed by whichever thread used them last.
 */
final class CudaBufferCache {
    private final long capBytes;
    private final AtomicLong cached;
    private final Consumer<List<CudaQueue.Buffer>> freer;
    private final List<CudaQueue.Buffer> idle = new ArrayList<>();
    private boolean closed;

    /**
     * @param capBytes what the caches sharing {@code cached} may keep together
     * @param cached   the bytes they keep now
     * @param freer    frees buffers on the device (cuMemFree)
     */
    CudaBufferCache(long capBytes, AtomicLong cached, Consumer<List<CudaQueue.Buffer>> freer) {
        this.capBytes = capBytes;
        this.cached = cached;
        this.freer = freer;
    }

    /** The smallest kept buffer of {@code bytes} to twice that, as a buffer of {@code bytes}; null where none fits. */
    synchronized CudaQueue.Buffer take(long bytes, CudaQueue owner) {
        long need = Math.max(4, bytes);
        int best = -1;
        for (int i = 0; i < idle.size(); i++) {
            long c = idle.get(i).capacity();
            if (c >= need && c <= 2 * need && (best < 0 || c < idle.get(best).capacity())) best = i;
        }
        if (best < 0) return null;
        CudaQueue.Buffer b = idle.remove(best);
        cached.addAndGet(-b.capacity());
        return new CudaQueue.Buffer(b.ptr(), bytes, b.capacity(), owner);
    }

    /** Keeps {@code b} for reuse, freeing the oldest kept buffers while the device's queues keep more than their share. */
    void recycle(CudaQueue.Buffer b) {
        List<CudaQueue.Buffer> free = new ArrayList<>();
        synchronized (this) {
            if (closed || b.capacity() > capBytes) free.add(b);
            else {
                idle.add(b);
                cached.addAndGet(b.capacity());
                while (cached.get() > capBytes && !idle.isEmpty()) {
                    CudaQueue.Buffer old = idle.remove(0);
                    cached.addAndGet(-old.capacity());
                    free.add(old);
                }
            }
        }
        release(free);
    }

    /** Frees every kept buffer. */
    void clear() {
        List<CudaQueue.Buffer> free;
        synchronized (this) {
            free = new ArrayList<>(idle);
            idle.forEach(x -> cached.addAndGet(-x.capacity()));
            idle.clear();
        }
        release(free);
    }

    /** Frees every kept buffer; buffers returned later are freed at once. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        clear();
    }

    /** Buffers kept now (for tests). */
    synchronized int size() { return idle.size(); }

    private void release(List<CudaQueue.Buffer> buffers) {
        if (!buffers.isEmpty()) freer.accept(buffers);
    }
}
