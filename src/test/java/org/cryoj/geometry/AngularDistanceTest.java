package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AngularDistanceTest {
    private static final SymmetryGroup C1 = SymmetryGroup.parse("C1");

    @Test
    void withoutSymmetryAPsiChangeIsThatAngle() {
        EulerAngles a = new EulerAngles(10, 50, 20), b = new EulerAngles(10, 50, 47);
        assertEquals(27, AngularDistance.minimumRotationAngle(a, b, C1), 1e-9);
        // psi turns x and y by 27 degrees and leaves z: RELION's mean over the three axes is 18
        assertEquals(18, AngularDistance.relionAxesDistance(a, b, C1), 1e-9);
    }

    /** A symmetry mate is at distance 0; a mate plus a small turn is at that turn's angle. */
    @Test
    void symmetryMatesAreTheSameOrientation() {
        Random rnd = new Random(11);
        for (String name : new String[] {"C4", "D2", "T", "O", "I"}) {
            SymmetryGroup g = SymmetryGroup.parse(name);
            for (int t = 0; t < 20; t++) {
                EulerAngles a = new EulerAngles(360 * rnd.nextDouble() - 180, 10 + 160 * rnd.nextDouble(), 360 * rnd.nextDouble() - 180);
                int op = rnd.nextInt(g.size());
                Rotation3 mate = g.operators().get(op).transpose().multiply(a.toMatrix().transpose()).transpose(); // A R^T
                EulerAngles b = EulerAngles.fromMatrix(mate);
                assertEquals(0, AngularDistance.minimumRotationAngle(a, b, g), 1e-6, name);
                assertEquals(0, AngularDistance.relionAxesDistance(a, b, g), 1e-5, name); // acos near 1
                Rotation3 turned = Rotation3.aboutAxis(new Vector3(0, 0, 1), 3).multiply(mate);
                assertEquals(3, AngularDistance.minimumRotationAngle(a, EulerAngles.fromMatrix(turned), g), 1e-6, name);
            }
        }
    }
}
