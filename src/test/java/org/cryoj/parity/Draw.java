package org.cryoj.parity;

import java.util.List;
import java.util.Random;

/** Random choices for the case generators: one seeded Random, a few readable helpers. */
final class Draw {
    private final Random r;

    Draw(long seed) {
        this.r = new Random(mix(seed));
    }

    /**
     * SplitMix64's finaliser: java.util.Random's first draws from neighbouring seeds are nearly
     * equal, so case i and case i + 1 would pick the same tool; mixed seeds are far apart.
     */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    boolean chance(double p) { return r.nextDouble() < p; }

    /** Uniform in [lo, hi], both ends included. */
    int intIn(int lo, int hi) { return lo + r.nextInt(hi - lo + 1); }

    /** An even number in [lo, hi]. */
    int evenIn(int lo, int hi) { return 2 * intIn((lo + 1) / 2, hi / 2); }

    /** Uniform in [lo, hi), rounded to {@code step} (0.25, 0.01, ...) so the command line shows it exactly. */
    double in(double lo, double hi, double step) {
        double v = lo + (hi - lo) * r.nextDouble();
        return Math.round(v / step) * step;
    }

    @SafeVarargs
    final <T> T pick(T... options) { return options[r.nextInt(options.length)]; }

    <T> T pick(List<T> options) { return options.get(r.nextInt(options.size())); }

    long nextLong() { return r.nextLong(); }

    double nextDouble() { return r.nextDouble(); }

    /** A number as the command line gets it: no trailing ".0", at most 4 decimals. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String s = String.format(java.util.Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
