package org.cryoj.testutil;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.cryoj.cli.CryoJ;

import picocli.CommandLine;

/** One run of the cryoj command line in this JVM: its exit status and what it printed. */
public record CryoJRun(int status, String out, String err) {
    public static CryoJRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new CryoJRun(status, out.toString(), err.toString());
    }
}
