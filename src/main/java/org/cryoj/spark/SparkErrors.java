package org.cryoj.spark;

import java.io.IOException;

/**
 * A failed Spark job as one line: the executor's own exception (an unreadable particle stack names
 * the file), not Spark's stage report with its stack traces.
 */
final class SparkErrors {
    private SparkErrors() {}

    /** The innermost I/O error in {@code e}'s causes, or failing that the first line of the task's failure. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof IOException && t.getMessage() != null) return t.getMessage();
        String m = e.getMessage() != null ? e.getMessage() : e.toString();
        // Spark: "Job aborted due to stage failure: Task 1 in stage 3.0 failed 4 times, most recent failure: Lost task 1.3 in
        // stage 3.0 (TID 12) (127.0.0.1 executor 1): java.io.IOException: cannot read ...\n\tat ..."
        int lost = m.indexOf("): ", m.indexOf("Lost task"));
        if (m.contains("Lost task") && lost > 0) m = m.substring(lost + 3);
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).strip();
    }

    /** {@code e} from a Spark job as one IOException line: what failed and the executor's reason. */
    static IOException rethrow(Exception e, String what) {
        return new IOException(what + " failed on the Spark cluster: " + message(e), e);
    }
}
