package org.cryoj.map.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;

/**
 * Where the chain of one asymmetric unit may go, and its shape. The domain centre lies off the
 * symmetry centre in a fixed direction, so far out that its nearest symmetry image is
 * {@code spacing} equivalent diameters away. The chain may go anywhere closer to its own centre
 * than to any of the centre's images, less a margin: those cells are permuted by the symmetry
 * operators, so the copies of anything inside stay 2 x margin apart and never overlap. Within
 * its cell the chain grows in layers of an ellipsoid (semi-axes 1.25 : 1 : 0.8 in a random
 * orientation; {@link #radius}), which makes each domain a compact, anisotropic globule.
 */
final class Domain {
    /**
     * Preferred direction of the domain centre: for D2 its images lie 1.2 to 1.9 apart (in units
     * of its distance from the centre), and it is 22 degrees from the 3-fold axis (1,1,1) of the
     * octahedral group, so the D2 arrangement of four domains is far from tetrahedral (or D4).
     */
    static final double[] DIRECTION = ChainBuilder.normalise(new double[] {0.8, 0.5, 0.33});
    /** Half the closest distance between atoms of different copies. */
    static final double MARGIN = 1.6;
    /** Outer limit in ellipsoidal radius: room enough that the chain never meets it. */
    static final double HARD = 3;

    private final double[] centre;
    private final double[][] axes = new double[3][];   // rows: unit axes
    private final double[] semi = new double[3];
    private final List<double[]> planeNormals = new ArrayList<>();
    private final List<Double> planeOffsets = new ArrayList<>();

    /**
     * @param volume  volume of the unit ellipsoid (radius 1), Å³: about that of the chain
     * @param spacing distance between the domain centre and its nearest symmetry image, in units
     *                of the ellipsoid's equivalent diameter (below 1: the domains touch)
     */
    Domain(SymmetryGroup group, double volume, double spacing, Random rnd) {
        double r = StrictMath.cbrt(3 * volume / (4 * Math.PI) / (1.25 * 0.8));
        semi[0] = 1.25 * r;
        semi[1] = r;
        semi[2] = 0.8 * r;
        double req = StrictMath.cbrt(3 * volume / (4 * Math.PI));
        double[] dir = direction(group);
        double nearest = separation(group, dir);
        double dist = Double.isInfinite(nearest) ? 0 : spacing * 2 * req / nearest;
        centre = new double[] {dist * dir[0], dist * dir[1], dist * dir[2]};
        for (Rotation3 op : group.operators()) {
            if (op.maxAbsDifference(Rotation3.IDENTITY) < 1e-9) continue;
            double[] image = apply(op, centre);
            double d = Math.sqrt(dist2(image, centre));
            if (d < 1e-9) {
                if (dist > 0) throw new IllegalStateException("the domain centre lies on a symmetry element of " + group.name());
                continue;
            }
            double[] nrm = {(image[0] - centre[0]) / d, (image[1] - centre[1]) / d, (image[2] - centre[2]) / d};
            double[] mid = {(image[0] + centre[0]) / 2, (image[1] + centre[1]) / 2, (image[2] + centre[2]) / 2};
            planeNormals.add(nrm);
            planeOffsets.add(ChainBuilder.dot(nrm, mid) - MARGIN);
        }
        // random orientation from a random unit quaternion
        double qw = rnd.nextGaussian(), qx = rnd.nextGaussian(), qy = rnd.nextGaussian(), qz = rnd.nextGaussian();
        double qn = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        qw /= qn; qx /= qn; qy /= qn; qz /= qn;
        axes[0] = new double[] {1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy + qw * qz), 2 * (qx * qz - qw * qy)};
        axes[1] = new double[] {2 * (qx * qy - qw * qz), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz + qw * qx)};
        axes[2] = new double[] {2 * (qx * qz + qw * qy), 2 * (qy * qz - qw * qx), 1 - 2 * (qx * qx + qy * qy)};
    }

    double[] centre() { return centre.clone(); }

    /** Ellipsoidal radius: 0 at the centre, 1 on the ellipsoid's surface. */
    double radius(double[] p) {
        double[] d = ChainBuilder.sub(p, centre);
        double e = 0;
        for (int k = 0; k < 3; k++) {
            double t = ChainBuilder.dot(d, axes[k]) / semi[k];
            e += t * t;
        }
        return Math.sqrt(e);
    }

    boolean contains(double[] p) {
        if (radius(p) > HARD) return false;
        for (int k = 0; k < planeNormals.size(); k++)
            if (ChainBuilder.dot(planeNormals.get(k), p) > planeOffsets.get(k)) return false;
        return true;
    }

    double[] boundingMin() {
        double a = HARD * semi[0] + 1;
        return new double[] {centre[0] - a, centre[1] - a, centre[2] - a};
    }

    double[] boundingMax() {
        double a = HARD * semi[0] + 1;
        return new double[] {centre[0] + a, centre[1] + a, centre[2] + a};
    }

    /**
     * {@link #DIRECTION}, unless an operator of the group brings it closer to itself than 0.6
     * times the best separation any direction has (e.g. near a 3-fold axis of T, O or I); then
     * the direction nearest to it, of 4,000 spread over the sphere, that is separated that well.
     */
    static double[] direction(SymmetryGroup group) {
        int m = 4000;
        double[][] pts = new double[m][];
        double[] sep = new double[m];
        double best = 0;
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int k = 0; k < m; k++) {
            double z = 1 - (2 * k + 1) / (double) m, r = Math.sqrt(1 - z * z);
            pts[k] = new double[] {r * StrictMath.cos(golden * k), r * StrictMath.sin(golden * k), z};
            sep[k] = separation(group, pts[k]);
            best = Math.max(best, sep[k]);
        }
        if (Double.isInfinite(best) || separation(group, DIRECTION) >= 0.6 * best) return DIRECTION.clone();
        double[] chosen = null;
        double closest = -2;
        for (int k = 0; k < m; k++) {
            double c = ChainBuilder.dot(pts[k], DIRECTION);
            if (sep[k] >= 0.6 * best && c > closest) { closest = c; chosen = pts[k]; }
        }
        return chosen;
    }

    /** Distance from a unit vector to its nearest image under the group's other operators; infinite for C1. */
    static double separation(SymmetryGroup group, double[] unit) {
        double nearest = Double.POSITIVE_INFINITY;
        for (Rotation3 op : group.operators()) {
            if (op.maxAbsDifference(Rotation3.IDENTITY) < 1e-9) continue;
            nearest = Math.min(nearest, Math.sqrt(dist2(apply(op, unit), unit)));
        }
        return nearest;
    }

    static double[] apply(Rotation3 r, double[] v) {
        return new double[] {r.get(0, 0) * v[0] + r.get(0, 1) * v[1] + r.get(0, 2) * v[2],
                r.get(1, 0) * v[0] + r.get(1, 1) * v[1] + r.get(1, 2) * v[2],
                r.get(2, 0) * v[0] + r.get(2, 1) * v[1] + r.get(2, 2) * v[2]};
    }

    private static double dist2(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }
}
