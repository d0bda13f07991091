package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EulerAnglesTest {

    /** By hand: rot only rotates the frame about z, A = [[c, s, 0], [-s, c, 0], [0, 0, 1]]. */
    @Test
    void knownMatrices() {
        assertTrue(new EulerAngles(90, 0, 0).toMatrix().maxAbsDifference(Rotation3.of(0, 1, 0, -1, 0, 0, 0, 0, 1)) < 1e-15);
        assertTrue(new EulerAngles(0, 0, 90).toMatrix().maxAbsDifference(Rotation3.of(0, 1, 0, -1, 0, 0, 0, 0, 1)) < 1e-15);
        // tilt about y: the projection direction (third row) moves from z towards x
        assertTrue(new EulerAngles(0, 90, 0).toMatrix().maxAbsDifference(Rotation3.of(0, 0, -1, 0, 1, 0, 1, 0, 0)) < 1e-15);
        // composition: A(rot, tilt, psi) = Rz(psi) Ry(tilt) Rz(rot) in frame-rotation form
        Rotation3 a = new EulerAngles(30, 40, 50).toMatrix();
        Rotation3 b = new EulerAngles(0, 0, 50).toMatrix().multiply(new EulerAngles(0, 40, 0).toMatrix())
                .multiply(new EulerAngles(30, 0, 0).toMatrix());
        assertTrue(a.maxAbsDifference(b) < 1e-15);
        assertTrue(new EulerAngles(30, 40, 50).direction().dot(a.row(2)) > 1 - 1e-15);
    }

    @Test
    void matricesAreProperRotations() {
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            Rotation3 a = new EulerAngles(360 * rnd.nextDouble() - 180, 180 * rnd.nextDouble(), 360 * rnd.nextDouble() - 180).toMatrix();
            assertEquals(1, a.determinant(), 1e-12);
            assertTrue(a.multiply(a.transpose()).maxAbsDifference(Rotation3.IDENTITY) < 1e-12);
        }
    }

    @Test
    void anglesMatrixAnglesRoundTrip() {
        Random rnd = new Random(5);
        for (int i = 0; i < 1000; i++) {
            EulerAngles e = new EulerAngles(360 * rnd.nextDouble() - 180, 0.01 + 179.98 * rnd.nextDouble(), 360 * rnd.nextDouble() - 180);
            EulerAngles back = EulerAngles.fromMatrix(e.toMatrix());
            assertEquals(e.rot(), back.rot(), 1e-8);
            assertEquals(e.tilt(), back.tilt(), 1e-8);
            assertEquals(e.psi(), back.psi(), 1e-8);
        }
    }

    /** Gimbal lock: tilt 0 or 180 leaves rot undetermined; RELION puts everything in psi. */
    @Test
    void gimbalLockPutsTheRotationInPsi() {
        EulerAngles top = EulerAngles.fromMatrix(new EulerAngles(30, 0, 20).toMatrix());
        assertEquals(0, top.rot(), 0);
        assertEquals(0, top.tilt(), 0);
        assertEquals(50, top.psi(), 1e-9);
        EulerAngles bottom = EulerAngles.fromMatrix(new EulerAngles(30, 180, 20).toMatrix());
        assertEquals(0, bottom.rot(), 0);
        assertEquals(180, bottom.tilt(), 1e-9);
        assertTrue(new EulerAngles(bottom.rot(), bottom.tilt(), bottom.psi()).toMatrix()
                .maxAbsDifference(new EulerAngles(30, 180, 20).toMatrix()) < 1e-12);
    }

    @Test
    void directionRoundTrip() {
        EulerAngles d = EulerAngles.fromDirection(EulerAngles.direction(-120, 35));
        assertEquals(-120, d.rot(), 1e-10);
        assertEquals(35, d.tilt(), 1e-10);
        assertEquals(0, EulerAngles.fromDirection(new Vector3(1e-9, 1e-9, 1)).rot(), 0);
    }
}
