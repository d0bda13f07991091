package org.cryoj.ui.command;

import org.scijava.ItemIO;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;

/**
 * What every CryoJ command shares: a one-line summary output, the log, and the rule that bad
 * input cancels the command with a reason naming the option or file (never a stack trace).
 */
public abstract class CryoJCommand extends ContextCommand {

    @Parameter(type = ItemIO.OUTPUT, label = "Summary")
    protected String summary;

    @Parameter
    protected LogService log;

    /** Set by {@link #cancel}; read by a job's worker threads, hence volatile (SciJava's own flag is not). */
    private volatile boolean cancelRequested;

    /** The menu name without dots, used to prefix log lines. */
    protected abstract String title();

    /** Logs the summary of a finished run. */
    protected void succeed(String text) {
        summary = text;
        log.info(text);
    }

    /** Cancels the command with a reason the user can act on, and logs it as an error. */
    protected void fail(String reason) {
        log.error(title() + ": " + reason);
        cancel(reason);
    }

    @Override
    public void cancel(String reason) {
        cancelRequested = true;
        super.cancel(reason);
    }

    /** Whether a cancel was asked for; safe to poll from any thread. */
    protected boolean cancelRequested() { return cancelRequested; }
}
