package org.cryoj.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * RELION's coarse orientation grid for 3D refinement at one HEALPix order: projection
 * directions at the centres of the NESTED HEALPix pixels (rot = phi, tilt = theta, in degrees,
 * rot wrapped to [-180, 180]), reduced to one asymmetric unit of the point group, and in-plane
 * angles psi = 0, step, 2 step ... with step = 360 / (6 * 2^order) (order 2: 192 directions in
 * C1, 15 degree steps, 24 psi angles).
 */
public final class HealpixSampling {
    /** RELION only removes seam duplicates below this many directions (too slow above, and rarely matters). */
    private static final int SEAM_CHECK_LIMIT = 4000;

    /** A projection direction of the grid, with its NESTED HEALPix pixel. */
    public record Direction(double rot, double tilt, long pixel) {
        public Vector3 vector() { return EulerAngles.direction(rot, tilt); }
    }

    /** Directions and psi angles with non-zero prior around a prior orientation, weights summing to 1 each. */
    public record LocalSearch(int[] directionIndices, double[] directionWeights, int[] psiIndices, double[] psiWeights) {}

    private final int order;
    private final SymmetryGroup symmetry;
    private final List<Direction> directions;
    private final double psiStep;
    private final double[] psi;
    private final double[] unitX, unitY, unitZ; // the directions' unit vectors, for the local-search scan

    /** Grids made so far, by order and point group: immutable, and a refinement asks for the same few every iteration. */
    private static final java.util.Map<String, HealpixSampling> MADE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The grid of this order and point group, made once per JVM (at HEALPix order 5 with D2, making
     * one takes over a second: the asymmetric unit's seam check compares every pair of directions).
     */
    public static HealpixSampling of(int order, SymmetryGroup symmetry) {
        return MADE.computeIfAbsent(order + " " + symmetry.name(), k -> new HealpixSampling(order, symmetry));
    }

    public HealpixSampling(int order, SymmetryGroup symmetry) {
        if (order < 0 || order > 8) throw new IllegalArgumentException("--healpix_order must be between 0 and 8, was " + order);
        HealpixGrid grid = new HealpixGrid(order);
        this.order = order;
        this.symmetry = symmetry;
        this.directions = List.copyOf(asymmetricUnit(grid, symmetry));
        unitX = new double[directions.size()];
        unitY = new double[directions.size()];
        unitZ = new double[directions.size()];
        for (int i = 0; i < directions.size(); i++) {
            Vector3 v = directions.get(i).vector();
            unitX[i] = v.x();
            unitY[i] = v.y();
            unitZ[i] = v.z();
        }
        int nPsi = 6 << order;
        this.psiStep = 360.0 / nPsi;
        this.psi = new double[nPsi];
        for (int i = 0; i < nPsi; i++) psi[i] = i * psiStep;
    }

    public int order() { return order; }
    public SymmetryGroup symmetry() { return symmetry; }
    public List<Direction> directions() { return directions; }
    public double[] psiAngles() { return psi.clone(); }

    /** The coarse angular step in degrees: 360 / (6 * 2^order) (RELION's getAngularSampling). */
    public double angularStep() { return psiStep; }

    /** Number of (direction, psi) pairs. */
    public long orientations() { return (long) directions.size() * psi.length; }

    private static List<Direction> asymmetricUnit(HealpixGrid grid, SymmetryGroup sym) {
        List<Direction> kept = new ArrayList<>();
        for (long pix = 0; pix < grid.npix(); pix++) {
            HealpixGrid.Pixel p = grid.pix2angNest(pix);
            double rot = Math.toDegrees(p.phi());
            double tilt = Math.toDegrees(Math.acos(p.z()));
            if (rot > 180) rot -= 360;
            Vector3 d = EulerAngles.direction(rot, tilt);
            if (AsymmetricUnit.contains(sym.family(), sym.order(), rot, tilt, d)) kept.add(new Direction(rot, tilt, pix));
        }
        if (kept.size() >= SEAM_CHECK_LIMIT) return kept;
        // Directions on the unit's borders can still be symmetry mates of one another: keep the
        // first of each set, "the same" meaning closer than half the largest pixel radius.
        double cosMax = Math.cos(0.5 * grid.maxPixelRadius());
        // (M u) . v = u . (M^T v) for each operator's linear map M: v's images are made once per direction,
        // and the pairwise test is dot products of plain arrays (no objects per pair)
        int ns = sym.size();
        Vector3[] axes = {new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1)};
        double[][][] columns = new double[ns][3][];
        for (int j = 0; j < ns; j++)
            for (int c = 0; c < 3; c++) {
                Vector3 col = sym.directionImage(j, axes[c]);
                columns[j][c] = new double[] {col.x(), col.y(), col.z()};
            }
        List<Direction> unique = new ArrayList<>();
        double[] ux = new double[kept.size()], uy = new double[kept.size()], uz = new double[kept.size()];
        double[] wx = new double[ns], wy = new double[ns], wz = new double[ns];
        for (Direction dir : kept) {
            Vector3 v = dir.vector();
            for (int j = 0; j < ns; j++) {
                double[][] m = columns[j];
                wx[j] = v.x() * m[0][0] + v.y() * m[0][1] + v.z() * m[0][2];
                wy[j] = v.x() * m[1][0] + v.y() * m[1][1] + v.z() * m[1][2];
                wz[j] = v.x() * m[2][0] + v.y() * m[2][1] + v.z() * m[2][2];
            }
            boolean isNew = true;
            for (int k = unique.size() - 1; k >= 0 && isNew; k--)
                for (int j = 0; j < ns && isNew; j++)
                    if (ux[k] * wx[j] + uy[k] * wy[j] + uz[k] * wz[j] > cosMax) isNew = false;
            if (isNew) {
                ux[unique.size()] = v.x();
                uy[unique.size()] = v.y();
                uz[unique.size()] = v.z();
                unique.add(dir);
            }
        }
        return unique;
    }

