package org.cryoj.gpu;

/**
 * The projection set most recently scored on one device, kept there between calls and keyed by
 * the caller's array object: in a global search every particle of an iteration is scored against
 * the same projections, which then cross to the device once per iteration instead of once per
 * particle (on a GPU the copy costs far more than the scoring). ExpectationBackend's contract:
 * an array passed again holds the same values. A set that is replaced is freed when the last call
 * using it ends. Thread-safe.
 */
final class ResidentProjections {
    /** One set on the device and the calls using it. */
    static final class Entry {
        final float[][] key;
        final DeviceBuffer buffer;
        private int users = 1;
        private boolean replaced;

        private Entry(float[][] key, DeviceBuffer buffer) {
            this.key = key;
            this.buffer = buffer;
        }
    }

    private final DeviceProgram prog;
    private Entry current;
    private long uploads;

    ResidentProjections(DeviceProgram prog) { this.prog = prog; }

    /** The resident copy of {@code projections}, counted as in use, or null where another set is resident. */
    synchronized Entry hit(float[][] projections) {
        if (current == null || current.key != projections) return null;
        current.users++;
        return current;
    }

    /**
     * Uploads {@code flat} (the rows of {@code projections}, {@code floats} of it) through
     * {@code queue} and makes it the resident set, in use by the caller; the set it replaces is
     * freed once no call uses it. The caller has reserved its 4 floats bytes, which the set keeps
     * until it is freed.
     */
    Entry put(KernelQueue queue, float[][] projections, float[] flat, int floats) {
        Entry e = new Entry(projections, queue.upload(flat, floats));
        synchronized (this) {
            uploads++;
            Entry old = current;
            current = e;
            if (old != null) {
                old.replaced = true;
                if (old.users == 0) free(old);
            }
        }
        return e;
    }

    /** How many sets were uploaded so far (each call with a new array is one). */
    synchronized long uploads() { return uploads; }

    synchronized void release(Entry e) {
        if (--e.users == 0 && e.replaced) free(e);
    }

    /** Frees the resident set; every call has ended. */
    synchronized void clear() {
        if (current != null) free(current);
        current = null;
    }

    private void free(Entry e) {
        e.buffer.free();
        prog.release(e.buffer.bytes());
    }
}
