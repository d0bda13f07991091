package org.cryoj.ui.ij1;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;

/**
 * Forwards a running command's SciJava information messages (such as 3D Auto-refine's
 * "Auto-refine:" lines and each command's summary) to ImageJ 1's Log window, where ImageJ users
 * and macros ({@code getInfo("log")}) look for them. Errors are left out because the plugin
 * reports a failure itself, once; warnings because SciJava's own (an output it cannot display)
 * would only confuse there. Messages may come from worker threads.
 */
final class LogForwarder implements LogListener, AutoCloseable {
    private final ImageJ1 ui;
    private final Set<String> forwarded = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LogForwarder(ImageJ1 ui) { this.ui = ui; }

    @Override
    public void messageLogged(LogMessage message) {
        if (closed || message.level() != LogLevel.INFO || message.text() == null) return;
        ui.log(message.text());
        forwarded.add(message.text());
    }

    /** Whether this text has reached the Log window (so that the summary is not logged twice). */
    boolean forwarded(String text) { return forwarded.contains(text); }

    /** Stops forwarding. */
    @Override
    public void close() { closed = true; }
}
