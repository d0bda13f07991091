package org.cryoj.geometry;

/**
 * RELION's Euler angles in degrees: rot, tilt, psi, ZYZ. The matrix A of {@link #toMatrix()} is
 * RELION's Euler_angles2matrix: it maps map (reference) coordinates to projection coordinates,
 * A = Rz(psi) Ry(tilt) Rz(rot) with each factor rotating the coordinate frame, so its third row
 * is the projection direction.
 */
public record EulerAngles(double rot, double tilt, double psi) {

    public EulerAngles {
        if (!Double.isFinite(rot) || !Double.isFinite(tilt) || !Double.isFinite(psi))
            throw new IllegalArgumentException("Euler angles must be finite, were " + rot + ", " + tilt + ", " + psi);
    }

    public Rotation3 toMatrix() {
        double a = Math.toRadians(rot), b = Math.toRadians(tilt), g = Math.toRadians(psi);
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b);
        double cg = Math.cos(g), sg = Math.sin(g);
        double cc = cb * ca, cs = cb * sa, sc = sb * ca, ss = sb * sa;
        return Rotation3.of(
                cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb,
                -sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb,
                sc, ss, cb);
    }

    /** Projection direction (RELION's Euler_angles2direction): the third row of the matrix. */
    public Vector3 direction() { return direction(rot, tilt); }

    public static Vector3 direction(double rotDeg, double tiltDeg) {
        double a = Math.toRadians(rotDeg), b = Math.toRadians(tiltDeg);
        return new Vector3(Math.sin(b) * Math.cos(a), Math.sin(b) * Math.sin(a), Math.cos(b));
    }

    /**
     * (rot, tilt) of a direction, rot in [-180, 180], tilt in [0, 180]; rot is 0 at the poles
     * (within 0.001 degrees), as RELION's Euler_direction2angles does. psi of the result is 0.
     */
    public static EulerAngles fromDirection(Vector3 v) {
        Vector3 u = v.normalized();
        double r = Math.toDegrees(Math.atan2(u.y(), u.x()));
        double t = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, u.z()))));
        if (Math.abs(t) < 0.001 || Math.abs(t - 180) < 0.001) r = 0;
        return new EulerAngles(r, t, 0);
    }

    /**
     * Angles of a rotation matrix, as RELION's Euler_matrix2angles: rot and psi in [-180, 180],
     * tilt in [0, 180]. When sin(tilt) vanishes (gimbal lock) rot is set to 0 and psi carries the
     * whole rotation about z.
     */
    public static EulerAngles fromMatrix(Rotation3 a) {
        final double eps = Math.ulp(1.0f); // RELION compares against FLT_EPSILON
        double absSb = Math.hypot(a.get(0, 2), a.get(1, 2));
        double alpha, beta, gamma;
        if (absSb > 16 * eps) {
            gamma = Math.atan2(a.get(1, 2), -a.get(0, 2));
            alpha = Math.atan2(a.get(2, 1), a.get(2, 0));
            double signSb;
            if (Math.abs(Math.sin(gamma)) < eps) signSb = sgn(-a.get(0, 2) / Math.cos(gamma));
            else signSb = Math.sin(gamma) > 0 ? sgn(a.get(1, 2)) : -sgn(a.get(1, 2));
            beta = Math.atan2(signSb * absSb, a.get(2, 2));
        } else if (sgn(a.get(2, 2)) > 0) {
            alpha = 0;
            beta = 0;
            gamma = Math.atan2(-a.get(1, 0), a.get(0, 0));
        } else {
            alpha = 0;
            beta = Math.PI;
            gamma = Math.atan2(a.get(1, 0), -a.get(0, 0));
        }
        return new EulerAngles(Math.toDegrees(alpha), Math.toDegrees(beta), Math.toDegrees(gamma));
    }

    /** RELION's SGN: 0 counts as positive. */
    private static double sgn(double x) { return x >= 0 ? 1 : -1; }
}
