package org.cryoj.ui.ij1;

import org.scijava.Cancelable;

/**
 * Cancels a running command when the user presses Esc in ImageJ 1, which only sets a flag
 * ({@code IJ.escapePressed()}) for whoever polls it. The flag is reset at the start, so an Esc
 * pressed before this command does not cancel it.
 */
final class EscapeWatcher implements AutoCloseable {
    static final String REASON = "cancelled with Esc";

    private final Thread thread;

    private EscapeWatcher(Thread thread) { this.thread = thread; }

    /** Starts polling every {@code pollMillis} until {@link #close} or one cancel. */
    static EscapeWatcher start(ImageJ1 ui, Cancelable target, long pollMillis) {
        ui.resetEscape();
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (ui.escapePressed()) {
                        target.cancel(REASON);
                        return;
                    }
                    Thread.sleep(pollMillis);
                }
            } catch (InterruptedException e) {
                // closed: the command ended
            }
        }, "CryoJ Esc watcher");
        t.setDaemon(true);
        t.start();
        return new EscapeWatcher(t);
    }

    /** Stops polling and waits for the watcher thread, so no cancel lands after this returns. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() { return thread.isAlive(); }
}
