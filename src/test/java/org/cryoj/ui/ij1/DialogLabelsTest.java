package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ij.Macro;
import org.cryoj.ui.command.AutoRefineCommand;
import org.cryoj.ui.command.CreateMaskCommand;
import org.cryoj.ui.command.ReconstructParticlesCommand;
import org.cryoj.ui.command.ReextractParticlesCommand;
import org.cryoj.ui.command.RescaleMapCommand;
import org.cryoj.ui.command.ShowFscCommand;
import org.cryoj.ui.command.ShowMapCommand;
import org.cryoj.ui.ij1.CommandBridge.CommandFailedException;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The interactive dialog must record macro lines the bridge can replay: ImageJ turns each
 * dialog label into a key with Macro.trimKey, and that key must be the parameter (RELION option) name.
 */
class DialogLabelsTest {

    @Test
    void recordedKeysAreTheRelionOptionNames() {
        for (CommandInfo info : List.of(CommandBridge.info(RescaleMapCommand.class), CommandBridge.info(CreateMaskCommand.class),
                CommandBridge.info(ReextractParticlesCommand.class), CommandBridge.info(ShowMapCommand.class),
                CommandBridge.info(ShowFscCommand.class), CommandBridge.info(ReconstructParticlesCommand.class),
                CommandBridge.info(AutoRefineCommand.class))) {
            List<ModuleItem<?>> items = CommandBridge.userInputs(info);
            assertTrue(items.size() >= 4, info.getTitle());
            for (ModuleItem<?> item : items) {
                String label = CommandPlugin.dialogLabel(item);
                assertEquals(item.getName(), Macro.trimKey(label), label);
                assertTrue(label.length() > item.getName().length() + 4, "label says what the field is: " + label);
            }
        }
        assertEquals("ini_threshold: Initial binarisation threshold",
                CommandPlugin.dialogLabel(CommandBridge.info(CreateMaskCommand.class).getInput("ini_threshold")));
        assertEquals("recenter: OR: re-center refined coordinates?",
                CommandPlugin.dialogLabel(CommandBridge.info(ReextractParticlesCommand.class).getInput("recenter")));
        assertEquals("maxres: Maximum resolution to consider in Fourier space (A)",
                CommandPlugin.dialogLabel(CommandBridge.info(ReconstructParticlesCommand.class).getInput("maxres")));
    }

