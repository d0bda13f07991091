package org.cryoj.ui.ij1;

import java.io.File;
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
import org.scijava.widget.FileWidget;
import org.scijava.widget.WidgetStyle;

/**
 * ImageJ 1 entry point for any CryoJ SciJava command; plugins.config names the command class
 * as the argument, e.g. {@code org.cryoj.ui.ij1.CommandPlugin("org.cryoj.ui.command.RescaleMapCommand")}.
 * Called from a macro it reads the option string; called from the menu it shows a dialog whose
 * labels start with the option name ("angpix: Pixel size (in A)"), because ImageJ records the
 * first word of a label as the macro key, with the command's group headings (RELION's tabs) as text.
 * File and folder fields have a Browse button, as in RELION's GUI.
 */
public class CommandPlugin implements PlugIn {
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
        Module defaults = CommandBridge.createModule(info);
        GenericDialog gd = new GenericDialog(info.getTitle());
        addFields(info, defaults, new GenericDialogFields(gd));
        gd.showDialog();
        if (gd.wasCanceled()) return null;
        List<ModuleItem<?>> items = CommandBridge.userInputs(info);
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (ModuleItem<?> item : items) {
            Class<?> type = item.getType();
            Object value = switch (kind(item)) {
                case CHECKBOX -> gd.getNextBoolean();
                case INTEGER -> InputValues.parse(type, Double.toString(gd.getNextNumber()));
                case NUMBER -> gd.getNextNumber();
                case CHOICE -> gd.getNextChoice();
                case OPEN_FILE, SAVE_FILE, FOLDER, TEXT -> InputValues.parse(type, gd.getNextString());
            };
            inputs.put(item.getName(), value);
        }
        // ImageJ records a ticked box as a bare key and an unticked one not at all, which the
        // bridge would replay as the default: say "key=false" where the default is ticked
        if (Recorder.record) for (String key : untickedDefaults(items, defaults, inputs)) Recorder.recordOption(key, "false");
        return inputs;
    }

    /** The kind of ImageJ 1 dialog field an input gets; file and folder fields come with a Browse button. */
    enum FieldKind { CHECKBOX, INTEGER, NUMBER, CHOICE, OPEN_FILE, SAVE_FILE, FOLDER, TEXT }

    static FieldKind kind(ModuleItem<?> item) {
        Class<?> type = item.getType();
        if (InputValues.isBoolean(type)) return FieldKind.CHECKBOX;
        if (InputValues.isInt(type)) return FieldKind.INTEGER;
        if (InputValues.isDouble(type)) return FieldKind.NUMBER;
        if (type == File.class) {
            if (WidgetStyle.isStyle(item, FileWidget.DIRECTORY_STYLE)) return FieldKind.FOLDER;
            if (WidgetStyle.isStyle(item, FileWidget.SAVE_STYLE)) return FieldKind.SAVE_FILE;
            return FieldKind.OPEN_FILE;
        }
        if (item.getChoices() != null && !item.getChoices().isEmpty()) return FieldKind.CHOICE;
        return FieldKind.TEXT;
    }

    /** The fields of a dialog, in the order {@link #addFields} adds them; an interface so that tests need no display. */
    interface Fields {
        void heading(String text);
        void note(String label, String text);
        void checkbox(String label, boolean value);
        void number(String label, double value, int digits);
        void choice(String label, String[] choices, String value);
        void openFile(String label, String path);
        void saveFile(String label, String path);
        void folder(String label, String path);
        void text(String label, String value);
    }

    /** The command's headings, notes and inputs with their defaults, in the command's order. */
    static void addFields(CommandInfo info, Module defaults, Fields gd) {
        for (ModuleItem<?> item : CommandBridge.dialogItems(info)) {
            if (CommandBridge.isHeading(item)) {
                // text only: ImageJ records fields, not messages, so a heading never becomes a macro key
                gd.heading(headingText(item, defaults));
                continue;
            }
            if (CommandBridge.isNote(item)) {
                Object text = defaults.getInput(item.getName());
                gd.note(item.getLabel(), text == null ? "" : text.toString());
                continue;
            }
            String label = dialogLabel(item);
            Object value = defaults.getInput(item.getName());
            String text = value == null ? "" : value.toString();
            switch (kind(item)) {
                case CHECKBOX -> gd.checkbox(label, Boolean.TRUE.equals(value));
                case INTEGER -> gd.number(label, ((Number) value).doubleValue(), 0);
                case NUMBER -> gd.number(label, ((Number) value).doubleValue(), 4);
                case CHOICE -> gd.choice(label, item.getChoices().stream().map(String::valueOf).toArray(String[]::new), text);
                case OPEN_FILE -> gd.openFile(label, text);
                case SAVE_FILE -> gd.saveFile(label, text);
                case FOLDER -> gd.folder(label, text);
                case TEXT -> gd.text(label, text);
            }
        }
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
