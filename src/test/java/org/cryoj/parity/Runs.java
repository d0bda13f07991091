package org.cryoj.parity;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cryoj.cli.CryoJ;

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
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (new File(dir, tool.relionProgram()).canExecute()) return true;
        return false;
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
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // closed when the process is killed; what was read is kept
            }
        });
        reader.start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new ToolRun(124, out.toString(StandardCharsets.UTF_8) + "\n(timed out after " + TIMEOUT_S + " s)", TIMEOUT_S);
        }
        reader.join();
        return new ToolRun(p.exitValue(), out.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1e9);
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
