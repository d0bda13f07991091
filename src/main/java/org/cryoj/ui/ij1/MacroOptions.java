package org.cryoj.ui.ij1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The option string of an ImageJ 1 macro call, {@code run("Name...", "key=value key=[a value] flag")},
 * as an ordered key to value map. A bare word is a ticked checkbox and maps to "true". Keys are
 * lower-cased as ImageJ 1 does.
 */
public final class MacroOptions {
    private final Map<String, String> values;

    private MacroOptions(Map<String, String> values) { this.values = values; }

    public Map<String, String> values() { return Collections.unmodifiableMap(values); }

    public static MacroOptions parse(String options) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = options == null ? "" : options;
        int pos = 0;
        while (pos < s.length()) {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
            if (pos >= s.length()) break;
            int end = pos;
            while (end < s.length() && s.charAt(end) != '=' && !Character.isWhitespace(s.charAt(end))) end++;
            String key = s.substring(pos, end).toLowerCase(java.util.Locale.ROOT);
            if (end >= s.length() || s.charAt(end) != '=') {
                put(out, key, "true");
                pos = end;
                continue;
            }
            int valueStart = end + 1;
            String value;
            if (valueStart < s.length() && s.charAt(valueStart) == '[') {
                int close = s.indexOf(']', valueStart);
                if (close < 0)
                    throw new IllegalArgumentException("option '" + key + "': missing ']' after '" + s.substring(valueStart) + "'");
                value = s.substring(valueStart + 1, close);
                pos = close + 1;
            } else {
                int stop = valueStart;
                while (stop < s.length() && !Character.isWhitespace(s.charAt(stop))) stop++;
                value = s.substring(valueStart, stop);
                pos = stop;
            }
            put(out, key, value);
        }
        return new MacroOptions(out);
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (key.isEmpty()) throw new IllegalArgumentException("option without a name before '='");
        if (out.put(key, value) != null) throw new IllegalArgumentException("option '" + key + "' given twice");
    }
}
