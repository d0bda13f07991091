package org.cryoj.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;

/**
 * The RELION project directory that the file names in a STAR file are relative to. RELION runs in
 * the project directory and writes names relative to it ({@code Extract/job018/Movies/mic_001.mrcs}),
 * while the STAR files lie in job folders below it ({@code Extract/job018/particles.star}); a
 * program started elsewhere (Fiji) has to find the project from the STAR file.
 */
public final class ProjectDirectory {
    private ProjectDirectory() {}

    /** The first file named in a STAR file: the name as written, its line and label, for messages. */
    private record FirstName(String text, Path file, long line, String label) {}

    /**
     * The first of the STAR file's directory and its ancestors in which the file named in the first
     * row's {@code nameLabel} (e.g. rlnImageName, rlnMicrographName) exists.
     *
     * @throws InputFormatException naming the STAR file and the file name when no directory holds it
     */
    public static Path infer(Path star, StarLabel nameLabel) throws IOException {
        FirstName first = firstName(star, nameLabel);
        Path start = star.toAbsolutePath().normalize().getParent();
        for (Path dir = start; dir != null; dir = dir.getParent())
            if (Files.isRegularFile(dir.resolve(first.file()))) return dir;
        throw new InputFormatException(star, first.line(), first.label(), "'" + first.text() + "' is not found relative to "
                + start + " or any folder above it; give the RELION project folder that it is relative to");
    }

    /**
     * {@code dir}, after checking that the file named in the STAR file's first row exists there.
     *
     * @throws InputFormatException naming the STAR file, the file name and the directory otherwise
     */
    public static Path check(Path dir, Path star, StarLabel nameLabel) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": no such folder");
        FirstName first = firstName(star, nameLabel);
        if (!Files.isRegularFile(dir.resolve(first.file())))
            throw new InputFormatException(star, first.line(), first.label(), "'" + first.text() + "' is not in the project folder "
                    + dir + " (" + dir.resolve(first.file()) + " does not exist)");
        return dir;
    }

    /** The first row's name in the first block that has the label (data_particles or data_micrographs in 3.1 files). */
    private static FirstName firstName(Path star, StarLabel nameLabel) throws IOException {
        StarFile file = StarFile.read(star);
        for (StarBlock b : file.blocks()) {
            if (!b.table().hasColumn(nameLabel) || b.table().rowCount() == 0) continue;
            String text = b.table().getString(0, nameLabel);
            long line = b.table().line(0);
            ImageReference ref = ImageReference.parse(text, star, line, nameLabel.label());
            return new FirstName(text, Path.of(ref.file()), line, nameLabel.label());
        }
        throw new InputFormatException(star, -1, nameLabel.label(), "no row with " + nameLabel.label()
                + ", so there is no file name to find the project folder from");
    }
}
