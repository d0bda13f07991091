package org.cryoj.ui.ij1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * Runs a CryoJ SciJava command for an ImageJ 1 caller: inputs come in as macro option text
 * (keys = parameter names = RELION option names) or as typed dialog values, and every
 * failure comes back as a {@link CommandFailedException} whose message is meant for the user.
 * One SciJava context is created on first use and shared, because creating it takes seconds.
 */
public final class CommandBridge {
    private static final long ESC_POLL_MILLIS = 100;
    private static Context context;

    private CommandBridge() {}

    /** Thrown with a message for the user: bad options, invalid settings, I/O errors. */
    public static final class CommandFailedException extends Exception {
        public CommandFailedException(String message) { super(message); }
    }

    static synchronized Context context() {
        if (context == null) context = withPluginClassLoader(() -> new Context());
        return context;
    }

    public static CommandInfo info(Class<? extends Command> command) {
        CommandInfo info = context().getService(CommandService.class).getCommand(command);
        if (info == null) throw new IllegalStateException(command.getName() + " is not an indexed SciJava command");
        return info;
    }

    /** The inputs a user sets (the macro keys): all inputs except injected services, the context and message items. */
    public static List<ModuleItem<?>> userInputs(CommandInfo info) {
        List<ModuleItem<?>> out = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs())
            if (!isMessage(item) && InputValues.isSupported(item.getType())) out.add(item);
        return out;
    }

    /**
     * What a dialog shows, in the command's order: message items (group headings and notes) and
     * the user inputs. SciJava 2.99 has no parameter groups, so a command marks a group (a tab of
     * RELION's job dialog) with an unlabelled message item before its fields; Fiji's own dialog
     * shows it as text too.
     */
    public static List<ModuleItem<?>> dialogItems(CommandInfo info) {
        List<ModuleItem<?>> out = new ArrayList<>();
        for (ModuleItem<?> item : info.inputs())
            if (isMessage(item) || InputValues.isSupported(item.getType())) out.add(item);
        return out;
    }

    /** A message item: text in the dialog, never a macro key nor recorded (Fiji's recorder skips these too). */
    public static boolean isMessage(ModuleItem<?> item) {
        return item.getVisibility() == ItemVisibility.MESSAGE;
    }

    /** A group heading: a message item without a label (its text is the group's name, e.g. "Compute"). */
    public static boolean isHeading(ModuleItem<?> item) {
        return isMessage(item) && !hasLabel(item);
    }

    /**
     * A note: a labelled message item, for an option of RELION's dialog that CryoJ always runs one
     * way; the label is RELION's, the text says what CryoJ does (Fiji shows label and text in one row).
     */
    public static boolean isNote(ModuleItem<?> item) {
        return isMessage(item) && hasLabel(item);
    }

    private static boolean hasLabel(ModuleItem<?> item) {
        return item.getLabel() != null && !item.getLabel().isBlank();
    }

    /** A fresh module whose input values are the command's defaults. */
    public static Module createModule(CommandInfo info) {
        return context().getService(ModuleService.class).createModule(info);
    }

    /** Converts macro option text to typed inputs; unknown keys are an error, missing keys keep their default. */
    public static Map<String, Object> fromMacroOptions(CommandInfo info, MacroOptions options) throws CommandFailedException {
        Map<String, ModuleItem<?>> byKey = new LinkedHashMap<>();
        for (ModuleItem<?> item : userInputs(info)) byKey.put(item.getName().toLowerCase(java.util.Locale.ROOT), item);
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.values().entrySet()) {
            ModuleItem<?> item = byKey.get(e.getKey());
            if (item == null)
                throw new CommandFailedException("unknown option '" + e.getKey() + "'; known options: "
                        + String.join(", ", byKey.keySet()));
            try {
                typed.put(item.getName(), InputValues.parse(item.getType(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new CommandFailedException(e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
            }
        }
        return typed;
    }

    /**
     * Runs the command with the given inputs set on top of its defaults and returns its
     * "summary" output. While it runs, its status events go to ImageJ 1's status and progress
     * bars, its log messages (and at the end its summary) to the Log window, and Esc cancels it.
     */
    public static String run(CommandInfo info, Map<String, Object> inputs, ImageJ1 ui) throws CommandFailedException {
        Module module = createModule(info);
        for (Map.Entry<String, Object> e : inputs.entrySet()) {
            module.setInput(e.getKey(), e.getValue());
            module.resolveInput(e.getKey());
        }
        // Defaults count as given: nothing may be filled in from stored preferences or a UI.
        for (ModuleItem<?> item : userInputs(info)) module.resolveInput(item.getName());
        ModuleService modules = context().getService(ModuleService.class);
        EventService events = context().getService(EventService.class);
        Module done;
        LogService logs = context().getService(LogService.class);
        StatusForwarder status = new StatusForwarder(ui, System::nanoTime);
        LogForwarder log = new LogForwarder(ui);
        // the event service holds subscribers weakly: 'status' stays referenced until unsubscribed below
        List<EventSubscriber<?>> subscription = events.subscribe(status);
        logs.addLogListener(log);
        try (EscapeWatcher esc = module instanceof Cancelable c ? EscapeWatcher.start(ui, c, ESC_POLL_MILLIS) : null) {
            done = withPluginClassLoader(() -> modules.run(module, true).get());
        } catch (RuntimeException e) {
            throw new CommandFailedException(rootMessage(e));
        } finally {
            logs.removeLogListener(log);
            log.close();
            events.unsubscribe(subscription);
            status.close();
        }
        if (done instanceof Cancelable c && c.isCanceled())
            throw new CommandFailedException(c.getCancelReason() != null ? c.getCancelReason() : "canceled");
        Object output = done.getOutput("summary");
        String summary = output == null ? info.getTitle() + " finished" : output.toString();
        if (!log.forwarded(summary)) ui.log(summary);
        return summary;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) root = root.getCause();
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private interface Work<T> { T call() throws InterruptedException, ExecutionException; }

    /**
     * ImageJ 1 loads plugin jars with its own class loader, while SciJava finds plugins and
     * services through the thread's context class loader: make it ours while SciJava works.
     */
    private static <T> T withPluginClassLoader(Work<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(CommandBridge.class.getClassLoader());
        try {
            return work.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
