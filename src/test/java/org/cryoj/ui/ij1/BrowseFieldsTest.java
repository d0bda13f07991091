package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoj.ui.command.AutoRefineCommand;
import org.cryoj.ui.command.CreateMaskCommand;
import org.cryoj.ui.command.ReconstructParticlesCommand;
import org.cryoj.ui.command.ReextractParticlesCommand;
import org.cryoj.ui.command.RescaleMapCommand;
import org.cryoj.ui.command.ShowFscCommand;
import org.cryoj.ui.command.ShowMapCommand;
import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.widget.FileWidget;
import org.scijava.widget.WidgetStyle;

/**
 * Every file or folder field of every CryoJ command is a {@link File} with a Browse button, in
 * Fiji's dialog (a file widget style) and in ImageJ 1's (a file, save or folder field); macros
 * still give plain paths under the same keys.
 */
class BrowseFieldsTest {

    /** A String or File input whose name or label says it is a path. */
    private static final Pattern PATH_NAME = Pattern.compile("^(i\\d*|o|ref|in|out)$|(^|_)(dir|folder|star|file|path|mask|map|png|mrc|root|rootname|fn)(_|$)");
    private static final Pattern PATH_LABEL = Pattern.compile(
            "(?i)\\b(file|folder|directory|rootname|star|mrc|mrcs|png|map|mask|output name|half-map)\\b");

    /** The commands as ImageJ 1 lists them (plugins.config), so that a new menu entry is checked too. */
    static List<Class<? extends Command>> menuCommands() throws IOException {
        List<Class<? extends Command>> out = new ArrayList<>();
        try (InputStream in = CommandPlugin.class.getResourceAsStream("/plugins.config")) {
            String config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("CommandPlugin\\(\"([^\"]+)\"\\)").matcher(config);
            while (m.find()) {
                try {
                    out.add(Class.forName(m.group(1)).asSubclass(Command.class));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("plugins.config names a missing class " + m.group(1), e);
                }
            }
        }
        return out;
    }

    /** Every CryoJ SciJava command with a menu entry, found by SciJava's index, also those not in plugins.config. */
    private static List<CommandInfo> allCommands() throws IOException {
        List<CommandInfo> out = new ArrayList<>();
        for (CommandInfo info : CommandBridge.context().getService(CommandService.class).getCommands())
            if (info.getClassName().startsWith("org.cryoj.") && info.getMenuPath() != null && !info.getMenuPath().isEmpty())
                out.add(info);
        Set<String> indexed = new TreeSet<>(out.stream().map(CommandInfo::getClassName).toList());
        Set<String> listed = new TreeSet<>(menuCommands().stream().map(Class::getName).toList());
        assertEquals(indexed, listed, "the SciJava commands and ImageJ 1's plugins.config list the same commands");
        assertEquals(7, out.size(), indexed.toString());
        return out;
    }

    static boolean looksLikeAPath(ModuleItem<?> item) {
        return PATH_NAME.matcher(item.getName()).find() || (item.getLabel() != null && PATH_LABEL.matcher(item.getLabel()).find());
    }

    private static boolean hasBrowseStyle(ModuleItem<?> item) {
        return WidgetStyle.isStyle(item, FileWidget.OPEN_STYLE) || WidgetStyle.isStyle(item, FileWidget.SAVE_STYLE)
                || WidgetStyle.isStyle(item, FileWidget.DIRECTORY_STYLE);
    }

    /** A path typed into a String field would have no Browse button: every path-like text input must be a File with a style. */
    @Test
    void everyPathFieldIsAFileWithABrowseStyle() throws Exception {
        int files = 0;
        for (CommandInfo info : allCommands()) {
            for (ModuleItem<?> item : CommandBridge.userInputs(info)) {
                String where = info.getTitle() + " " + item.getName() + " (" + item.getLabel() + ")";
                if (item.getType() == File.class) {
                    files++;
                    assertTrue(hasBrowseStyle(item), where + ": a File without open, save or directory style: " + item.getWidgetStyle());
                    assertFalse(item.getWidgetStyle().contains(" "), where + ": SciJava's file widget splits the style at commas, no spaces: '"
                            + item.getWidgetStyle() + "'");
                    assertTrue(looksLikeAPath(item), where + ": a File field whose name and label do not say it is a path");
                } else if (item.getType() == String.class) {
                    assertFalse(looksLikeAPath(item), where + ": a path as a String has no Browse button; make it a File with a style");
                }
            }
        }
        assertEquals(23, files, "file and folder fields over all commands");
    }