    /**
     * Local search around a prior as RELION's selectOrientationsWithNonZeroPriorProbability with
     * priors on rot, tilt and psi: directions whose nearest symmetry mate lies within
     * sigmaCutoff * sigmaDirection degrees of the prior direction, psi angles within
     * sigmaCutoff * sigmaPsi of the prior psi, each weighted by a Gaussian of the angular
     * distance and normalised to sum 1. When nothing is in range the nearest one is taken.
     */
    public LocalSearch localSearch(EulerAngles prior, double sigmaDirection, double sigmaPsi, double sigmaCutoff) {
        if (!(sigmaDirection > 0) || !(sigmaPsi > 0))
            throw new IllegalArgumentException("--sigma_ang must be > 0 degrees for a local search, was " + sigmaDirection + "/" + sigmaPsi);
        if (!(sigmaCutoff > 0)) throw new IllegalArgumentException("--sigma_cutoff must be > 0, was " + sigmaCutoff);
        Vector3 p = prior.direction();
        // p . (M v) = (M^T p) . v for each symmetry operator's linear map M: the prior's images are made
        // once, and each grid direction costs a few dot products (the scan runs over every direction of
        // the grid, 196,608 at order 7, for every particle)
        int ns = symmetry.size();
        double[] qx = new double[ns + 1], qy = new double[ns + 1], qz = new double[ns + 1];
        qx[0] = p.x(); qy[0] = p.y(); qz[0] = p.z();
        for (int j = 0; j < ns; j++) {
            qx[j + 1] = p.dot(symmetry.directionImage(j, new Vector3(1, 0, 0)));
            qy[j + 1] = p.dot(symmetry.directionImage(j, new Vector3(0, 1, 0)));
            qz[j + 1] = p.dot(symmetry.directionImage(j, new Vector3(0, 0, 1)));
        }
        double limit = sigmaCutoff * sigmaDirection;
        // only directions this close are worth an arc cosine (the margin covers rounding; the test below is on the angle)
        double cosLimit = Math.cos(Math.toRadians(Math.min(180, limit))) - 1e-9;
        List<Integer> dirIdx = new ArrayList<>();
        List<Double> dirW = new ArrayList<>();
        int nearest = -1;
        double nearestBest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < directions.size(); i++) {
            double vx = unitX[i], vy = unitY[i], vz = unitZ[i];
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= ns; j++) best = Math.max(best, qx[j] * vx + qy[j] * vy + qz[j] * vz);
            if (best > cosLimit) {
                double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, best))));
                if (angle < limit) {
                    dirIdx.add(i);
                    dirW.add(gaussian(angle, sigmaDirection));
                }
            }
            if (best > nearestBest) {
                nearestBest = best;
                nearest = i;
            }
        }
        if (dirIdx.isEmpty()) {
            dirIdx.add(nearest);
            dirW.add(1.0);
        }
        List<Integer> psiIdx = new ArrayList<>();
        List<Double> psiW = new ArrayList<>();
        int nearestPsi = -1;
        double nearestPsiDiff = Double.MAX_VALUE;
        for (int i = 0; i < psi.length; i++) {
            double diff = Math.abs(psi[i] - prior.psi()) % 360;
            if (diff > 180) diff = 360 - diff;
            if (diff < sigmaCutoff * sigmaPsi) {
                psiIdx.add(i);
                psiW.add(gaussian(diff, sigmaPsi));
            }
            if (diff < nearestPsiDiff) {
                nearestPsiDiff = diff;
                nearestPsi = i;
            }
        }
        if (psiIdx.isEmpty()) {
            psiIdx.add(nearestPsi);
            psiW.add(1.0);
        }
        return new LocalSearch(toInts(dirIdx), normalised(dirW), toInts(psiIdx), normalised(psiW));
    }

    /** RELION's local search with one sigma for directions and psi and its default cutoff of 3 sigma. */
    public LocalSearch localSearch(EulerAngles prior, double sigmaDeg) { return localSearch(prior, sigmaDeg, sigmaDeg, 3); }

    private static double gaussian(double x, double sigma) { return Math.exp(-x * x / (2 * sigma * sigma)); }

    private static int[] toInts(List<Integer> l) { return l.stream().mapToInt(Integer::intValue).toArray(); }

    private static double[] normalised(List<Double> l) {
        double sum = l.stream().mapToDouble(Double::doubleValue).sum();
        return l.stream().mapToDouble(w -> w / sum).toArray();
    }
}
