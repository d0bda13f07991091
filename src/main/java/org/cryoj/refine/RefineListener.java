package org.cryoj.refine;

/**
 * Progress of a refinement, for a progress bar and a cancel button. Calls come from the
 * refinement's own thread; {@link #particlesDone} also from worker threads.
 */
public interface RefineListener {
    /** An iteration's E-step starts; {@code total} particles will be aligned. */
    default void iterationStarted(int iteration, int total) {}

    /** {@code done} of {@code total} particles of this iteration are aligned. */
    default void particlesDone(int iteration, int done, int total) {}

    /** An iteration's files are written; {@code autoRefineLines} are its " Auto-refine: ..." lines. */
    default void iterationFinished(int iteration, String autoRefineLines) {}

    /** Other lines of the log (run.out). */
    default void message(String line) {}

    /**
     * Polled at safe points (between particle batches and between iterations): true stops the
     * run, leaving the last completed iteration's files for --continue.
     */
    default boolean isCancelled() { return false; }

    RefineListener NONE = new RefineListener() {};
}
