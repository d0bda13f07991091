package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ij.Macro;
import org.cryoj.ui.command.AutoRefineCommand;
import org.cryoj.ui.command.CreateMaskCommand;
import org.cryoj.ui.command.ReconstructParticlesCommand;
import org.cryoj.ui.command.ReextractParticlesCommand;
import org.cryoj.ui.command.RescaleMapCommand;
import org.cryoj.ui.command.ShowFscCommand;
import org.cryoj.ui.command.ShowMapCommand;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;
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
}
