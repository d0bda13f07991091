package org.cryoj.ui.ij1;

import java.io.File;

/** The parameter types the ImageJ 1 bridge can show in a dialog and read from macro text. */
final class InputValues {
    private InputValues() {}

    static boolean isSupported(Class<?> type) {
        return type == File.class || type == String.class || isDouble(type) || isInt(type) || isBoolean(type);
    }

    static boolean isDouble(Class<?> type) { return type == double.class || type == Double.class; }
    static boolean isInt(Class<?> type) { return type == int.class || type == Integer.class; }
    static boolean isBoolean(Class<?> type) { return type == boolean.class || type == Boolean.class; }

    static Object parse(Class<?> type, String text) {
        String t = text.trim();
        if (type == File.class) return t.isEmpty() ? null : new File(t);
        if (type == String.class) return text;
        if (isBoolean(type)) {
            if (t.equalsIgnoreCase("true")) return true;
            if (t.equalsIgnoreCase("false")) return false;
            throw new IllegalArgumentException("expected true or false");
        }
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        if (isDouble(type)) return d;
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        return (int) d;
    }
}
