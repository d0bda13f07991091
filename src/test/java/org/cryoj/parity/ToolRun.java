package org.cryoj.parity;

/** How one tool ended on one case: exit status, what it printed (stdout and stderr), how long it took. */
public record ToolRun(int exitCode, String output, double seconds) {
    public boolean ok() { return exitCode == 0; }

    /** The last non-blank line of the output (an error message, mostly), for the table. */
    public String lastLine() {
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("relion_") && !l.startsWith("/lib") && !l.startsWith("=")) return l;
        }
        return "";
    }
}
