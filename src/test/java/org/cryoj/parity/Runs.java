package org.cryoj.parity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.cli.CryoJ;
import org.cryoj.testutil.ExternalTools;

import picocli.CommandLine;

/**
 * Starts the two tools on a case: RELION as a process in the case's folder, CryoJ in this JVM
 * through its command line ({@link CryoJ#commandLine()}: the same parsing and the same error
 * handling as {@code ./cryoj}). Both get the same words; option values that name a file of the
 * case's folder become absolute, so printed names match, and the placeholder {@code OUT} in an
 * output name becomes {@code relion} or {@code cryoj}.
 */
public final class Runs {
    /** The output-name placeholder the generators put in --o / --part_dir / --part_star. */
    public static final String OUT = "OUT";
    private static final long TIMEOUT_S = 120;

    private Runs() {}

    public static boolean relionInstalled(Tool tool) {
        return ExternalTools.onPath(tool.relionProgram());
    }

    /** The case's words for one tool: file names made absolute, OUT replaced by {@code who}. */
    public static List<String> words(List<String> words, Path dir, String who) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith(OUT)) out.add(dir.resolve(who + w.substring(OUT.length())).toString() + (w.endsWith("/") ? "/" : ""));
            else if (!w.startsWith("-") && !w.isEmpty() && Files.exists(dir.resolve(w))) out.add(dir.resolve(w).toString());
            else out.add(w);
        }
        return out;
    }

    public static ToolRun relion(Tool tool, Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.relionProgram());
        cmd.addAll(args);
        ExternalTools.Result r = ExternalTools.runOrTimeOut(new ProcessBuilder(cmd).directory(dir.toFile()), TIMEOUT_S);
        // a hung RELION is a result of the case, not the end of the run
        if (r.timedOut()) return new ToolRun(r.exitCode(), r.output() + "\n(timed out after " + TIMEOUT_S + " s)", TIMEOUT_S);
        return new ToolRun(r.exitCode(), r.output(), r.seconds());
    }

    public static ToolRun cryoj(Tool tool, List<String> args) {
        CommandLine cl = CryoJ.commandLine();
        StringWriter text = new StringWriter();
        PrintWriter pw = new PrintWriter(text, true);
        cl.setOut(pw);
        cl.setErr(pw);
        List<String> all = new ArrayList<>();
        all.add(tool.cryojSubcommand());
        all.addAll(args);
        long t0 = System.nanoTime();
        int rc;
        try {
            rc = cl.execute(all.toArray(String[]::new));
        } catch (RuntimeException | Error e) {   // a crash is a result too, not the end of the run
            e.printStackTrace(pw);
            rc = 70;
        }
        pw.flush();
        return new ToolRun(rc, text.toString(), (System.nanoTime() - t0) / 1e9);
    }

    /** Runs both on the case's words; the first word starting with OUT names each tool's output (none: a printing case). */
    public static RunPair both(ParityCase c, Path dir) throws IOException, InterruptedException {
        List<String> words = c.words();
        ToolRun r = relion(c.tool(), dir, words(words, dir, "relion"));
        ToolRun j = cryoj(c.tool(), words(words, dir, "cryoj"));
        String out = words.stream().filter(w -> w.startsWith(OUT)).findFirst().orElse(null);
        return out == null ? new RunPair(r, j, null, null)
                : new RunPair(r, j, Path.of(words(List.of(out), dir, "relion").get(0)), Path.of(words(List.of(out), dir, "cryoj").get(0)));
    }
}
