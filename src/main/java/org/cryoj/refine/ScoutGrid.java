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
 * scout posterior are then scored. A global search at order 3 with D2 scores 1,152 scouts and a few
 * dozen of its 9,216 orientations instead of all of them: by the same reasoning as RELION's own
 * coarse pass (a coarser grid on a window it can resolve ranks the poses as well), one level further.
 *
 * <p>Scout cells: the NESTED parent pixel of each direction of the search's asymmetric unit (the
 * parent's centre may lie outside it), with every second psi angle. Each orientation of the search
 * belongs to the two scouts of its parent direction nearest to it as rotations.
 */
final class ScoutGrid {
    /** Scout posterior mass whose cells are expanded: more than adaptive_fraction, a margin for the coarser grid. */
    static final double FRACTION = 0.99999;
    /** At least this many scout orientations (the best by their best translation) are expanded. */
    static final int MIN_CELLS = 8;
    /** Lowest order searched this way: below it the scout grid (30 degree steps) is too coarse to rank poses. */
    static final int MIN_ORDER = 3;

    private final List<Orientation> scouts;
    private final int[][] members;
    private final FourierRegion window;
    private final float[][] projections;

    private ScoutGrid(List<Orientation> scouts, int[][] members, FourierRegion window, float[][] projections) {
        this.scouts = scouts;
        this.members = members;
        this.window = window;
        this.projections = projections;
    }

    /**
     * The scout grid of a global search over {@code sampling}, projected from {@code projector} in
     * {@code window}; null below {@link #MIN_ORDER}.
     */
    static ScoutGrid of(OrientationSampling sampling, Projector projector, FourierRegion window) {
        if (sampling.order() < MIN_ORDER) return null;
        List<Orientation> fine = sampling.global();
        int nPsi = (int) Math.round(360 / sampling.coarseStep());
        int half = nPsi / 2;
        double scoutStep = 2 * sampling.coarseStep();
        HealpixGrid parentGrid = new HealpixGrid(sampling.order() - 1);
        org.cryoj.geometry.Rotation3 turn = fine.get(0).perturbation();
        Map<Long, Integer> parentIndex = new HashMap<>();
        List<Orientation> scouts = new ArrayList<>();
        List<List<Integer>> memberLists = new ArrayList<>();
        int directions = fine.size() / nPsi;
        for (int d = 0; d < directions; d++) {
            Orientation first = fine.get(d * nPsi);
            long parent = first.pixel() >> 2;
            Integer p = parentIndex.get(parent);
            if (p == null) {
                p = parentIndex.size();
                parentIndex.put(parent, p);
                HealpixGrid.Pixel c = parentGrid.pix2angNest(parent);
                double rot = Math.toDegrees(c.phi()), tilt = Math.toDegrees(Math.acos(c.z()));
                if (rot > 180) rot -= 360;
                for (int j = 0; j < half; j++) {
                    scouts.add(new Orientation(rot, tilt, j * scoutStep, sampling.order() - 1, parent, scoutStep, 0, turn));
                    memberLists.add(new ArrayList<>());
                }
            }
            // each orientation under the two scouts of its parent direction nearest as rotations: near the poles
            // the same psi is another in-plane turn at the parent's rot, so psi alone would pick far cells
            for (int k = 0; k < nPsi; k++) {
                int g = d * nPsi + k, base = p * half;
                double[][] mg = fine.get(g).matrix();
                int nearest = -1, next = -1;
                double d1 = Double.MAX_VALUE, d2 = Double.MAX_VALUE;
                for (int j = 0; j < half; j++) {
                    double dist = -trace(scouts.get(base + j).matrix(), mg);
                    if (dist < d1) { next = nearest; d2 = d1; nearest = j; d1 = dist; }
                    else if (dist < d2) { next = j; d2 = dist; }
                }
                memberLists.get(base + nearest).add(g);
                memberLists.get(base + next).add(g);
            }
        }
        int[][] members = new int[scouts.size()][];
        for (int s = 0; s < members.length; s++) members[s] = memberLists.get(s).stream().mapToInt(Integer::intValue).toArray();
        return new ScoutGrid(List.copyOf(scouts), members, window, ParticleExpectation.project(scouts, projector, window));
    }

    /** trace(a^T b): larger for closer rotations (the rotation angle is acos((trace - 1) / 2)). */
    private static double trace(double[][] a, double[][] b) {
        double t = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t += a[i][j] * b[i][j];
        return t;
    }

    List<Orientation> scouts() { return scouts; }

    /** Indices into the search's global orientations under scout {@code s}. */
    int[] members(int s) { return members[s]; }

    FourierRegion window() { return window; }

    /** Scout projections in {@link #window()}; the same array for every particle (a device backend keeps it resident). */
    float[][] projections() { return projections; }
}
