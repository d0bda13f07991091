package org.cryoj.ui.ij1;

import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;

import org.cryoj.ui.ij1.CommandBridge.CommandFailedException;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * ImageJ 1 entry point for any CryoJ SciJava command; plugins.config names the command class
 * as the argument, e.g. {@code org.cryoj.ui.ij1.CommandPlugin("org.cryoj.ui.command.RescaleMapCommand")}.
 * Called from a macro it reads the option string; called from the menu it shows a dialog whose
 * labels start with the option name ("angpix: Pixel size (in A)"), because ImageJ records the
 * first word of a label as the macro key, with the command's group headings (RELION's tabs) as text.
 */
public class CommandPlugin implements PlugIn {
    private static final Font HEADING_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    @Override
    public void run(String commandClassName) {
        String title = "CryoJ";
        try {
            CommandInfo info = CommandBridge.info(commandClass(commandClassName));
            title = info.getTitle();
            String options = Macro.getOptions();
            Map<String, Object> inputs = options != null
                    ? CommandBridge.fromMacroOptions(info, MacroOptions.parse(options))
                    : askUser(info);
            if (inputs == null) return; // dialog canceled
            String summary = CommandBridge.run(info, inputs, ImageJ1.running());
            IJ.showStatus(summary);
        } catch (CommandFailedException | IllegalArgumentException e) {
            fail(title, e.getMessage());
        }
    }

    private static Class<? extends Command> commandClass(String name) {
        try {
            return Class.forName(name, true, CommandPlugin.class.getClassLoader()).asSubclass(Command.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("plugins.config names no CryoJ command: '" + name + "'");
        }
    }

    /** Dialog with the command's defaults under its group headings; null when the user cancels. */
    private static Map<String, Object> askUser(CommandInfo info) {
        List<ModuleItem<?>> items = CommandBridge.userInputs(info);
        Module defaults = CommandBridge.createModule(info);
        GenericDialog gd = new GenericDialog(info.getTitle());
        for (ModuleItem<?> item : CommandBridge.dialogItems(info)) {
            if (CommandBridge.isHeading(item)) {
                // text only: ImageJ records fields, not messages, so a heading never becomes a macro key
                gd.addMessage(headingText(item, defaults), HEADING_FONT);
                continue;
            }
            String label = dialogLabel(item);
            Object value = defaults.getInput(item.getName());
            Class<?> type = item.getType();
            if (InputValues.isBoolean(type)) gd.addCheckbox(label, Boolean.TRUE.equals(value));
            else if (InputValues.isInt(type)) gd.addNumericField(label, ((Number) value).doubleValue(), 0);
            else if (InputValues.isDouble(type)) gd.addNumericField(label, ((Number) value).doubleValue(), 4);
            else gd.addStringField(label, value == null ? "" : value.toString(), 40);
        }
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (ModuleItem<?> item : items) {
            Class<?> type = item.getType();
            Object value;
            if (InputValues.isBoolean(type)) value = gd.getNextBoolean();
            else if (InputValues.isInt(type)) value = InputValues.parse(type, Double.toString(gd.getNextNumber()));
            else if (InputValues.isDouble(type)) value = gd.getNextNumber();
            else value = InputValues.parse(type, gd.getNextString());
            inputs.put(item.getName(), value);
        }
        // ImageJ records a ticked box as a bare key and an unticked one not at all, which the
        // bridge would replay as the default: say "key=false" where the default is ticked
        if (Recorder.record) for (String key : untickedDefaults(items, defaults, inputs)) Recorder.recordOption(key, "false");
        return inputs;
    }

    /** The check boxes ticked by default that the user unticked. */
    static List<String> untickedDefaults(List<ModuleItem<?>> items, Module defaults, Map<String, Object> inputs) {
        List<String> out = new ArrayList<>();
        for (ModuleItem<?> item : items)
            if (InputValues.isBoolean(item.getType()) && Boolean.TRUE.equals(defaults.getInput(item.getName()))
                    && Boolean.FALSE.equals(inputs.get(item.getName())))
                out.add(item.getName());
        return out;
    }

    /** A heading's text: the message item's value (its label when it has none). */
    static String headingText(ModuleItem<?> item, Module defaults) {
        Object value = defaults.getInput(item.getName());
        return value == null || value.toString().isBlank() ? item.getLabel() : value.toString();
    }

    /** "angpix: Pixel size (in A)": ImageJ records the word before the colon as the macro key. */
    static String dialogLabel(ModuleItem<?> item) {
        String label = item.getLabel();
        if (label.endsWith(":")) label = label.substring(0, label.length() - 1);
        return item.getName() + ": " + label;
    }

    /**
     * With an ImageJ window, IJ.error shows the message and stops a calling macro. Without one
     * (imagej -batch) nobody can close a dialog, so the message goes to the log (stdout) and
     * the macro is stopped silently.
     */
    private static void fail(String title, String message) {
        if (IJ.getInstance() != null) {
            IJ.error(title, message);
            return;
        }
        IJ.log(title + " failed: " + message);
        if (Interpreter.getInstance() != null) Interpreter.abort();
    }
}
