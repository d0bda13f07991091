package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        assertEquals(List.of("I/O", "Reference", "CTF", "Optimisation", "Auto-sampling", "Compute"),
                groups.values().stream().distinct().toList());
        Map<String, String> expected = Map.ofEntries(Map.entry("project_dir", "I/O"), Map.entry("i", "I/O"), Map.entry("o", "I/O"),
                Map.entry("ref", "I/O"), Map.entry("solvent_mask", "I/O"), Map.entry("absolute_greyscale", "Reference"),
                Map.entry("ini_high", "Reference"), Map.entry("sym", "Reference"), Map.entry("ctf", "CTF"),
                Map.entry("particle_diameter", "Optimisation"), Map.entry("zero_mask", "Optimisation"),
                Map.entry("healpix_order", "Auto-sampling"), Map.entry("offset_range", "Auto-sampling"),
                Map.entry("offset_step", "Auto-sampling"), Map.entry("auto_local_healpix_order", "Auto-sampling"),
                Map.entry("auto_resol_angles", "Auto-sampling"), Map.entry("pad", "Compute"), Map.entry("pool", "Compute"),
                Map.entry("j", "Compute"), Map.entry("use_gpu", "Compute"), Map.entry("gpu", "Compute"),
                Map.entry("max_iter", "Compute"), Map.entry("force", "Compute"));
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
            else out.put(item.getName(), current);
        }
        assertEquals(CommandBridge.userInputs(info).stream().map(ModuleItem::getName).toList(), List.copyOf(out.keySet()),
                "every user input is in the dialog once, and no heading is a user input");
        return out;
    }
}