    /** The styles say which chooser opens and which files it shows, as RELION's GUI filters them. */
    @Test
    void fileFieldsOpenSaveOrPickAFolderOfTheRightType() throws Exception {
        Map<Class<? extends Command>, Map<String, String>> expected = new LinkedHashMap<>();
        expected.put(RescaleMapCommand.class, Map.of("i", "open,extensions:mrc/map", "o", "save,extensions:mrc"));
        expected.put(CreateMaskCommand.class, Map.of("i", "open,extensions:mrc/map", "o", "save,extensions:mrc"));
        expected.put(ReextractParticlesCommand.class, Map.of("project_dir", "directory", "i", "open,extensions:star",
                "reextract_data_star", "open,extensions:star", "o", "directory"));
        expected.put(ShowMapCommand.class, Map.of("i", "open,extensions:mrc/map", "mask", "open,extensions:mrc/map",
                "o", "save,extensions:png"));
        expected.put(ShowFscCommand.class, Map.of("i", "open,extensions:mrc/map", "i2", "open,extensions:mrc/map",
                "mask", "open,extensions:mrc/map", "fsc_star", "open,extensions:star", "o", "save,extensions:png"));
        expected.put(ReconstructParticlesCommand.class, Map.of("i", "open,extensions:star", "o", "save,extensions:mrc"));
        expected.put(AutoRefineCommand.class, Map.of("project_dir", "directory", "i", "open,extensions:star", "o", "save",
                "ref", "open,extensions:mrc/map", "solvent_mask", "open,extensions:mrc/map"));
        assertEquals(Set.copyOf(menuCommands()), expected.keySet());
        for (Map.Entry<Class<? extends Command>, Map<String, String>> e : expected.entrySet()) {
            CommandInfo info = CommandBridge.info(e.getKey());
            Map<String, String> styles = new LinkedHashMap<>();
            for (ModuleItem<?> item : CommandBridge.userInputs(info))
                if (item.getType() == File.class) styles.put(item.getName(), item.getWidgetStyle());
            assertEquals(e.getValue(), styles, info.getTitle());
        }
    }

    /** ImageJ 1's dialog: a Browse field for every File (open, save or folder as its style says), nothing else changed. */
    @Test
    void imageJ1DialogHasABrowseFieldForEveryFile() throws Exception {
        for (CommandInfo info : allCommands()) {
            RecordingFields fields = new RecordingFields();
            CommandPlugin.addFields(info, CommandBridge.createModule(info), fields);
            List<String> expected = new ArrayList<>();
            for (ModuleItem<?> item : CommandBridge.dialogItems(info)) {
                if (CommandBridge.isMessage(item)) continue;
                String kind;
                if (item.getType() == File.class)
                    kind = WidgetStyle.isStyle(item, FileWidget.DIRECTORY_STYLE) ? "folder"
                            : WidgetStyle.isStyle(item, FileWidget.SAVE_STYLE) ? "saveFile" : "openFile";
                else if (item.getType() == boolean.class) kind = "checkbox";
                else if (item.getType() == int.class || item.getType() == double.class) kind = "number";
                else kind = item.getChoices() != null && !item.getChoices().isEmpty() ? "choice" : "text";
                expected.add(kind + " " + CommandPlugin.dialogLabel(item));
            }
            List<String> fieldsOnly = fields.calls.stream().filter(c -> !c.startsWith("heading") && !c.startsWith("note")).toList();
            assertEquals(expected, fieldsOnly, info.getTitle());
        }
        RecordingFields refine = new RecordingFields();
        CommandInfo info = CommandBridge.info(AutoRefineCommand.class);
        CommandPlugin.addFields(info, CommandBridge.createModule(info), refine);
        assertEquals(List.of("heading I/O", "folder project_dir: RELION project folder", "openFile i: Input images STAR file",
                "saveFile o: Output rootname (e.g. Refine3D/job019/run)", "openFile ref: Reference map",
                "openFile solvent_mask: Reference mask (optional)"), refine.calls.subList(0, 6));
        assertEquals("[No (--pad 2), Yes (--pad 1)] = No (--pad 2)", refine.choices.get("pad: Skip padding?"), refine.choices.toString());
        assertTrue(refine.calls.contains("note Use parallel disc I/O?"), refine.calls.toString());
    }

