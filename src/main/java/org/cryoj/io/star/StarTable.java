package org.cryoj.io.star;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.io.InputFormatException;

/**
 * The rows of one STAR block, column by column. Known numeric labels ({@link StarLabel}) are held
 * as doubles or ints and were checked when the file was read; any other label is held as the text
 * read and written back unchanged. A key-value block is a table with one row.
 *
 * <pre>{@code
 * StarTable particles = StarFile.read(path).block("particles").table();
 * for (int r = 0; r < particles.rowCount(); r++)
 *     particles.setDouble(r, StarLabel.ANGLE_ROT, particles.getDouble(r, StarLabel.ANGLE_ROT) + 90);
 * }</pre>
 *
 * Reading a value that is not a number through {@code getDouble}/{@code getInt} (possible only in a
 * column of an unknown label) throws an {@link UncheckedIOException} wrapping an
 * {@link InputFormatException} with the file, line and label. Asking for a missing column throws
 * {@link IllegalArgumentException}; use {@link #requireColumns} first to report it as bad input.
 */
public final class StarTable {
    private final List<Column> columns = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private int rows;
    private int capacity;
    private int[] lines = new int[0];
    private Path source;
    private String blockName = "";

    /** An empty table with these columns (typed by {@link StarLabel}, text for unknown labels). */
    public StarTable(String... labels) {
        for (String l : labels) addColumn(l);
    }

    public StarTable(List<String> labels) {
        this(labels.toArray(new String[0]));
    }

    void setOrigin(Path source, String blockName) {
        this.source = source;
        this.blockName = blockName;
    }

    /** The file this table was read from, or null. */
    public Path source() { return source; }

    /** The 1-based line a row was read from, or -1 for rows added in memory. */
    public int line(int row) {
        checkRow(row);
        return lines[row];
    }

    public int rowCount() { return rows; }

    public int columnCount() { return columns.size(); }

    /** Column labels in file order, without the leading underscore. */
    public List<String> labels() {
        List<String> out = new ArrayList<>(columns.size());
        for (Column c : columns) out.add(c.label);
        return Collections.unmodifiableList(out);
    }

    /** Position of a column, or -1. */
    public int columnIndex(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    public boolean hasColumn(String label) { return index.containsKey(label); }

    public boolean hasColumn(StarLabel label) { return hasColumn(label.label()); }

    /** Fails, naming the file and block, when any of these columns is missing. */
    public void requireColumns(String... labels) throws InputFormatException {
        for (String l : labels)
            if (!hasColumn(l))
                throw new InputFormatException(source, -1, l, "data_" + blockName + " has no column " + l
                        + "; columns are: " + String.join(" ", labels()));
    }

    public void requireColumns(StarLabel... labels) throws InputFormatException {
        for (StarLabel l : labels) requireColumns(l.label());
    }

    /**
     * Adds a column at the end, typed by {@link StarLabel} (text for an unknown label); existing
     * rows get 0 or an empty text. Returns its position.
     */
    public int addColumn(String label) {
        if (label.isEmpty() || label.startsWith("_") || label.chars().anyMatch(Character::isWhitespace))
            throw new IllegalArgumentException("bad STAR label '" + label + "' (give it without the underscore)");
        if (hasColumn(label)) throw new IllegalArgumentException("column " + label + " already exists");
        columns.add(Column.create(label, capacity));
        index.put(label, columns.size() - 1);
        return columns.size() - 1;
    }

    public int addColumn(StarLabel label) { return addColumn(label.label()); }

    /** Removes a column if present; returns whether it was there. */
    public boolean removeColumn(String label) {
        int i = columnIndex(label);
        if (i < 0) return false;
        columns.remove(i);
        index.clear();
        for (int k = 0; k < columns.size(); k++) index.put(columns.get(k).label, k);
        return true;
    }

    public boolean removeColumn(StarLabel label) { return removeColumn(label.label()); }

    /** Appends a row of zeros and empty texts; returns its index. */
    public int addRow() { return addRow(-1); }

    int addRow(int line) {
        if (rows == capacity) reserve(Math.max(16, capacity + (capacity >> 1)));
        lines[rows] = line;
        return rows++;
    }

    /** Grows storage for at least this many rows. */
    void reserve(int rowCapacity) {
        if (rowCapacity <= capacity) return;
        capacity = rowCapacity;
        lines = Arrays.copyOf(lines, capacity);
        for (Column c : columns) c.resize(capacity);
    }

    /** Frees unused capacity (after parsing). */
    void trim() {
        if (capacity == rows) return;
        capacity = rows;
        lines = Arrays.copyOf(lines, rows);
        for (Column c : columns) c.resize(rows);
    }

    /** A new table with the same columns and the given rows, in that order. */
    public StarTable select(int[] rowIndices) {
        StarTable t = new StarTable(labels());
        t.setOrigin(source, blockName);
        t.reserve(rowIndices.length);
        for (int r : rowIndices) {
            checkRow(r);
            int nr = t.addRow(lines[r]);
            for (int c = 0; c < columns.size(); c++) columns.get(c).copy(r, t.columns.get(c), nr);
        }
        return t;
    }

    public double getDouble(int row, String label) {
        Column c = column(label);
        checkRow(row);
        try {
            return c.getDouble(row);
        } catch (NumberFormatException e) {
            throw notNumber(row, c, "a number");
        }
    }

    public double getDouble(int row, StarLabel label) { return getDouble(row, label.label()); }

    public int getInt(int row, String label) {
        Column c = column(label);
        checkRow(row);
        try {
            return c.getInt(row);
        } catch (NumberFormatException e) {
            throw notNumber(row, c, "an integer");
        }
    }

    public int getInt(int row, StarLabel label) { return getInt(row, label.label()); }

    /** The value as text (numbers of known labels formatted as they would be written). */
    public String getString(int row, String label) {
        Column c = column(label);
        checkRow(row);
        return c.getString(row);
    }

    public String getString(int row, StarLabel label) { return getString(row, label.label()); }

    public void setDouble(int row, String label, double v) {
        Column c = column(label);
        checkRow(row);
        c.setDouble(row, v);
    }

    public void setDouble(int row, StarLabel label, double v) { setDouble(row, label.label(), v); }

    public void setInt(int row, String label, int v) {
        Column c = column(label);
        checkRow(row);
        c.setInt(row, v);
    }

    public void setInt(int row, StarLabel label, int v) { setInt(row, label.label(), v); }

    /** Sets a value from text; IllegalArgumentException when a numeric column gets a non-number. */
    public void setString(int row, String label, String v) {
        Column c = column(label);
        checkRow(row);
        try {
            c.setString(row, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " holds numbers, not '" + v + "'");
        }
    }

    public void setString(int row, StarLabel label, String v) { setString(row, label.label(), v); }

    Column column(int i) { return columns.get(i); }

    private Column column(String label) {
        Integer i = index.get(label);
        if (i == null)
            throw new IllegalArgumentException("data_" + blockName + " has no column " + label
                    + "; columns are: " + String.join(" ", labels()));
        return columns.get(i);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }

    private UncheckedIOException notNumber(int row, Column c, String what) {
        return new UncheckedIOException(new InputFormatException(source, lines[row], c.label,
                "'" + c.getString(row) + "' is not " + what));
    }
}