    /** RELION's Refine3D tabs as headings in the dialog, each before its fields; headings are neither macro keys nor recorded. */
    @Test
    void autoRefineFieldsAreGroupedAsRelionsTabs() throws Exception {
        CommandInfo info = CommandBridge.info(AutoRefineCommand.class);
        Map<String, String> groups = groupOfEachField(info);
        assertEquals(List.of("I/O", "Reference", "CTF", "Optimisation", "Auto-sampling", "Compute", "Running"),
                groups.values().stream().distinct().toList());
        Map<String, String> expected = Map.ofEntries(Map.entry("project_dir", "I/O"), Map.entry("i", "I/O"), Map.entry("o", "I/O"),
                Map.entry("ref", "I/O"), Map.entry("solvent_mask", "I/O"), Map.entry("absolute_greyscale", "Reference"),
                Map.entry("ini_high", "Reference"), Map.entry("sym", "Reference"), Map.entry("ctf", "CTF"),
                Map.entry("particle_diameter", "Optimisation"), Map.entry("zero_mask", "Optimisation"),
                Map.entry("healpix_order", "Auto-sampling"), Map.entry("offset_range", "Auto-sampling"),
                Map.entry("offset_step", "Auto-sampling"), Map.entry("auto_local_healpix_order", "Auto-sampling"),
                Map.entry("auto_resol_angles", "Auto-sampling"), Map.entry("pool", "Compute"), Map.entry("pad", "Compute"),
                Map.entry("preread_images", "Compute"), Map.entry("use_gpu", "Compute"), Map.entry("gpu", "Compute"),
                Map.entry("j", "Running"), Map.entry("max_iter", "Running"), Map.entry("exhaustive_search", "Running"),
                Map.entry("force", "Running"));
        assertEquals(expected, groups);

        // the tutorial's sampling: 7.5 degrees, local searches from 1.8 degrees; D2 as the symmetry example
        Module defaults = CommandBridge.createModule(info);
        assertEquals(2, defaults.getInput("healpix_order"));
        assertEquals(4, defaults.getInput("auto_local_healpix_order"));
        assertTrue(info.getInput("sym").getDescription().contains("D2"), info.getInput("sym").getDescription());

        // a heading's field name is no option, and the list of known options does not offer it
        String heading = CommandBridge.dialogItems(info).stream().filter(CommandBridge::isHeading).findFirst().orElseThrow().getName();
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> CommandBridge.fromMacroOptions(info, MacroOptions.parse(heading.toLowerCase(Locale.ROOT) + "=x")));
        assertTrue(e.getMessage().startsWith("unknown option") && !e.getMessage().contains(heading.toLowerCase(Locale.ROOT) + ","),
                e.getMessage());
    }

    /**
     * RELION 3.1.3's Compute tab of the Refine3D job (src/gui_jobwindow.cpp, initialiseAutorefineWindow; labels
     * from src/pipeline_jobs.cpp), in its order: each either a field mapped to relion_refine's option or a note
     * saying what CryoJ does instead; none is a macro key that would do nothing.
     */
    @Test
    void autoRefineComputeTabHasRelionsLabels() throws Exception {
        CommandInfo info = CommandBridge.info(AutoRefineCommand.class);
        Module defaults = CommandBridge.createModule(info);
        List<ModuleItem<?>> compute = new ArrayList<>();
        String group = null;
        for (ModuleItem<?> item : CommandBridge.dialogItems(info)) {
            if (CommandBridge.isHeading(item)) group = CommandPlugin.headingText(item, defaults);
            else if ("Compute".equals(group)) compute.add(item);
        }
        assertEquals(List.of("Use parallel disc I/O?", "Number of pooled particles:", "Skip padding?", "Skip gridding?",
                "Pre-read all particles into RAM?", "Copy particles to scratch directory:", "Combine iterations through disc?",
                "Use GPU acceleration?", "Which GPUs to use:"), compute.stream().map(ModuleItem::getLabel).toList());
        // the fields: relion_refine's option names as keys
        assertEquals(List.of("pool", "pad", "preread_images", "use_gpu", "gpu"),
                compute.stream().filter(i -> !CommandBridge.isMessage(i)).map(ModuleItem::getName).toList());
        // the notes: what CryoJ does, never a key
        Set<String> keys = CommandBridge.userInputs(info).stream().map(ModuleItem::getName).collect(Collectors.toSet());
        for (ModuleItem<?> note : compute.stream().filter(CommandBridge::isNote).toList()) {
            assertFalse(keys.contains(note.getName()), note.getName());
            String text = String.valueOf(defaults.getInput(note.getName()));
            assertTrue(text.contains("CryoJ"), note.getLabel() + " says what CryoJ does: " + text);
            assertTrue(note.getDescription() != null && note.getDescription().contains("RELION"), note.getLabel());
        }
        assertEquals(4, compute.stream().filter(CommandBridge::isNote).count());
        for (ModuleItem<?> field : compute.stream().filter(i -> !CommandBridge.isMessage(i)).toList())
            assertTrue(field.getDescription() != null && field.getDescription().length() > 20, field.getName() + " has a tooltip");
        assertEquals("Number of threads:", info.getInput("j").getLabel());

        // Skip padding? is RELION's Yes/No and --pad; macros recorded before the menu said pad=1 / pad=2
        assertEquals(List.of("No (--pad 2)", "Yes (--pad 1)"), info.getInput("pad").getChoices());
        assertEquals("No (--pad 2)", defaults.getInput("pad"));
        assertEquals(true, defaults.getInput("preread_images"));
        assertEquals("1", CommandBridge.fromMacroOptions(info, MacroOptions.parse("pad=1")).get("pad"));
        assertEquals("Yes (--pad 1)", CommandBridge.fromMacroOptions(info, MacroOptions.parse("pad=[Yes (--pad 1)]")).get("pad"));
        assertEquals(false, CommandBridge.fromMacroOptions(info, MacroOptions.parse("preread_images=false")).get("preread_images"));
    }

    @Test
    void reextractFieldsAreGroupedAsRelionsTabs() {
        Map<String, String> groups = groupOfEachField(CommandBridge.info(ReextractParticlesCommand.class));
        assertEquals(List.of("I/O", "Extract", "Running"), groups.values().stream().distinct().toList());
        assertEquals("I/O", groups.get("reextract_data_star"));
        assertEquals("I/O", groups.get("recenter"));
        assertEquals("Extract", groups.get("extract_size"));
        assertEquals("Extract", groups.get("scale"));
        assertEquals("Running", groups.get("j"));
    }

    /**
     * A recorded line must replay what the user chose: ImageJ records an unticked box as nothing,
     * which the bridge reads as the default, so unticked defaults are recorded as key=false.
     */
    @Test
    void untickedDefaultsAreRecordedAsFalseAndReplayAsFalse() throws Exception {
        CommandInfo info = CommandBridge.info(AutoRefineCommand.class);
        Module defaults = CommandBridge.createModule(info);
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (ModuleItem<?> item : CommandBridge.userInputs(info)) chosen.put(item.getName(), defaults.getInput(item.getName()));
        chosen.put("ctf", false);               // ticked by default
        chosen.put("absolute_greyscale", false); // unticked by default: nothing to record
        chosen.put("zero_mask", true);
        assertEquals(List.of("ctf"), CommandPlugin.untickedDefaults(CommandBridge.userInputs(info), defaults, chosen));
        assertEquals(false, CommandBridge.fromMacroOptions(info, MacroOptions.parse("ctf=false zero_mask")).get("ctf"));
    }

    /** Each dialog field's name mapped to the heading above it, in dialog order. */
    private static Map<String, String> groupOfEachField(CommandInfo info) {
        Module defaults = CommandBridge.createModule(info);
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        for (ModuleItem<?> item : CommandBridge.dialogItems(info)) {
            if (CommandBridge.isHeading(item)) current = CommandPlugin.headingText(item, defaults);
            else if (!CommandBridge.isNote(item)) out.put(item.getName(), current);
        }
        assertEquals(CommandBridge.userInputs(info).stream().map(ModuleItem::getName).toList(), List.copyOf(out.keySet()),
                "every user input is in the dialog once, and no heading is a user input");
        return out;
    }
}
