package org.cryoj.geometry;

/** Distances between two orientations when symmetry-related orientations count as the same. */
public final class AngularDistance {
    private AngularDistance() {}

    /**
     * Smallest rotation angle (degrees) taking orientation a to any symmetry mate L B R of b.
     * Improper mates (from mirror operators) are not rotations of a and are skipped.
     */
    public static double minimumRotationAngle(EulerAngles a, EulerAngles b, SymmetryGroup g) {
        Rotation3 ma = a.toMatrix(), mb = b.toMatrix();
        double best = 180;
        for (int i = 0; i < g.size(); i++) {
            Rotation3 mate = g.applyTo(i, mb);
            if (mate.determinant() < 0) continue;
            best = Math.min(best, ma.multiply(mate.transpose()).rotationAngleDeg());
        }
        return best;
    }

    /**
     * RELION's calculateAngularDistance (the "angular distance" of its refinement statistics): over
     * the symmetry mates of b, re-expressed as Euler angles, the smallest mean angle between the
     * corresponding rows (projection-frame axes) of the two matrices.
     */
    public static double relionAxesDistance(EulerAngles a, EulerAngles b, SymmetryGroup g) {
        Rotation3 ma = a.toMatrix();
        double best = 3600;
        for (int i = 0; i < g.size(); i++) {
            Rotation3 mate = EulerAngles.fromMatrix(g.applyTo(i, b.toMatrix())).toMatrix();
            double sum = 0;
            for (int r = 0; r < 3; r++)
                sum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, ma.row(r).dot(mate.row(r))))));
            best = Math.min(best, sum / 3);
        }
        return best;
    }
}
