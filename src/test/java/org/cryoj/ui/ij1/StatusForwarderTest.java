package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.scijava.app.event.StatusEvent;

/** SciJava status events as ImageJ 1 calls, driven by hand with a fake clock. */
class StatusForwarderTest {
    private final FakeImageJ1 ui = new FakeImageJ1();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StatusForwarder forwarder = new StatusForwarder(ui, nanos::get);

    private void at(double seconds, StatusEvent e) {
        nanos.set(1_000_000_000L + (long) (seconds * 1e9));
        forwarder.onStatus(e);
    }

    @Test
    void progressAndTextReachTheBarsWithAnEtaForLongJobs() {
        at(0, new StatusEvent(0, 4, "Job: 4 micrographs"));
        at(1, new StatusEvent(1, 4));
        at(1, new StatusEvent("Job: 1/4")); // short so far: no ETA
        at(10, new StatusEvent(2, 4));
        at(10, new StatusEvent("Job: 2/4")); // 5 s per item, 2 left
        at(130, new StatusEvent(3, 4));
        at(130, new StatusEvent("Job: 3/4")); // 43.3 s per item, 1 left
        at(131, new StatusEvent("")); // clearStatus: nothing to show
        assertEquals(List.of("0/4", "1/4", "2/4", "3/4"), ui.progress);
        assertEquals(List.of("Job: 4 micrographs", "Job: 1/4", "Job: 2/4 (ETA 10 s)", "Job: 3/4 (ETA 44 s)"),
                ui.statuses);
        forwarder.close();
        assertEquals("4/4", ui.progress.get(ui.progress.size() - 1), "closing erases the bar");
    }

    @Test
    void lateOrOutOfOrderEventsDoNotMoveTheBarBack() {
        at(0, new StatusEvent(2, 3));
        at(0, new StatusEvent(1, 3)); // published earlier, delivered later
        at(0, new StatusEvent(3, 3));
        forwarder.close();
        at(0, new StatusEvent(1, 3, "after the end"));
        assertEquals(List.of("2/3", "3/3"), ui.progress);
        assertEquals(List.of(), ui.statuses);
    }

    @Test
    void aNewTotalStartsANewBar() {
        at(0, new StatusEvent(5, 5));
        at(0, new StatusEvent(0, 2, "second stage"));
        assertEquals(List.of("5/5", "0/2"), ui.progress);
        assertEquals(List.of("second stage"), ui.statuses);
    }
}
