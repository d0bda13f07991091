package org.cryoj.refine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.geometry.HealpixGrid;
import org.cryoj.reconstruct.Projector;

/**
 * A global search one HEALPix order coarser, scored first on the smaller window its step warrants:
 * only the orientations of the search's own grid under the scout cells that hold nearly all of the
 * scout posterior are then scored. A global search at order 3 with D2 scores 1,296 scouts and a few
 * dozen of its 9,216 orientations instead of all of them. The reasoning is RELION's own coarse pass (a
 * coarser grid on a window it can resolve ranks the poses as well), one level further. Local searches
 * are not scouted: their 3-sigma neighbourhoods hold few more orientations than their posteriors
 * reach (on noisy atomic-detail particles at order 4 a scout pass still expanded 90% of them).
 *
 * <p>Scout cells: the NESTED parent pixel of each direction searched (its centre may lie outside the
 * asymmetric unit) with every second psi angle. Each orientation belongs to the two scouts of its
 * parent direction nearest to it as rotations: near the poles the same psi is another in-plane turn
 * at the parent's rot, so psi alone would pick far cells.
 */
final class ScoutGrid {
    /** Scout posterior mass whose cells are expanded: more than adaptive_fraction, a margin for the coarser grid. */
    static final double FRACTION = 0.99999;
    /** At least this many scout orientations (the best by their best translation) are expanded. */
    static final int MIN_CELLS = 8;
    /** Lowest order searched this way: below it the scout grid (30 degree steps) is too coarse to rank poses. */
    static final int MIN_ORDER = 3;

    /** Scouts over orientations of one order, and per scout the indices of the orientations under it. */
    record Cells(List<Orientation> scouts, int[][] members) {}

    private final FourierRegion window;
    private final Cells cells;
    private final float[][] projections;

    private ScoutGrid(FourierRegion window, Cells cells, float[][] projections) {
        this.window = window;
        this.cells = cells;
        this.projections = projections;
    }

    /** The scout grid of a global search over {@code sampling}, its scouts projected in {@code window}; null below {@link #MIN_ORDER}. */
    static ScoutGrid global(OrientationSampling sampling, Projector projector, FourierRegion window) {
        if (sampling.order() < MIN_ORDER) return null;
        Cells cells = cellsOf(sampling.global());
        return new ScoutGrid(window, cells, ParticleExpectation.project(cells.scouts(), projector, window));
    }

    /** The scouts and which orientations of the search lie under each. */
    Cells cells() { return cells; }

    /** Scout projections in {@link #window()}: the same array for every particle (a device backend keeps it resident). */
    float[][] projections() { return projections; }

    FourierRegion window() { return window; }

    /** The scouts over {@code fine} (orientations of one order and psi step), each scout's prior the largest of its members'. */
    static Cells cellsOf(List<Orientation> fine) {
        Orientation f0 = fine.get(0);
        int order = f0.order();
        double step = 2 * f0.psiStep();
        int half = (int) Math.round(360 / step);
        HealpixGrid parentGrid = new HealpixGrid(order - 1);
        org.cryoj.geometry.Rotation3 turn = f0.perturbation();
        Map<Long, double[][][]> probes = new HashMap<>();
        Map<Long, Integer> index = new HashMap<>();
        List<long[]> keys = new ArrayList<>();
        List<List<Integer>> memberLists = new ArrayList<>();
        List<Double> priors = new ArrayList<>();
        for (int g = 0; g < fine.size(); g++) {
            Orientation o = fine.get(g);
            long parent = o.pixel() >> 2;
            // trace(R(psi)^T M) = a cos psi + b sin psi + c for the parent direction's rotations R(psi): three probes
            // give the best psi, and the two scout psi angles around it are the nearest scouts
            double[][][] probe = probes.computeIfAbsent(parent, p -> {
                double[] dir = direction(parentGrid, p);
                return new double[][][] {matrix(dir, 0, order, p, turn), matrix(dir, 90, order, p, turn), matrix(dir, 180, order, p, turn)};
            });
            double[][] m = o.matrix();
            double t0 = trace(probe[0], m), t90 = trace(probe[1], m), t180 = trace(probe[2], m);
            double a = (t0 - t180) / 2, b = t90 - (t0 + t180) / 2;
            double best = Math.toDegrees(Math.atan2(b, a));
            if (best < 0) best += 360;
            int j0 = (int) Math.floor(best / step) % half, j1 = (j0 + 1) % half;
            for (int j : new int[] {j0, j1}) {
                long key = parent * half + j;
                Integer s = index.get(key);
                if (s == null) {
                    s = keys.size();
                    index.put(key, s);
                    keys.add(new long[] {parent, j});
                    memberLists.add(new ArrayList<>());
                    priors.add(Double.NEGATIVE_INFINITY);
                }
                memberLists.get(s).add(g);
                priors.set(s, Math.max(priors.get(s), o.logPrior()));
            }
        }
        List<Orientation> scouts = new ArrayList<>(keys.size());
        int[][] members = new int[keys.size()][];
        for (int s = 0; s < keys.size(); s++) {
            double[] dir = direction(parentGrid, keys.get(s)[0]);
            scouts.add(new Orientation(dir[0], dir[1], keys.get(s)[1] * step, order - 1, keys.get(s)[0], step, priors.get(s), turn));
            members[s] = memberLists.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Cells(List.copyOf(scouts), members);
    }

    /** rot and tilt (degrees) of a NESTED pixel's centre, rot in (-180, 180] as the grids have it. */
    private static double[] direction(HealpixGrid grid, long pixel) {
        HealpixGrid.Pixel c = grid.pix2angNest(pixel);
        double rot = Math.toDegrees(c.phi()), tilt = Math.toDegrees(Math.acos(c.z()));
        return new double[] {rot > 180 ? rot - 360 : rot, tilt};
    }

    private static double[][] matrix(double[] dir, double psi, int order, long pixel, org.cryoj.geometry.Rotation3 turn) {
        return new Orientation(dir[0], dir[1], psi, order - 1, pixel, 0, 0, turn).matrix();
    }

    /** trace(a^T b): larger for closer rotations (the rotation angle is acos((trace - 1) / 2)). */
    private static double trace(double[][] a, double[][] b) {
        double t = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t += a[i][j] * b[i][j];
        return t;
    }
}
