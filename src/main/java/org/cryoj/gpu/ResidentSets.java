package org.cryoj.gpu;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Data kept on one device between calls, keyed by the caller's object: the projection set of a
 * global search (every particle of an iteration is scored against the same projections, which then
 * cross to the device once per iteration instead of once per particle: on a GPU the copy costs far
 * more than the scoring), and the references' Fourier grids that the device projects from (one per
 * half-set). ExpectationBackend's contract: an object passed again holds the same values. At most
 * {@code capacity} sets are held; the oldest one replaced is freed when the last call using it
 * ends. Thread-safe.
 *
 * @param <K> the key: compared by identity
 */
final class ResidentSets<K> {
    /** One set on the device and the calls using it. */
    static final class Entry<K> {
        final K key;
        final DeviceBuffer buffer;
        private int users = 1;
        private boolean replaced;

        private Entry(K key, DeviceBuffer buffer) {
            this.key = key;
            this.buffer = buffer;
        }
    }

    private final DeviceProgram prog;
    private final int capacity;
    private final Deque<Entry<K>> held = new ArrayDeque<>();
    private long uploads;

    ResidentSets(DeviceProgram prog, int capacity) {
        this.prog = prog;
        this.capacity = capacity;
    }

    /** The resident copy of {@code key}, counted as in use, or null where it is not resident. */
    synchronized Entry<K> hit(K key) {
        for (Entry<K> e : held) {
            if (e.key == key) {
                e.users++;
                return e;
            }
        }
        return null;
    }

    /**
     * Uploads {@code flat} ({@code floats} of it: the values of {@code key}) through {@code queue}
     * and holds it, in use by the caller; beyond the capacity, the oldest set is replaced. The
     * caller has reserved its 4 floats bytes, which the set keeps until it is freed. Where another
     * call uploaded the same key meanwhile, that copy is used and this one freed.
     */
    Entry<K> put(KernelQueue queue, K key, float[] flat, int floats) {
        Entry<K> e = new Entry<>(key, queue.upload(flat, floats));
        synchronized (this) {
            uploads++;
            Entry<K> same = hit(key);
            if (same != null) {
                free(e);
                return same;
            }
            held.addLast(e);
            if (held.size() > capacity) {
                Entry<K> old = held.removeFirst();
                old.replaced = true;
                if (old.users == 0) free(old);
            }
        }
        return e;
    }

    /** How many sets were uploaded so far (each call with a new key is one). */
    synchronized long uploads() { return uploads; }

    synchronized void release(Entry<K> e) {
        if (--e.users == 0 && e.replaced) free(e);
    }

    /** Frees every set; every call has ended. */
    synchronized void clear() {
        held.forEach(this::free);
        held.clear();
    }

    private void free(Entry<K> e) {
        e.buffer.free();
        prog.release(e.buffer.bytes());
    }
}
