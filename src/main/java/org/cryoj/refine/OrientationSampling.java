package org.cryoj.refine;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.HealpixGrid;
import org.cryoj.geometry.HealpixSampling;
import org.cryoj.geometry.SymmetryGroup;

/**
 * The coarse orientations of one HEALPix order (global: the asymmetric unit times all psi; local:
 * a Gaussian prior around a particle's previous orientation) and their oversampled children:
 * the 4^q NESTED sub-pixels of the direction at order + q, and 2^q psi angles around psi.
 */
public final class OrientationSampling {
    private final HealpixSampling coarse;
    private final int oversampling;
    private final HealpixGrid fineGrid;
    private volatile List<Orientation> global;

    public OrientationSampling(int order, SymmetryGroup symmetry, int oversampling) {
        this.coarse = new HealpixSampling(order, symmetry);
        this.oversampling = oversampling;
        this.fineGrid = new HealpixGrid(order + oversampling);
    }

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
                        for (double psi : coarse.psiAngles()) all.add(new Orientation(d.rot(), d.tilt(), psi, order(), d.pixel(), step, 0));
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
                        Math.log(ls.directionWeights()[i] * ls.psiWeights()[j])));
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
                out.add(new Orientation(rot, tilt, psi, o.order() + oversampling, pix, o.psiStep() / np, o.logPrior()));
            }
        }
        return out;
    }
}
