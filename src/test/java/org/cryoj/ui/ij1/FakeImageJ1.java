package org.cryoj.ui.ij1;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the ImageJ 1 calls; Esc is "pressed" by setting {@link #escape}, and reset only if {@link #resettable}. */
final class FakeImageJ1 implements ImageJ1 {
    final List<String> statuses = new CopyOnWriteArrayList<>();
    final List<String> progress = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile boolean escape;
    volatile boolean resettable = true;
    volatile int resets;

    @Override public void showStatus(String text) { statuses.add(text); }
    @Override public void showProgress(int done, int total) { progress.add(done + "/" + total); }
    @Override public void log(String text) { log.add(text); }
    @Override public boolean escapePressed() { return escape; }

    @Override public void resetEscape() {
        resets++;
        if (resettable) escape = false;
    }
}
