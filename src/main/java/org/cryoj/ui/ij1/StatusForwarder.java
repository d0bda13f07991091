package org.cryoj.ui.ij1;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Forwards SciJava status events of a running command to ImageJ 1's status and progress bars,
 * with an ETA once the job has run a while. StatusService publishes its events later on pool
 * threads, so they may arrive out of order: the progress bar only moves forward, and after
 * {@link #close} late events are dropped so they cannot hide the command's final summary.
 */
final class StatusForwarder implements AutoCloseable {
    /** Below this elapsed time an ETA is mostly noise, and the job is not long anyway. */
    static final double ETA_AFTER_SECONDS = 2;

    private final ImageJ1 ui;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private int done = -1, total = -1;
    private boolean closed;

    StatusForwarder(ImageJ1 ui, LongSupplier nanoClock) {
        this.ui = ui;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @EventHandler
    public synchronized void onStatus(StatusEvent e) {
        if (closed) return;
        int max = e.getProgressMaximum(), value = e.getProgressValue();
        if (max > 0 && value >= 0 && value <= max && (max != total || value > done)) {
            total = max;
            done = value;
            ui.showProgress(done, total);
        }
        String text = e.getStatusMessage();
        if (text == null || text.isEmpty()) return; // clearStatus: the bridge shows the summary at the end
        double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
        OptionalLong left = Eta.remainingSeconds(elapsed, done, total);
        if (elapsed >= ETA_AFTER_SECONDS && left.isPresent()) text += " (" + Eta.format(left.getAsLong()) + ")";
        ui.showStatus(text);
    }

    /** Stops forwarding and erases the progress bar. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (total > 0 && done < total) ui.showProgress(total, total);
    }
}
