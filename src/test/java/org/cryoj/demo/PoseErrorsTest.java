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
    void particleModeDataIsMatchedByImageName() throws Exception {
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        double px = 3.5;
        StarTable truth = new StarTable("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        StarTable refined = new StarTable("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");
        EulerAngles[] poses = {new EulerAngles(10, 40, 70), new EulerAngles(-120, 95, 5)};
        for (int i = 0; i < 2; i++) {
            int r = truth.addRow();
            truth.setString(r, "rlnImageName", (i + 1) + "@Particles/particles.mrcs");
            truth.setDouble(r, "rlnOriginXAngst", 1.5 * i);
            truth.setDouble(r, "rlnOriginYAngst", -2.0);
            setAngles(truth, r, poses[i]);
        }
        // refined in the other order: particle 2 exact, particle 1 a D2 mate turned 7 degrees about x, origin off by (3, 4) px
        int r = refined.addRow();
        refined.setString(r, "rlnImageName", "2@Particles/particles.mrcs");
        refined.setDouble(r, "rlnOriginXAngst", 1.5);
        refined.setDouble(r, "rlnOriginYAngst", -2.0);
        setAngles(refined, r, poses[1]);
        Rotation3 off = Rotation3.aboutAxis(new org.cryoj.geometry.Vector3(1, 0, 0), 7).multiply(poses[0].toMatrix()).multiply(d2.operators().get(3));
        r = refined.addRow();
        refined.setString(r, "rlnImageName", "1@Particles/particles.mrcs");
        refined.setDouble(r, "rlnOriginXAngst", 3 * px);
        refined.setDouble(r, "rlnOriginYAngst", -2.0 + 4 * px);
        setAngles(refined, r, EulerAngles.fromMatrix(off));
        Path t = dir.resolve("truth.star"), d = dir.resolve("run_data.star");
        StarFile.of(StarBlock.loop("particles", truth)).write(t, false);
        StarFile.of(StarBlock.loop("particles", refined)).write(d, false);

        PoseErrors e = PoseErrors.compareByImageName(d, t, d2, px);
        assertEquals(0, e.angleDeg()[0], 1e-3);
        assertEquals(0, e.shiftPx()[0], 1e-6);
        assertEquals(7, e.angleDeg()[1], 1e-3);
        assertEquals(5, e.shiftPx()[1], 1e-6);
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
