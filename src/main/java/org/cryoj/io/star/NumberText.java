package org.cryoj.io.star;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Number parsing and formatting on bytes, without a String per value: a 1,000,000-row file has
 * tens of millions of numbers.
 *
 * <p>Parsing is exact (the same double as {@link Double#parseDouble}): plain decimals of up to
 * 15 significant digits take the fast path (an exact integer divided by an exact power of ten is
 * one correctly rounded operation); anything else goes through the JDK.
 *
 * <p>Formatting follows RELION's precision: six decimals in fixed notation, or seven significant
 * digits in exponent notation for magnitudes below 0.001 (RELION switches there too) and, unlike
 * RELION, only from 1e9 up, where RELION switches at 1e5 and then cuts the text at 12 characters
 * (it writes -100000.5 as "-1.00000e+05"). RELION rereads its own files at this precision every
 * iteration, so nothing downstream can rely on more, and the text stays comparable with RELION's.
 */
final class NumberText {
    private NumberText() {}

    private static final double[] POW10 = new double[23];
    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) { POW10[i] = p; p *= 10; }
    }
    private static final long MAX_EXACT = 1L << 53;

    static double parseDouble(byte[] b, int off, int len) {
        int i = off, end = off + len;
        boolean neg = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        long m = 0;
        int sig = 0, frac = 0;
        boolean digit = false, fast = true;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            m = m * 10 + (b[i++] - '0');
            digit = true;
            if (m != 0 && ++sig > 15) fast = false;
        }
        if (fast && i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                m = m * 10 + (b[i++] - '0');
                frac++;
                digit = true;
                if (m != 0 && ++sig > 15) { fast = false; break; }
            }
        }
        if (fast && digit && i == end && frac < POW10.length && m < MAX_EXACT) {
            double v = m / POW10[frac];
            return neg ? -v : v;
        }
        return slowParseDouble(new String(b, off, len, StandardCharsets.ISO_8859_1));
    }

    static double parseDouble(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parseDouble(b, 0, b.length);
    }

    private static double slowParseDouble(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan": case "-nan": case "+nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        // The JDK also accepts hex, "1d", "1f" and surrounding blanks; STAR files never mean those.
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == '-' || c == '+'))
                throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    /** An integer; an integral decimal such as "2.000000" is accepted too. */
    static int parseInt(byte[] b, int off, int len) {
        int i = off, end = off + len;
        boolean neg = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        long v = 0;
        boolean ok = i < end;
        while (ok && i < end) {
            int d = b[i++] - '0';
            if (d < 0 || d > 9 || v > Integer.MAX_VALUE + 1L) { ok = false; break; }
            v = v * 10 + d;
        }
        if (ok) {
            if (neg) v = -v;
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return (int) v;
        }
        double d = parseDouble(b, off, len);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE)
            throw new NumberFormatException(new String(b, off, len, StandardCharsets.ISO_8859_1));
        return (int) d;
    }

    static int parseInt(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parseInt(b, 0, b.length);
    }

    /** Appends v in STAR notation; returns the number of bytes written. */
    static int formatDouble(double v, ByteSink out) {
        if (Double.isNaN(v)) return out.ascii("nan");
        if (Double.isInfinite(v)) return out.ascii(v > 0 ? "inf" : "-inf");
        double a = Math.abs(v);
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        if (a == 0 || (a >= 0.001 && a < 1e9)) {
            long s = Math.round(a * 1e6);
            int n = 0;
            if (neg) n += out.put('-');
            n += out.digits(s / 1_000_000);
            n += out.put('.');
            long f = s % 1_000_000;
            for (long p = 100_000; p > 0; p /= 10) n += out.put((char) ('0' + (f / p) % 10));
            return n;
        }
        return out.ascii(String.format(Locale.ROOT, "%.6e", v));
    }

    static String formatDouble(double v) {
        ByteSink s = new ByteSink(null, 32);
        formatDouble(v, s);
        return s.toString();
    }
}
