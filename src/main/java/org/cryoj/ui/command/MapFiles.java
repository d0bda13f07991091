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

    /** RELION's GUI convention: a negative pixel size means "read it from the map header". */
    static double pixelSizeOrHeader(double angpix, String option) {
        if (angpix < 0) return Double.NaN;
        if (!(angpix > 0) || !Double.isFinite(angpix))
            throw new IllegalArgumentException(option + " must be a positive pixel size in Å, or -1 to use the map header; was " + angpix);
        return angpix;
    }
}
