package org.cryoj.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class HelpTextTest {
    /**
     * Picocli formats option descriptions with String.format, so a bare percent sign ("15% on") breaks it: it then warns
     * on stderr and prints the raw text. Every subcommand's help must format (fails, checked, with refine's
     * --exhaustive_search text as it was).
     */
    @Test
    void everySubcommandsHelpFormats() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Map<String, CommandLine> commands = CryoJ.commandLine().getSubcommands();
            assertTrue(commands.containsKey("refine"), "subcommands: " + commands.keySet());
            for (CommandLine c : commands.values()) c.getUsageMessage();
        } finally {
            System.setErr(saved);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("Could not format"), warnings);
    }
}
