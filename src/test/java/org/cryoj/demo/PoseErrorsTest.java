package org.cryoj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseErrorsTest {
    @TempDir Path dir;

    @Test
    void symmetryMatesAreNoErrorAndKnownPerturbationsAreMeasured() throws Exception {
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        double px = 2.0;
        StarTable truth = table(false);
        StarTable refined = table(true);
        EulerAngles[] poses = {new EulerAngles(10, 40, 70), new EulerAngles(-120, 95, 5), new EulerAngles(33, 150, -80)};
        double[][] centres = {{100.25, 200.5}, {300, 310}, {500.75, 90}};
        for (int i = 0; i < 3; i++) {
            int r = truth.addRow();
            truth.setString(r, "rlnMicrographName", "Micrographs/mic_001.mrc");
            truth.setDouble(r, "rlnCoordinateX", centres[i][0]);
            truth.setDouble(r, "rlnCoordinateY", centres[i][1]);
            setAngles(truth, r, poses[i]);
        }
        // particle 0: a D2 mate of the truth, exact centre; 1: 5 degrees about z off, centre off by (3,4) px;
        // 2: exact pose, centre recorded as coordinate 10 px away with an origin bringing it back
        Rotation3 mate = poses[0].toMatrix().multiply(d2.operators().get(2));   // A R projects the same D2 map
        addRefined(refined, EulerAngles.fromMatrix(mate), centres[0][0], centres[0][1], 0, 0);
        Rotation3 off = Rotation3.aboutAxis(new org.cryoj.geometry.Vector3(0, 0, 1), 5).multiply(poses[1].toMatrix());
        addRefined(refined, EulerAngles.fromMatrix(off), centres[1][0] + 3, centres[1][1] + 4, 0, 0);
        addRefined(refined, poses[2], centres[2][0] + 10, centres[2][1], 10 * px, 0);
        Path t = dir.resolve("truth.star"), d = dir.resolve("run_data.star");
        StarFile.of(StarBlock.loop("particles", truth)).write(t, false);
        StarFile.of(StarBlock.loop("particles", refined)).write(d, false);

        PoseErrors e = PoseErrors.compare(d, t, d2, px);
        assertEquals(0, e.angleDeg()[0], 1e-3);
        assertEquals(5, e.angleDeg()[1], 1e-3);
        assertEquals(0, e.angleDeg()[2], 1e-3);
        assertEquals(0, e.shiftPx()[0], 1e-5);
        assertEquals(5, e.shiftPx()[1], 1e-5);
        assertEquals(0, e.shiftPx()[2], 1e-5);
        assertEquals(0, e.medianAngle(), 1e-3);
        assertEquals(0, e.medianShift(), 1e-5);
    }

    @Test
    void particleStacksAreMatchedByImageName() throws Exception {
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        double px = 3.5;
        StarTable truth = new StarTable("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        StarTable refined = new StarTable("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        EulerAngles[] poses = {new EulerAngles(10, 40, 70), new EulerAngles(-120, 95, 5), new EulerAngles(33, 150, -80)};
        for (int i = 0; i < 3; i++) {
            int r = truth.addRow();
            truth.setString(r, "rlnImageName", String.format("%06d@Particles/particles.mrcs", i + 1));
            truth.setDouble(r, "rlnOriginXAngst", 2 * px * i);
            truth.setDouble(r, "rlnOriginYAngst", -px);
            setAngles(truth, r, poses[i]);
        }
        // refined in another order, image numbers without leading zeros: particle 3 exact; particle 1 a
        // D2 mate, origin off by (3, 4) px; particle 2 rotated 7 degrees about z
        EulerAngles[] refinedPoses = {poses[2], EulerAngles.fromMatrix(poses[0].toMatrix().multiply(d2.operators().get(3))),
                EulerAngles.fromMatrix(Rotation3.aboutAxis(new org.cryoj.geometry.Vector3(0, 0, 1), 7).multiply(poses[1].toMatrix()))};
        int[] image = {3, 1, 2};
        double[][] origins = {{4 * px, -px}, {3 * px, 3 * px}, {2 * px, -px}};
        for (int i = 0; i < 3; i++) {
            int r = refined.addRow();
            refined.setString(r, "rlnImageName", image[i] + "@Particles/particles.mrcs");
            refined.setDouble(r, "rlnOriginXAngst", origins[i][0]);
            refined.setDouble(r, "rlnOriginYAngst", origins[i][1]);
            setAngles(refined, r, refinedPoses[i]);
        }
        Path t = dir.resolve("truth.star"), d = dir.resolve("run_data.star");
        StarFile.of(StarBlock.loop("particles", truth)).write(t, false);
        StarFile.of(StarBlock.loop("particles", refined)).write(d, false);

        PoseErrors e = PoseErrors.compareByImage(d, t, d2, px);
        assertEquals(0, e.angleDeg()[0], 1e-3);
        assertEquals(0, e.angleDeg()[1], 1e-3);
        assertEquals(7, e.angleDeg()[2], 1e-3);
        assertEquals(0, e.shiftPx()[0], 1e-6);
        assertEquals(5, e.shiftPx()[1], 1e-6);
        assertEquals(0, e.shiftPx()[2], 1e-6);
        assertEquals(0, e.medianAngle(), 1e-3);

        refined.setString(0, "rlnImageName", "9@Particles/particles.mrcs");
        StarFile.of(StarBlock.loop("particles", refined)).write(d, true);
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> PoseErrors.compareByImage(d, t, d2, px));
    }

    private static StarTable table(boolean origins) {
        StarTable t = origins
                ? new StarTable("rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY", "rlnOriginXAngst", "rlnOriginYAngst",
                        "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi")
                : new StarTable("rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        return t;
    }

    private static void addRefined(StarTable t, EulerAngles a, double x, double y, double ox, double oy) {
        int r = t.addRow();
        t.setString(r, "rlnMicrographName", "Micrographs/mic_001.mrc");
        t.setDouble(r, "rlnCoordinateX", x);
        t.setDouble(r, "rlnCoordinateY", y);
        t.setDouble(r, "rlnOriginXAngst", ox);
        t.setDouble(r, "rlnOriginYAngst", oy);
        setAngles(t, r, a);
    }

    private static void setAngles(StarTable t, int r, EulerAngles a) {
        t.setDouble(r, "rlnAngleRot", a.rot());
        t.setDouble(r, "rlnAngleTilt", a.tilt());
        t.setDouble(r, "rlnAnglePsi", a.psi());
    }
}
