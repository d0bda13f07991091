package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.log.LogService;

/**
 * Runs CryoJ commands headless through SciJava's CommandService, as Fiji and scripts run them,
 * for the command tests: one context per test class, inputs as name/value pairs.
 */
public final class CommandRunner implements AutoCloseable {
    private final Context context =
            new Context(CommandService.class, StatusService.class, EventService.class, LogService.class);
    private final CommandService commands = context.getService(CommandService.class);

    public Context context() { return context; }

    public CommandService commands() { return commands; }

    /** Runs the command with {@code name, value, name, value, ...} inputs and waits for it. */
    public CommandModule run(Class<? extends Command> command, Object... nameValues) throws Exception {
        return commands.run(command, true, inputs(nameValues)).get();
    }

    public static Map<String, Object> inputs(Object... nameValues) {
        Map<String, Object> map = new HashMap<>();
        for (int k = 0; k < nameValues.length; k += 2) map.put((String) nameValues[k], nameValues[k + 1]);
        return map;
    }

    /** The command was cancelled with a reason naming every word given, and not with a stack trace. */
    public static void assertCanceledNaming(CommandModule m, String... words) {
        assertTrue(m.isCanceled(), "command should have been canceled");
        String reason = m.getCancelReason();
        assertNotNull(reason);
        for (String w : words) assertTrue(reason.contains(w), "reason '" + reason + "' should name " + w);
        assertFalse(reason.contains("Exception") || reason.contains("\tat "), "reason is a stack trace: " + reason);
    }

    @Override
    public void close() { context.dispose(); }
}
