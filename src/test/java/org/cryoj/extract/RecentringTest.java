package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.cryoj.extract.Recentring.Position;
import org.junit.jupiter.api.Test;

/** Recentring arithmetic against values worked out by hand. */
class RecentringTest {

    private static void assertPosition(Position expected, Position actual) {
        assertEquals(expected.coordX(), actual.coordX(), 1e-9, "coordX");
        assertEquals(expected.coordY(), actual.coordY(), 1e-9, "coordY");
        assertEquals(expected.originXAngst(), actual.originXAngst(), 1e-9, "originXAngst");
        assertEquals(expected.originYAngst(), actual.originYAngst(), 1e-9, "originYAngst");
    }

    @Test
    void wholePixelsMoveIntoTheCoordinateAndTheResidualStays() {
        // 3.6 Å / 1.2 = 3 px; -5.4 Å / 1.2 = -4.5 px, which ROUND takes to -5 (half away from zero)
        Position out = Recentring.recentre(new Position(100, 200, 3.6, -5.4), 1.2, 1.2, null, true, false);
        assertPosition(new Position(97, 205, 0, 0.6), out);
        // the particle centre (coordinate - origin / pixel size) has not moved: (97, 204.5)
        assertEquals(97, out.coordX() - out.originXAngst() / 1.2, 1e-9);
        assertEquals(204.5, out.coordY() - out.originYAngst() / 1.2, 1e-9);
    }

    @Test
    void offsetsOfBinnedParticlesAreConvertedToMicrographPixels() {
        // particles at 2.4 Å/px from a 1.2 Å/px micrograph: 6 Å = 5 micrograph pixels
        Position out = Recentring.recentre(new Position(50, 60, 6.0, -1.8), 2.4, 1.2, null, true, false);
        // y: -1.8 Å = -1.5 px -> ROUND -2, residual +0.5 px = 0.6 Å
        assertPosition(new Position(45, 62, 0, 0.6), out);
    }

    @Test
    void recentreVectorIsTheProjectedPointInParticlePixels() {
        // projected point 1 particle pixel along x and -0.25 along y, particles twice the
        // micrograph pixel size: the new centre is 2 px right and 0.5 px down of the old one
        Position out = Recentring.recentre(new Position(50, 60, 0, 0), 2.4, 1.2, new double[] {1, -0.25}, true, false);
        // xoff = -2 -> coord 52; yoff = +0.5 -> ROUND 1 -> coord 59, residual -0.5 px = -0.6 Å
        assertPosition(new Position(52, 59, 0, -0.6), out);
        assertEquals(52, out.coordX() - out.originXAngst() / 1.2, 1e-9);
        assertEquals(59.5, out.coordY() - out.originYAngst() / 1.2, 1e-9);
    }

    @Test
    void resetOffsetsZeroesTheOriginAndKeepsTheCoordinate() {
        assertPosition(new Position(10, 20, 0, 0),
                Recentring.recentre(new Position(10, 20, 3.3, -4.4), 1.0, 1.0, null, true, true));
    }

    @Test
    void samePixelSizeWithoutRecenterChangesNothing() {
        Position in = new Position(10, 20, 3.3, -4.4);
        assertSame(in, Recentring.recentre(in, 1.0, 1.0, null, false, false));
        // different pixel sizes: rewritten, but the same in Å
        assertPosition(in, Recentring.recentre(in, 2.0, 1.0, null, false, false));
    }

    @Test
    void roundGoesHalfAwayFromZero() {
        assertEquals(3, Recentring.roundHalfAway(2.5));
        assertEquals(-3, Recentring.roundHalfAway(-2.5));
        assertEquals(0, Recentring.roundHalfAway(-0.4));
        assertEquals(-1, Recentring.roundHalfAway(-0.6));
    }
}
