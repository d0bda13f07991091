package org.cryoj.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./cryoj <subcommand>}: one picocli subcommand per tool, each with RELION's option names.
 * Errors from bad input reach the user as one line naming the problem, not a stack trace
 * (set CRYOJ_DEBUG=1 to see the trace).
 */
@Command(name = "cryoj", mixinStandardHelpOptions = true, version = "CryoJ 0.1.0",
        description = "High-resolution cryo-EM refinement, RELION-compatible.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ImageHandlerCommand.class,
                MaskCreateCommand.class,
                org.cryoj.extract.ExtractCommand.class,
                ReconstructCommand.class,
                RefineCommand.class,
                SimulateCommand.class,
                PseudoAtomicCommand.class,
                DemoCommand.class,
                org.cryoj.geometry.PrintSymmetryOpsCommand.class,
        })
public final class CryoJ implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CryoJ());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            PrintWriter err = line.getErr();
            err.println("cryoj " + line.getCommandName() + ": error: " + messageOf(ex));
            if (System.getenv("CRYOJ_DEBUG") != null) ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl;
    }

    static String messageOf(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException n) return "no such file: " + n.getFile();
        if (ex instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + ": " + f.getReason();
        return m != null ? m : ex.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
