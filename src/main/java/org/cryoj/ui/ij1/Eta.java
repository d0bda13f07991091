package org.cryoj.ui.ij1;

import java.util.OptionalLong;

/** Remaining time of a job from its elapsed time and progress, as the status bar shows it. */
public final class Eta {
    private Eta() {}

    /**
     * Seconds left if the remaining items take as long each as the done ones did, rounded up;
     * empty before the first item is done or after the last.
     */
    public static OptionalLong remainingSeconds(double elapsedSeconds, long done, long total) {
        if (done <= 0 || done >= total || !(elapsedSeconds >= 0)) return OptionalLong.empty();
        return OptionalLong.of((long) Math.ceil(elapsedSeconds * (total - done) / done));
    }

    /** "ETA 45 s", "ETA 2 min 10 s", "ETA 1 h 5 min" (seconds dropped once it is hours). */
    public static String format(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("negative time " + seconds + " s");
        if (seconds < 60) return "ETA " + seconds + " s";
        if (seconds < 3600) return "ETA " + seconds / 60 + " min " + seconds % 60 + " s";
        return "ETA " + seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
