package org.cryoj.parity;

/** What the comparison of one case's two runs found. */
public sealed interface Verdict {

    /** Short word for the table and the summary. */
    String kind();

    /** Both ran and every compared field is within its tolerance; {@code measure} says how close. */
    record Agree(String measure) implements Verdict {
        @Override public String kind() { return "agree"; }
    }

    /** Both exited non-zero: an invalid option set both refuse. */
    record BothRefused(String relionSays, String cryojSays) implements Verdict {
        @Override public String kind() { return "both refused"; }
    }

    /**
     * The outputs (or exit statuses) differ: {@code field} names what (e.g. "voxels", "header
     * pixel size", "exit status", "rlnOriginXAngst"), {@code detail} says how, {@code amount} is the
     * measured difference and {@code tolerance} the one allowed (NaN where a count or a yes/no differs).
     */
    record Diverge(String field, String detail, double amount, double tolerance) implements Verdict {
        @Override public String kind() { return "diverged"; }

        public static Diverge of(String field, String detail) {
            return new Diverge(field, detail, Double.NaN, Double.NaN);
        }
    }
}
