package org.cryoj.io.mrc;

import java.nio.file.Path;

import org.cryoj.io.InputFormatException;

/**
 * A RELION image name such as {@code 000123@Extract/job018/Movies/mic_001.mrcs}: the 1-based
 * image number in a stack, {@code @}, and the file relative to the project directory. A bare
 * file name (no {@code @}) names the whole file, which for a stack means its first image.
 *
 * @param index 1-based image number, or 0 when the reference had none
 * @param file  the file name as written (relative to the project directory unless absolute)
 */
public record ImageReference(long index, String file) implements java.io.Serializable {

    public ImageReference {
        if (index < 0) throw new IllegalArgumentException("image index must be 1 or more, was " + index);
        if (file == null || file.isBlank()) throw new IllegalArgumentException("image reference without a file name");
    }

    /** Parses a reference found in a file (for the error message: source file, line, label). */
    public static ImageReference parse(String text, Path source, long line, String label) throws InputFormatException {
        String t = text.trim();
        int at = t.indexOf('@');
        if (at < 0) {
            if (t.isEmpty()) throw new InputFormatException(source, line, label, "empty image name");
            return new ImageReference(0, t);
        }
        String number = t.substring(0, at), name = t.substring(at + 1);
        if (name.isEmpty()) throw new InputFormatException(source, line, label, "image name '" + text + "' has no file after '@'");
        long index;
        try {
            index = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new InputFormatException(source, line, label, "image name '" + text + "': '" + number + "' is not an image number");
        }
        if (index < 1 || index > Integer.MAX_VALUE)
            throw new InputFormatException(source, line, label, "image name '" + text + "': image numbers start at 1");
        return new ImageReference(index, name);
    }

    public static ImageReference parse(String text) throws InputFormatException {
        return parse(text, null, -1, null);
    }

    public boolean hasIndex() { return index > 0; }

    /** The 0-based position in the stack (a bare file name means the first image). */
    public int zeroBasedIndex() { return hasIndex() ? (int) (index - 1) : 0; }

    /** The file, resolved against the project directory RELION runs in (absolute names stay as they are). */
    public Path resolve(Path projectDir) { return projectDir.resolve(file).normalize(); }

    /** RELION's spelling: the number padded to six digits, or the bare name. */
    @Override
    public String toString() { return hasIndex() ? String.format("%06d@%s", index, file) : file; }
}
