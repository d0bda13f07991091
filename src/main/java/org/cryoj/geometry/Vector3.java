package org.cryoj.geometry;

/** A 3-vector (x, y, z). */
public record Vector3(double x, double y, double z) {

    public double dot(Vector3 o) { return x * o.x + y * o.y + z * o.z; }

    public double norm() { return Math.sqrt(dot(this)); }

    public Vector3 normalized() {
        double n = norm();
        if (!(n > 0)) throw new IllegalArgumentException("cannot normalise a zero vector");
        return new Vector3(x / n, y / n, z / n);
    }

    public Vector3 cross(Vector3 o) {
        return new Vector3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    /** Angle to another vector in degrees, robust near 0 and 180. */
    public double angleDegTo(Vector3 o) {
        return Math.toDegrees(Math.atan2(cross(o).norm(), dot(o)));
    }
}
