package org.cryoj.io.star;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cryoj.io.InputFormatException;

/**
 * Reads STAR text as RELION writes it: one table per data block, one row per line, values
 * separated by blanks, optionally quoted with ' or " (STAR rule: a quote closes only before a
 * blank or the end of the line), '#' outside quotes starting a comment; a blank line ends a loop
 * (as in RELION, which also rejects comment lines between rows: we skip them). Works on bytes in a large
 * buffer: no String per line.
 */
final class StarParser {
    private enum Mode { NONE, KEY_VALUES, LOOP_LABELS, LOOP_ROWS, LOOP_DONE }

    private final Path file;
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int pos, limit;
    private boolean eof;
    private int lineNo;
    private int lineStart, lineEnd;

    private int[] tokStart = new int[64], tokEnd = new int[64];
    private int tokens;

    private final List<StarBlock> blocks = new ArrayList<>();
    private String blockName;
    private StarTable table;
    private Mode mode = Mode.NONE;
    private int firstRowLine;
    private int loopEndLine;

    StarParser(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    List<StarBlock> parse() throws IOException {
        while (nextLine()) {
            int s = skipBlanks(lineStart);
            if (s == lineEnd && mode == Mode.LOOP_ROWS) {
                // RELION stops reading a loop at a blank line; rows after it would be lost there
                mode = Mode.LOOP_DONE;
                loopEndLine = lineNo;
            }
            if (s == lineEnd || buf[s] == '#') continue;
            if (startsWith(s, "data_")) {
                finishBlock();
                tokenize(s);
                blockName = new String(buf, s + 5, tokEnd[0] - s - 5, StandardCharsets.UTF_8);
                table = null;
                mode = Mode.NONE;
            } else if (startsWith(s, "loop_") && (s + 5 == lineEnd || isBlank(buf[s + 5]))) {
                requireBlock("loop_");
                if (mode != Mode.NONE)
                    throw error(null, "second table in data_" + blockName + " (RELION allows one per block)");
                table = new StarTable();
                mode = Mode.LOOP_LABELS;
            } else if (buf[s] == '_') {
                label(s);
            } else {
                row(s);
            }
        }
        finishBlock();
        return blocks;
    }

    private void label(int s) throws InputFormatException {
        tokenize(s);
        String label = new String(buf, tokStart[0] + 1, tokEnd[0] - tokStart[0] - 1, StandardCharsets.UTF_8);
        requireBlock("_" + label);
        if (label.isEmpty()) throw error(null, "label without a name");
        switch (mode) {
            case LOOP_ROWS -> throw error(label, "label _" + label + " after the data rows of the loop started (line "
                    + firstRowLine + "); all labels of a loop come before its rows");
            case LOOP_DONE -> throw error(label, "label _" + label + " after the loop of data_" + blockName
                    + " ended at the blank line " + loopEndLine);
            case LOOP_LABELS -> {
                if (table.hasColumn(label)) throw error(label, "label _" + label + " appears twice in the loop");
                table.addColumn(label);
            }
            case NONE, KEY_VALUES -> {
                if (mode == Mode.NONE) {
                    table = new StarTable();
                    table.addRow(lineNo);
                    mode = Mode.KEY_VALUES;
                }
                if (table.hasColumn(label)) throw error(label, "label _" + label + " appears twice in data_" + blockName);
                if (tokens < 2) throw error(label, "no value for _" + label);
                if (tokens > 2)
                    throw error(label, "more than one value for _" + label);
                table.addColumn(label);
                store(table.columnCount() - 1, 0, 1);
            }
        }
    }

    private void row(int s) throws InputFormatException {
        if (mode == Mode.LOOP_DONE)
            throw error(null, "data row after the loop of data_" + blockName + " ended at the blank line "
                    + loopEndLine + " (RELION stops reading a loop there)");
        if (mode != Mode.LOOP_LABELS && mode != Mode.LOOP_ROWS) {
            requireBlock("a value");
            throw error(null, "value outside a loop_ and without a label: "
                    + new String(buf, s, Math.min(40, lineEnd - s), StandardCharsets.UTF_8));
        }
        int nc = table.columnCount();
        if (nc == 0) throw error(null, "loop_ in data_" + blockName + " has no labels before its rows");
        if (mode == Mode.LOOP_LABELS) {
            mode = Mode.LOOP_ROWS;
            firstRowLine = lineNo;
        }
        tokenize(s);
        if (tokens != nc) {
            String what = tokens < nc ? " (truncated row?)" : "";
            throw error(null, "row has " + tokens + " values, the loop has " + nc + " columns" + what
                    + "; columns are: " + String.join(" ", table.labels()));
        }
        int r = table.addRow(lineNo);
        for (int c = 0; c < nc; c++) store(c, r, c);
    }

    private void store(int column, int row, int token) throws InputFormatException {
        Column col = table.column(column);
        int off = tokStart[token], len = tokEnd[token] - off;
        try {
            col.parse(row, buf, off, len);
        } catch (NumberFormatException e) {
            throw error(col.label, "'" + new String(buf, off, len, StandardCharsets.UTF_8) + "' is not "
                    + (col instanceof Column.Ints ? "an integer" : "a number") + " (" + col.label
                    + " is numeric in RELION)");
        }
    }

    private void finishBlock() {
        if (blockName == null) return;
        if (table == null) table = new StarTable(); // an empty block: keep it as an empty loop
        table.trim();
        table.setOrigin(file, blockName);
        blocks.add(new StarBlock(blockName, mode != Mode.KEY_VALUES, table));
        blockName = null;
    }

    private void requireBlock(String what) throws InputFormatException {
        if (blockName == null) throw error(null, what + " before any data_ block");
    }

    private InputFormatException error(String label, String problem) {
        return new InputFormatException(file, lineNo, label, problem);
    }

    // ---- lines and tokens on the byte buffer

    private boolean nextLine() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    lineEnd = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    lineNo++;
                    return true;
                }
            }
            if (eof) {
                if (pos == limit) return false;
                lineStart = pos;
                lineEnd = limit;
                pos = limit;
                lineNo++;
                return true;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) buf = Arrays.copyOf(buf, buf.length * 2); // a very long line
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    private void tokenize(int s) throws InputFormatException {
        tokens = 0;
        int i = s;
        while (true) {
            i = skipBlanks(i);
            if (i >= lineEnd) return;
            if (tokens == tokStart.length) {
                tokStart = Arrays.copyOf(tokStart, tokens * 2);
                tokEnd = Arrays.copyOf(tokEnd, tokens * 2);
            }
            byte q = buf[i];
            if (q == '\'' || q == '"') {
                int j = i + 1;
                while (j < lineEnd && !(buf[j] == q && (j + 1 == lineEnd || isBlank(buf[j + 1])))) j++;
                if (j >= lineEnd) throw error(null, "quote " + (char) q + " not closed on this line");
                tokStart[tokens] = i + 1;
                tokEnd[tokens++] = j;
                i = j + 1;
            } else if (q == '#') {
                return; // a comment runs to the end of the line, as in RELION's "_rlnLabel #3"
            } else {
                int j = i;
                while (j < lineEnd && !isBlank(buf[j])) j++;
                tokStart[tokens] = i;
                tokEnd[tokens++] = j;
                i = j;
            }
        }
    }

    private int skipBlanks(int i) {
        while (i < lineEnd && isBlank(buf[i])) i++;
        return i;
    }

    private static boolean isBlank(byte b) { return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b; }

    private boolean startsWith(int s, String word) {
        if (lineEnd - s < word.length()) return false;
        for (int k = 0; k < word.length(); k++) if (buf[s + k] != word.charAt(k)) return false;
        return true;
    }
}
