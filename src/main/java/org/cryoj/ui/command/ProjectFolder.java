package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.io.ProjectDirectory;
import org.cryoj.io.star.StarLabel;

/**
 * The commands' "RELION project folder" field ({@code project_dir}): names typed in the other
 * fields are relative to it, as RELION's are to where it runs, and so are the file names inside the
 * STAR files. Left blank (Fiji rarely runs in the project), the project is found from the input
 * STAR file ({@link ProjectDirectory#infer}), whose own name is then relative to where ImageJ runs.
 */
final class ProjectFolder {
    static final String LABEL = "--project_dir (RELION project folder):";

    private ProjectFolder() {}

    static boolean given(File projectDir) {
        return projectDir != null && !projectDir.getPath().isBlank();
    }

    /** The folder the input STAR file's name is taken from: the given project folder, else the working directory. */
    static Path base(File projectDir) throws IOException {
        if (!given(projectDir)) return Path.of("");
        Path dir = projectDir.toPath();
        if (!Files.isDirectory(dir)) throw new IOException(LABEL + " no such folder: " + dir);
        return dir;
    }

    /** A typed name relative to {@code base}; absolute, blank and missing names stay as they are. */
    static File resolve(Path base, File f) {
        return f == null || f.isAbsolute() || f.getPath().isBlank() ? f : base.resolve(f.toPath()).toFile();
    }

    /**
     * The project folder for the names in {@code star}'s {@code names} column: the given folder
     * once its first name is found there, else the inferred one; failures name this field.
     */
    static Path of(File projectDir, Path star, StarLabel names) throws IOException {
        try {
            return given(projectDir) ? ProjectDirectory.check(base(projectDir), star, names) : ProjectDirectory.infer(star, names);
        } catch (IOException e) {
            throw new IOException(e.getMessage().startsWith(LABEL) ? e.getMessage() : LABEL + " " + e.getMessage(), e);
        }
    }
}
