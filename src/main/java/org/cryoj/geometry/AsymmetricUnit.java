package org.cryoj.geometry;

/**
 * RELION's first, geometric cut of projection directions to one asymmetric unit
 * (HealpixSampling::removeSymmetryEquivalentPointsGeometric): rot/tilt ranges for the axial
 * groups and great-circle planes for T, O and I. The plane normals are RELION's own numbers,
 * because which boundary directions survive depends on them; {@link HealpixSampling} then
 * removes the remaining duplicates on the seams.
 */
final class AsymmetricUnit {
    private AsymmetricUnit() {}

    private static final Vector3 I_P1 = new Vector3(0, 1, 0);
    private static final Vector3 I_P2 = new Vector3(-0.4999999839058737, -0.8090170074556163, 0.3090169861701543);
    private static final Vector3 I_P3 = new Vector3(0.4999999839058737, -0.8090170074556163, 0.3090169861701543);
    private static final Vector3 I4_P1 = new Vector3(0, 0, 1);
    private static final Vector3 I4_P2 = new Vector3(0.187592467856686, -0.303530987314591, -0.491123477863004);
    private static final Vector3 I4_P3 = new Vector3(0.187592467856686, 0.303530987314591, -0.491123477863004);
    /** Tilt (degrees) that turns I2's planes into I3's (+) or I4's (-). */
    private static final double I3_TILT = 31.7174745559;

    /** Whether direction d = (rot, tilt) (rot in [-180, 180], tilt in [0, 180]) is in the unit. */
    static boolean contains(PointGroup g, int n, double rot, double tilt, Vector3 d) {
        return switch (g) {
            case CN -> rot >= -180. / n && rot <= 180. / n;
            case CI, CS -> tilt <= 90;
            case CNV -> rot >= 0 && rot <= 180. / n;
            case CNH -> rot >= -180. / n && rot <= 180. / n && tilt <= 90;
            case SN -> rot >= -360. / n && rot <= 360. / n && tilt <= 90;
            case DN -> n == 1 ? tilt <= 90 : rot >= -180. / n + 90 && rot <= 180. / n + 90 && tilt <= 90;
            case DNV, DNH -> rot >= 90 && rot <= 180. / n + 90 && tilt <= 90;
            case T -> ((rot >= 90 && rot <= 150) || rot == 0)
                    && above(d, new Vector3(-0.942809, 0, 0)) && above(d, new Vector3(0.471405, 0.272165, 0.7698))
                    && above(d, new Vector3(0.471404, 0.816497, 0));
            case TD -> above(d, new Vector3(-0.942809, 0, 0)) && above(d, new Vector3(0.471405, 0.272165, 0.7698))
                    && above(d, new Vector3(0, 0.471405, -0.666667));
            case TH -> above(d, new Vector3(-0.816496, 0, 0)) && above(d, new Vector3(0.707107, 0.408248, -0.57735))
                    && above(d, new Vector3(-0.408248, -0.707107, 0));
            case O -> ((rot >= 45 && rot <= 135 && tilt <= 90) || rot == 0) && octahedral(d);
            case OH -> rot >= 90 && rot <= 135 && tilt <= 90 && octahedral(d);
            case I2 -> above(d, I_P1) && above(d, I_P2) && above(d, I_P3);
            case I1 -> icosahedralTurned(d, 90, I_P1, I_P2, I_P3, true);
            case I3 -> icosahedralTurned(d, I3_TILT, I_P1, I_P2, I_P3, true);
            case I4 -> icosahedralTurned(d, -I3_TILT, I4_P1, I4_P2, I4_P3, false);
            case I2H -> above(d, I_P1) && above(d, I_P2) && above(d, new Vector3(1, 0, 0));
            case I1H -> icosahedralTurned(d, 90, I_P1, I_P2, new Vector3(1, 0, 0), true);
            case I3H -> icosahedralTurned(d, I3_TILT, I4_P1, I4_P2, I4_P3, true) && above(d, I_P1);
            case I4H -> icosahedralTurned(d, -I3_TILT, I4_P1, I4_P2, I4_P3, false) && above(d, I_P1);
        };
    }

    private static boolean octahedral(Vector3 d) {
        return above(d, new Vector3(0, -1, 1)) && above(d, new Vector3(1, 1, 0)) && above(d, new Vector3(-1, 1, 0));
    }

    /** Three planes turned by Euler (0, tilt, 0); d must be on their positive (or all negative) sides. */
    private static boolean icosahedralTurned(Vector3 d, double tilt, Vector3 p1, Vector3 p2, Vector3 p3, boolean positive) {
        Rotation3 a = new EulerAngles(0, tilt, 0).toMatrix();
        double s1 = d.dot(a.apply(p1).normalized()), s2 = d.dot(a.apply(p2).normalized()), s3 = d.dot(a.apply(p3).normalized());
        return positive ? s1 >= 0 && s2 >= 0 && s3 >= 0 : s1 <= 0 && s2 <= 0 && s3 <= 0;
    }

    private static boolean above(Vector3 d, Vector3 normal) { return d.dot(normal.normalized()) >= 0; }
}
