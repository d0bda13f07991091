package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.io.AtomicOutput;

/**
 * Input and output checks shared by the map commands, so that a wrong path is reported with the
 * field's label before any work starts.
 */
final class MapFiles {
    private MapFiles() {}

    static Path existingInput(File in, String label) throws IOException {
        if (in == null || in.getPath().isBlank()) throw new IOException(label + " no input file given");
        Path p = in.toPath();
        if (!Files.isRegularFile(p)) throw new IOException(label + " file not found: " + p);
        return p;
    }

    static Path writableOutput(File out, String label, Path input, boolean overwrite) throws IOException {
        if (out == null || out.getPath().isBlank()) throw new IOException(label + " no output file given");
        Path p = out.toPath();
        AtomicOutput.checkNotInput(p, input);
        AtomicOutput.checkWritable(p, overwrite);
        return p;
    }

    /** RELION's "-1 = not given" becomes NaN (header or no rescaling); other values are checked by the settings record. */
    static double unset(double value) {
        return value == -1 ? Double.NaN : value;
    }
}
