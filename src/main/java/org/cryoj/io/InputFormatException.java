package org.cryoj.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bad input, reported the way a user can act on it: which file, which line (or byte offset,
 * for binary files) and which field or label.
 */
public class InputFormatException extends IOException {
    private final Path file;
    private final long line;
    private final String field;

    /**
     * @param file  the offending file (may be null for in-memory input)
     * @param line  1-based line number, or -1 when not line-based
     * @param field label or header field name, or null
     */
    public InputFormatException(Path file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() { return file; }
    public long line() { return line; }
    public String field() { return field; }

    private static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file.toString());
        if (line >= 0) sb.append(", line ").append(line);
        if (field != null) sb.append(", ").append(field);
        return sb.append(": ").append(problem).toString();
    }
}