    /** Macros give plain paths under the same keys as before, and the bridge makes them Files. */
    @Test
    void macrosStillGivePlainPathsUnderTheSameKeys() throws Exception {
        Map<Class<? extends Command>, String> keysBefore = new LinkedHashMap<>();
        keysBefore.put(AutoRefineCommand.class, "project_dir i o ref solvent_mask absolute_greyscale ini_high sym ctf particle_diameter "
                + "zero_mask healpix_order offset_range offset_step auto_local_healpix_order auto_resol_angles pad pool j use_gpu gpu max_iter force");
        keysBefore.put(CreateMaskCommand.class, "i o lowpass angpix ini_threshold extend_inimask width_soft_edge invert force");
        keysBefore.put(ReconstructParticlesCommand.class, "i o sym ctf pad angpix maxres j use_gpu gpu force");
        keysBefore.put(ReextractParticlesCommand.class, "project_dir i reextract_data_star o reset_offsets recenter recenter_x recenter_y "
                + "recenter_z float16 extract_size invert_contrast norm bg_radius white_dust black_dust scale j force");
        keysBefore.put(RescaleMapCommand.class, "i o angpix rescale_angpix new_box force");
        keysBefore.put(ShowFscCommand.class, "i i2 mask fsc_star angpix o force");
        keysBefore.put(ShowMapCommand.class, "i mask backend iso_threshold o force");
        assertEquals(Set.copyOf(menuCommands()), keysBefore.keySet());
        for (Map.Entry<Class<? extends Command>, String> e : keysBefore.entrySet()) {
            CommandInfo info = CommandBridge.info(e.getKey());
            Set<String> keys = new TreeSet<>(CommandBridge.userInputs(info).stream().map(ModuleItem::getName).toList());
            for (String key : e.getValue().split(" ")) assertTrue(keys.contains(key), info.getTitle() + " lost the macro key " + key);
            for (ModuleItem<?> item : CommandBridge.userInputs(info)) {
                if (item.getType() != File.class) continue;
                String path = "/data/a project/" + item.getName() + ".x";
                Object value = CommandBridge.fromMacroOptions(info, MacroOptions.parse(item.getName() + "=[" + path + "]")).get(item.getName());
                assertEquals(new File(path), value, info.getTitle() + " " + item.getName());
                Object relative = CommandBridge.fromMacroOptions(info, MacroOptions.parse(item.getName() + "=Extract/job018/")).get(item.getName());
                assertEquals(new File("Extract/job018/"), relative, info.getTitle() + " " + item.getName());
            }
        }
    }

    /** Records the dialog as "kind label"; choices with their values, notes by their label. */
    static final class RecordingFields implements CommandPlugin.Fields {
        final List<String> calls = new ArrayList<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        final Map<String, String> choices = new LinkedHashMap<>();

        @Override public void heading(String text) { calls.add("heading " + text); }
        @Override public void note(String label, String text) { calls.add("note " + label); notes.put(label, text); }
        @Override public void checkbox(String label, boolean value) { calls.add("checkbox " + label); }
        @Override public void number(String label, double value, int digits) { calls.add("number " + label); }
        @Override public void choice(String label, String[] choices, String value) {
            calls.add("choice " + label);
            this.choices.put(label, List.of(choices) + " = " + value);
        }
        @Override public void openFile(String label, String path) { calls.add("openFile " + label); }
        @Override public void saveFile(String label, String path) { calls.add("saveFile " + label); }
        @Override public void folder(String label, String path) { calls.add("folder " + label); }
        @Override public void text(String label, String value) { calls.add("text " + label); }
    }
}
