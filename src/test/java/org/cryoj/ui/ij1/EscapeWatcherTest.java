package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.scijava.Cancelable;

class EscapeWatcherTest {

    /** Records the cancel a command would get. */
    static final class Target implements Cancelable {
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile String reason;
        @Override public boolean isCanceled() { return reason != null; }
        @Override public void cancel(String why) { reason = why; cancelled.countDown(); }
        @Override public String getCancelReason() { return reason; }
    }

    @Test
    void escDuringTheRunCancelsOnceWithTheReason() throws Exception {
        FakeImageJ1 ui = new FakeImageJ1();
        ui.escape = true; // an Esc from before this command
        Target target = new Target();
        try (EscapeWatcher w = EscapeWatcher.start(ui, target, 5)) {
            assertEquals(1, ui.resets);
            Thread.sleep(50);
            assertNull(target.reason, "an earlier Esc must not cancel this command");
            ui.escape = true;
            assertTrue(target.cancelled.await(5, TimeUnit.SECONDS), "Esc was not noticed");
            assertEquals("cancelled with Esc", target.reason);
            for (int k = 0; k < 500 && w.isRunning(); k++) Thread.sleep(10);
            assertFalse(w.isRunning(), "the watcher stops after its cancel");
        }
    }

    @Test
    void closingStopsTheWatcherSoALaterEscCancelsNothing() throws Exception {
        FakeImageJ1 ui = new FakeImageJ1();
        Target target = new Target();
        EscapeWatcher w = EscapeWatcher.start(ui, target, 5);
        assertTrue(w.isRunning());
        w.close();
        assertFalse(w.isRunning(), "close waits for the watcher thread");
        ui.escape = true;
        Thread.sleep(50);
        assertNull(target.reason);
    }
}
