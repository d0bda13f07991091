package org.cryoj.geometry;

import java.util.Arrays;

/**
 * An immutable 3x3 matrix, row-major, used for rotations (det +1) and, in point groups with
 * mirrors or inversion, improper operators (det -1). {@code apply(v)} is the matrix times the
 * column vector v.
 */
public final class Rotation3 {
    public static final Rotation3 IDENTITY = new Rotation3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    private final double[] m;

    private Rotation3(double[] m) { this.m = m; }

    /** From nine elements in row-major order. */
    public static Rotation3 of(double... rowMajor) {
        if (rowMajor.length != 9) throw new IllegalArgumentException("a 3x3 matrix needs 9 elements, got " + rowMajor.length);
        return new Rotation3(rowMajor.clone());
    }

    /** Right-handed rotation by {@code angleDeg} about {@code axis} (Rodrigues' formula). */
    public static Rotation3 aboutAxis(Vector3 axis, double angleDeg) {
        Vector3 u = axis.normalized();
        double a = Math.toRadians(angleDeg), c = Math.cos(a), s = Math.sin(a), t = 1 - c;
        return new Rotation3(new double[] {
                t * u.x() * u.x() + c, t * u.x() * u.y() - s * u.z(), t * u.x() * u.z() + s * u.y(),
                t * u.x() * u.y() + s * u.z(), t * u.y() * u.y() + c, t * u.y() * u.z() - s * u.x(),
                t * u.x() * u.z() - s * u.y(), t * u.y() * u.z() + s * u.x(), t * u.z() * u.z() + c});
    }

    /** Reflection through the plane through the origin with normal {@code normal}: I - 2nn^T. */
    public static Rotation3 mirror(Vector3 normal) {
        Vector3 n = normal.normalized();
        double[] r = new double[9];
        double[] v = {n.x(), n.y(), n.z()};
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) r[3 * i + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j];
        return new Rotation3(r);
    }

    public double get(int row, int col) { return m[3 * row + col]; }

    public Vector3 row(int r) { return new Vector3(m[3 * r], m[3 * r + 1], m[3 * r + 2]); }

    public Rotation3 multiply(Rotation3 o) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[3 * i + j] = m[3 * i] * o.m[j] + m[3 * i + 1] * o.m[3 + j] + m[3 * i + 2] * o.m[6 + j];
        return new Rotation3(r);
    }

    public Rotation3 transpose() {
        return new Rotation3(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    public Vector3 apply(Vector3 v) {
        return new Vector3(m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
                m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
                m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
    }

    public double determinant() {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Largest absolute element-wise difference. */
    public double maxAbsDifference(Rotation3 o) {
        double d = 0;
        for (int i = 0; i < 9; i++) d = Math.max(d, Math.abs(m[i] - o.m[i]));
        return d;
    }

    /** Rotation angle in degrees of a proper rotation: atan2(sin, cos), accurate near 0 and 180. */
    public double rotationAngleDeg() {
        double c = (m[0] + m[4] + m[8] - 1) / 2;
        double s = Math.hypot(Math.hypot(m[7] - m[5], m[2] - m[6]), m[3] - m[1]) / 2;
        return Math.toDegrees(Math.atan2(s, c));
    }

    /** Elements with |x| below 1e-12 set to zero, so printed operators read 0 instead of 6e-17. */
    Rotation3 withSmallValuesZeroed() {
        double[] r = m.clone();
        for (int i = 0; i < 9; i++) if (Math.abs(r[i]) < 1e-12) r[i] = 0;
        return new Rotation3(r);
    }

    @Override public boolean equals(Object o) { return o instanceof Rotation3 r && Arrays.equals(m, r.m); }

    @Override public int hashCode() { return Arrays.hashCode(m); }

    @Override public String toString() {
        return String.format("[[%g, %g, %g], [%g, %g, %g], [%g, %g, %g]]", m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }
}
