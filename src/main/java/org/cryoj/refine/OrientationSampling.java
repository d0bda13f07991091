package org.cryoj.refine;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.HealpixGrid;
import org.cryoj.geometry.HealpixSampling;
import org.cryoj.geometry.SymmetryGroup;

/**
 * The coarse orientations of one HEALPix order (global: the asymmetric unit times all psi; local:
 * a Gaussian prior around a particle's previous orientation) and their oversampled children:
 * the 4^q NESTED sub-pixels of the direction at order + q, and 2^q psi angles around psi.
 * With a random perturbation r (RELION's --perturb), every orientation is turned by
 * R(p, p, p), p = r x the coarse step, and translations are shifted by r x the offset step.
 */
public final class OrientationSampling {
    private final HealpixSampling coarse;
    private final int oversampling;
    private final HealpixGrid fineGrid;
    private final double perturbation;
    private final Rotation3 turn;
    private volatile List<Orientation> global;

    /** A fixed grid. */
    public OrientationSampling(int order, SymmetryGroup symmetry, int oversampling) {
        this(order, symmetry, oversampling, 0);
    }

    /** A grid perturbed by {@code perturbation} (in [-1, 1], a fraction of a step). */
    public OrientationSampling(int order, SymmetryGroup symmetry, int oversampling, double perturbation) {
        this.coarse = HealpixSampling.of(order, symmetry);
        this.oversampling = oversampling;
        this.fineGrid = new HealpixGrid(order + oversampling);
        this.perturbation = perturbation;
        double p = perturbation * coarse.angularStep();
        this.turn = perturbation == 0 ? null : new EulerAngles(p, p, p).toMatrix();
    }

    /**
     * RELION's random_perturbation of one iteration: factor x U(-1, 1), drawn from the run's seed and
     * the iteration, so --continue draws the same.
     */
    public static double randomPerturbation(double factor, long seed, int iteration) {
        if (factor == 0) return 0;
        // SplittableRandom mixes its seed: java.util.Random's first draws for neighbouring seeds are nearly equal
        return factor * (2 * new java.util.SplittableRandom(seed * 1_000_003L + iteration).nextDouble() - 1);
    }

    /** This grid's perturbation, a fraction of a step (0: fixed grid). */
    public double perturbation() { return perturbation; }

    public int order() { return coarse.order(); }

    /** The coarse step, 360 / (6 2^order) degrees. */
    public double coarseStep() { return coarse.angularStep(); }

    /** The step after oversampling (RELION's getAngularSampling(adaptive_oversampling)). */
    public double fineStep() { return coarse.angularStep() / (1 << oversampling); }

    /**
     * Every direction of the asymmetric unit with every psi, uniform prior. Made on first use:
     * local searches never need it, and at high orders it is large (2.4 million orientations at
     * order 6 with D2).
     */
    public List<Orientation> global() {
        List<Orientation> g = global;
        if (g == null) {
            synchronized (this) {
                if (global == null) {
                    List<Orientation> all = new ArrayList<>(globalSize());
                    double step = coarse.angularStep();
                    for (HealpixSampling.Direction d : coarse.directions())
                        for (double psi : coarse.psiAngles()) all.add(new Orientation(d.rot(), d.tilt(), psi, order(), d.pixel(), step, 0, turn));
                    global = List.copyOf(all);
                }
                g = global;
            }
        }
        return g;
    }

    /** The number of orientations of a global search, without making them. */
    public int globalSize() { return coarse.directions().size() * coarse.psiAngles().length; }

    /** Directions and psi within 3 sigma of the prior, with log Gaussian prior weights. */
    public List<Orientation> local(EulerAngles prior, double sigmaDeg) {
        HealpixSampling.LocalSearch ls = coarse.localSearch(prior, sigmaDeg);
        double[] psi = coarse.psiAngles();
        double step = coarse.angularStep();
        List<Orientation> out = new ArrayList<>(ls.directionIndices().length * ls.psiIndices().length);
        for (int i = 0; i < ls.directionIndices().length; i++) {
            HealpixSampling.Direction d = coarse.directions().get(ls.directionIndices()[i]);
            for (int j = 0; j < ls.psiIndices().length; j++)
                out.add(new Orientation(d.rot(), d.tilt(), psi[ls.psiIndices()[j]], order(), d.pixel(), step,
                        Math.log(ls.directionWeights()[i] * ls.psiWeights()[j]), turn));
        }
        return out;
    }

    /** The oversampled children of a coarse orientation; they keep its prior. */
    public List<Orientation> children(Orientation o) {
        int nd = 1 << (2 * oversampling), np = 1 << oversampling;
        List<Orientation> out = new ArrayList<>(nd * np);
        for (int c = 0; c < nd; c++) {
            long pix = (o.pixel() << (2 * oversampling)) + c;
            HealpixGrid.Pixel p = fineGrid.pix2angNest(pix);
            double rot = Math.toDegrees(p.phi()), tilt = Math.toDegrees(Math.acos(p.z()));
            if (rot > 180) rot -= 360;
            for (int j = 0; j < np; j++) {
                double psi = o.psi() + o.psiStep() * ((j + 0.5) / np - 0.5);
                out.add(new Orientation(rot, tilt, psi, o.order() + oversampling, pix, o.psiStep() / np, o.logPrior(), o.perturbation()));
            }
        }
        return out;
    }
}
