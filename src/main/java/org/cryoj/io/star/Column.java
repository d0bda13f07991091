package org.cryoj.io.star;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column of a {@link StarTable}, stored compactly: doubles and ints in primitive arrays
 * (known numeric labels), everything else as the text read, so unknown labels are written back
 * exactly as they came.
 */
abstract sealed class Column permits Column.Doubles, Column.Ints, Column.Texts {
    final String label;

    Column(String label) { this.label = label; }

    static Column create(String label, int capacity) {
        return switch (StarLabel.typeOf(label)) {
            case DOUBLE -> new Doubles(label, capacity);
            case INT, BOOL -> new Ints(label, capacity);
            case STRING -> new Texts(label, capacity);
        };
    }

    abstract void resize(int capacity);
    /** Sets a row from file bytes; NumberFormatException when a numeric column gets text. */
    abstract void parse(int row, byte[] b, int off, int len);
    abstract double getDouble(int row);
    abstract int getInt(int row);
    abstract String getString(int row);
    abstract void setDouble(int row, double v);
    abstract void setInt(int row, int v);
    abstract void setString(int row, String v);
    abstract void copy(int from, Column to, int toRow);
    /** Writes one value right-aligned like RELION: numbers in 12 characters, text in 10. */
    abstract void write(int row, ByteSink out);

    static final class Doubles extends Column {
        double[] v;
        Doubles(String label, int capacity) { super(label); v = new double[capacity]; }
        void resize(int c) { v = Arrays.copyOf(v, c); }
        void parse(int row, byte[] b, int off, int len) { v[row] = NumberText.parseDouble(b, off, len); }
        double getDouble(int row) { return v[row]; }
        int getInt(int row) {
            double d = v[row];
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NumberFormatException(NumberText.formatDouble(d));
            return (int) d;
        }
        String getString(int row) { return NumberText.formatDouble(v[row]); }
        void setDouble(int row, double d) { v[row] = d; }
        void setInt(int row, int i) { v[row] = i; }
        void setString(int row, String s) { v[row] = NumberText.parseDouble(s); }
        void copy(int from, Column to, int toRow) { ((Doubles) to).v[toRow] = v[from]; }
        void write(int row, ByteSink out) {
            out.reserve(64);
            int n = NumberText.formatDouble(v[row], out);
            out.padLeft(n, 12 - n);
        }
    }

    static final class Ints extends Column {
        int[] v;
        Ints(String label, int capacity) { super(label); v = new int[capacity]; }
        void resize(int c) { v = Arrays.copyOf(v, c); }
        void parse(int row, byte[] b, int off, int len) { v[row] = NumberText.parseInt(b, off, len); }
        double getDouble(int row) { return v[row]; }
        int getInt(int row) { return v[row]; }
        String getString(int row) { return Integer.toString(v[row]); }
        void setDouble(int row, double d) {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)
                throw new IllegalArgumentException(label + " holds integers, not " + d);
            v[row] = (int) d;
        }
        void setInt(int row, int i) { v[row] = i; }
        void setString(int row, String s) { v[row] = NumberText.parseInt(s); }
        void copy(int from, Column to, int toRow) { ((Ints) to).v[toRow] = v[from]; }
        void write(int row, ByteSink out) {
            out.reserve(16);
            int x = v[row];
            int n = 0;
            if (x < 0) n += out.put('-');
            n += out.digits(Math.abs((long) x));
            out.padLeft(n, 12 - n);
        }
    }

    static final class Texts extends Column {
        String[] v;
        // The previous value's bytes: consecutive rows often repeat a micrograph name, and
        // sharing one String for them saves memory on large files.
        private byte[] last = new byte[0];
        private int lastLen = -1;
        Texts(String label, int capacity) { super(label); v = new String[capacity]; Arrays.fill(v, ""); }
        void resize(int c) {
            int old = v.length;
            v = Arrays.copyOf(v, c);
            if (c > old) Arrays.fill(v, old, c, "");
        }
        void parse(int row, byte[] b, int off, int len) {
            if (row > 0 && len == lastLen && Arrays.equals(b, off, off + len, last, 0, len)) {
                v[row] = v[row - 1];
                return;
            }
            v[row] = new String(b, off, len, StandardCharsets.UTF_8);
            if (last.length < len) last = new byte[Math.max(len, 2 * last.length)];
            System.arraycopy(b, off, last, 0, len);
            lastLen = len;
        }
        double getDouble(int row) { return NumberText.parseDouble(v[row]); }
        int getInt(int row) { return NumberText.parseInt(v[row]); }
        String getString(int row) { return v[row]; }
        void setDouble(int row, double d) { v[row] = NumberText.formatDouble(d); }
        void setInt(int row, int i) { v[row] = Integer.toString(i); }
        void setString(int row, String s) { v[row] = s; }
        void copy(int from, Column to, int toRow) { ((Texts) to).v[toRow] = v[from]; }
        void write(int row, ByteSink out) {
            String s = v[row];
            byte[] b = quote(s).getBytes(StandardCharsets.UTF_8);
            out.spaces(10 - b.length);
            out.bytes(b);
        }
    }

    /** The value as a STAR token: quoted when empty or when it has blanks or could read as syntax. */
    static String quote(String s) {
        boolean plain = !s.isEmpty() && s.charAt(0) != '_' && s.charAt(0) != '#'
                && s.charAt(0) != '"' && s.charAt(0) != '\'' && !s.startsWith("data_") && !s.equals("loop_");
        for (int i = 0; plain && i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) plain = false;
        if (plain) return s;
        return s.indexOf('"') < 0 ? '"' + s + '"' : '\'' + s + '\'';
    }
}
