package org.cryoj.ui.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class EtaTest {

    @Test
    void remainingTimeScalesTheElapsedTimePerItem() {
        assertEquals(OptionalLong.of(130), Eta.remainingSeconds(10, 1, 14)); // 10 s per item, 13 left
        assertEquals(OptionalLong.of(30), Eta.remainingSeconds(90, 3, 4));
        assertEquals(OptionalLong.of(1), Eta.remainingSeconds(0.2, 1, 2), "rounded up, never 0 while work is left");
    }

    @Test
    void noEtaBeforeTheFirstItemOrAfterTheLast() {
        assertTrue(Eta.remainingSeconds(5, 0, 10).isEmpty());
        assertTrue(Eta.remainingSeconds(5, 10, 10).isEmpty());
        assertTrue(Eta.remainingSeconds(5, 1, -1).isEmpty(), "unknown total");
        assertTrue(Eta.remainingSeconds(Double.NaN, 1, 10).isEmpty());
    }

    @Test
    void formatsSecondsMinutesAndHours() {
        assertEquals("ETA 0 s", Eta.format(0));
        assertEquals("ETA 59 s", Eta.format(59));
        assertEquals("ETA 1 min 0 s", Eta.format(60));
        assertEquals("ETA 2 min 10 s", Eta.format(130));
        assertEquals("ETA 59 min 59 s", Eta.format(3599));
        assertEquals("ETA 1 h 0 min", Eta.format(3600));
        assertEquals("ETA 2 h 5 min", Eta.format(2 * 3600 + 5 * 60 + 59));
        assertThrows(IllegalArgumentException.class, () -> Eta.format(-1));
    }
}
