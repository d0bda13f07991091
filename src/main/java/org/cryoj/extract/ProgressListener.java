package org.cryoj.extract;

/**
 * Hears how far an extraction has come and may cancel it (the Fiji command's progress bar and
 * its cancel button). Calls may come from worker threads.
 */
public interface ProgressListener {
    /** Extraction begins; {@code total} micrographs have particles to extract. */
    void started(int total);

    /** Micrograph {@code index} (0-based, in --i order among those extracted) is written. */
    void micrographDone(int index);

    /** Polled between particles; true stops the job before its STAR file is written. */
    boolean isCancelled();

    /** Listens to nothing and never cancels. */
    ProgressListener NONE = new ProgressListener() {
        @Override public void started(int total) {}
        @Override public void micrographDone(int index) {}
        @Override public boolean isCancelled() { return false; }
    };
}
