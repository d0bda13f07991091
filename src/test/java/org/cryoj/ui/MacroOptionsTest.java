package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Map;

import org.cryoj.ui.command.RescaleMapCommand;
import org.cryoj.ui.ij1.CommandBridge;
import org.cryoj.ui.ij1.CommandBridge.CommandFailedException;
import org.cryoj.ui.ij1.MacroOptions;
import org.junit.jupiter.api.Test;
import org.scijava.command.CommandInfo;

/** ImageJ 1 option strings, as the macro recorder writes them, into typed command inputs. */
class MacroOptionsTest {

    @Test
    void readsPlainBracketedAndFlagOptions() {
        Map<String, String> v = MacroOptions.parse("i=/a/in.mrc o=[/a b/out.mrc]  Angpix=3.54 force").values();
        assertEquals(Map.of("i", "/a/in.mrc", "o", "/a b/out.mrc", "angpix", "3.54", "force", "true"), v);
        assertEquals("[i, o, angpix, force]", v.keySet().toString());
    }

    @Test
    void rejectsBrokenOptionStrings() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("o=[/a b/out.mrc"))
                .getMessage().contains("']'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MacroOptions.parse("new_box=2 new_box=4"))
                .getMessage().contains("twice"));
    }

    @Test
    void convertsToTheCommandsTypes() throws Exception {
        CommandInfo info = CommandBridge.info(RescaleMapCommand.class);
        Map<String, Object> in = CommandBridge.fromMacroOptions(info,
                MacroOptions.parse("i=[/x y/in.mrc] rescale_angpix=1.244 new_box=256 force"));
        assertEquals(new File("/x y/in.mrc"), in.get("i"));
        assertEquals(1.244, in.get("rescale_angpix"));
        assertEquals(256, in.get("new_box"));
        assertEquals(true, in.get("force"));
        // ImageJ's own Macro.getValue would read angpix=1.244 out of "rescale_angpix=1.244"
        assertFalse(in.containsKey("angpix"));
    }

    @Test
    void namesTheOffendingOption() {
        CommandInfo info = CommandBridge.info(RescaleMapCommand.class);
        String unknown = assertThrows(CommandFailedException.class,
                () -> CommandBridge.fromMacroOptions(info, MacroOptions.parse("rescale=1.2"))).getMessage();
        assertTrue(unknown.contains("unknown option 'rescale'") && unknown.contains("rescale_angpix"), unknown);
        String notWhole = assertThrows(CommandFailedException.class,
                () -> CommandBridge.fromMacroOptions(info, MacroOptions.parse("new_box=25.5"))).getMessage();
        assertTrue(notWhole.startsWith("new_box=25.5") && notWhole.contains("whole number"), notWhole);
        String notNumber = assertThrows(CommandFailedException.class,
                () -> CommandBridge.fromMacroOptions(info, MacroOptions.parse("angpix=abc"))).getMessage();
        assertTrue(notNumber.contains("not a number"), notNumber);
    }
}
