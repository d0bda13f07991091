package org.cryoj.refine;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;

/**
 * One iteration's E-step as data: what every particle's expectation needs (both half-sets'
 * references and noise models, the sampling, the particles' previous poses and norm corrections)
 * and how the particles are split into <em>slots</em>. Slot t of a half-set holds its particle
 * batches (of --pool particles) t, t + S, t + 2S, ... in order, S = {@link #slots(int)}; each slot
 * fills its own {@link SlotSums} and {@link ExpectationSums} adds the slots in a fixed tree.
 * So the sums, and the whole refinement, depend on the number of slots but not on where or in
 * which order the slots run: the local run's slots are its --j threads, a Spark run's its partitions
 * (org.cryoj.spark), and a Spark run with S partitions gives the local run with --j S bit for bit.
 *
 * <p>Serializable: a cluster broadcasts it once per iteration. What is derived from it (the
 * projectors and a global search's projections) each JVM makes for itself with {@link #model}.
 */
public final class ExpectationPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What one half-set brings to the E-step. */
    private record Half(int number, int[] members, FloatVolume reference, double[][] sigma2, double sigmaOffset, double averageNorm,
                        double[] groupScale) implements Serializable {}

    private final int iteration, box, coarseSize, currentSize, scoutSize, padding, oversampling, pool, slots, groups;
    private final double pixelSize, perturbation, adaptiveFraction, particleDiameter, flatSpreadPmax;
    private final SamplingState sampling;
    private final String symmetry;
    private final boolean crossCorrelation, ctf, zeroMask, normCorrection;
    private final long seed;
    private final Half half1, half2;
    private final Pose[] priors;
    private final double[] norms;
    /** Projectors this JVM made already for the references at the current size, by half (see {@link #useProjectors}). */
    private transient Projector[] made;

    ExpectationPlan(RefineSettings s, int iteration, int box, double pixelSize, int groups, int coarseSize, int currentSize, int scoutSize,
                    SamplingState sampling, double perturbation, boolean crossCorrelation, HalfSet h1, HalfSet h2, Pose[] priors,
                    double[] norms, int slots) {
        if (slots < 1) throw new IllegalArgumentException("an E-step needs at least one slot, was " + slots);
        this.iteration = iteration;
        this.box = box;
        this.pixelSize = pixelSize;
        this.groups = groups;
        this.coarseSize = coarseSize;
        this.currentSize = currentSize;
        this.scoutSize = scoutSize;
        this.padding = s.padding();
        this.oversampling = s.oversampling();
        this.pool = s.pool();
        this.slots = slots;
        this.perturbation = perturbation;
        this.adaptiveFraction = s.adaptiveFraction();
        this.particleDiameter = s.particleDiameter();
        this.flatSpreadPmax = s.exhaustiveSearch() ? 0 : ParticleExpectation.FLAT_SPREAD_PMAX;
        this.sampling = sampling;
        this.symmetry = s.symmetry();
        this.crossCorrelation = crossCorrelation;
        this.ctf = s.ctf();
        this.zeroMask = s.zeroMask();
        this.normCorrection = s.normCorrection();
        this.seed = s.randomSeed() + 7919L * iteration;
        this.half1 = half(h1);
        this.half2 = half(h2);
        this.priors = priors;
        this.norms = norms;
    }

    private static Half half(HalfSet h) {
        return new Half(h.number(), h.members(), h.reference(), h.sigma2(), h.sigmaOffset(), h.averageNorm(), h.groupScale());
    }

    private Half half(int which) {
        if (which != 1 && which != 2) throw new IllegalArgumentException("half-set must be 1 or 2, was " + which);
        return which == 1 ? half1 : half2;
    }

    /** The iteration this plan is for. */
    public int iteration() { return iteration; }

    /** The number of particles in both half-sets. */
    public int particles() { return half1.members().length + half2.members().length; }

    /** Slots of half-set {@code half}: the plan's slot count, or fewer when the half has fewer batches (at least 1). */
    public int slots(int half) {
        int batches = (half(half).members().length + pool - 1) / pool;
        return Math.min(slots, Math.max(1, batches));
    }

    /** The particles (indices into the particle set) of slot {@code slot} of half-set {@code half}, in the order they are added. */
    public int[] particles(int half, int slot) {
        int[] members = half(half).members();
        int step = slots(half), batches = (members.length + pool - 1) / pool;
        if (slot < 0 || slot >= step) throw new IllegalArgumentException("slot " + slot + " outside 0 .. " + (step - 1));
        int[] out = new int[members.length];
        int n = 0;
        for (int b = slot; b < batches; b += step)
            for (int m = b * pool; m < Math.min(members.length, (b + 1) * pool); m++) out[n++] = members[m];
        return Arrays.copyOf(out, n);
    }

    /**
     * What the E-step of one half-set derives from the plan (projectors, a global search's coarse and
     * shared fine projections): large (tens of MB in a global search), made once per JVM and half-set
     * and shared by the threads that run its slots.
     */
    public static final class Model {
        private final ExpectationPlan plan;
        private final int half;
        private final IterationModel model;
        private final FourierGrid grid;

        private Model(ExpectationPlan plan, int half, IterationModel model, FourierGrid grid) {
            this.plan = plan;
            this.half = half;
            this.model = model;
            this.grid = grid;
        }

        public int half() { return half; }
    }

    /**
     * Projectors of the half-sets' references at this plan's padding and current size that this JVM has made already (the
     * accuracy estimate's, before the E-step), for {@link #model} to use instead of transforming the padded maps again; one
     * that is not that reference's at that size is ignored. Each is dropped once its half's model is made, and none is sent
     * to a cluster.
     */
    void useProjectors(FloatVolume reference1, Projector projector1, FloatVolume reference2, Projector projector2) {
        made = new Projector[] {fits(half1, reference1, projector1) ? projector1 : null, fits(half2, reference2, projector2) ? projector2 : null};
    }

    private boolean fits(Half h, FloatVolume reference, Projector p) {
        return p != null && h.reference() == reference && p.grid().equals(new FourierGrid(box, padding, fineRMax()));
    }

    /** The fine projector's frequency limit: the current size's Nyquist, at least 1. */
    private int fineRMax() { return Math.max(1, currentSize / 2); }

    /** The derived model of half-set {@code half} (see {@link Model}). */
    public Model model(int half) {
        Half h = half(half);
        Projector fineProjector = made == null ? null : made[half - 1];
        if (made != null) made[half - 1] = null;
        if (fineProjector == null) fineProjector = Projector.of(h.reference(), padding, fineRMax());
        // a coarse projector up to the fine one's radius is cut from it (the same values, not transformed again), and is the
        // fine one itself where the passes share the size (local searches: half the memory the projections read from cache)
        int coarseRMax = Math.max(1, coarseSize / 2);
        Projector coarseProjector = coarseRMax <= fineProjector.grid().rMax() ? fineProjector.restricted(coarseRMax)
                : Projector.of(h.reference(), padding, coarseRMax);
        FourierRegion coarse = FourierRegion.ofSize(box, coarseSize), fine = FourierRegion.ofSize(box, currentSize);
        OrientationSampling orientations = orientations();
        float[][] global = sampling.localSearches() ? null : ParticleExpectation.project(orientations.global(), coarseProjector, coarse);
        double[][] invSigma2 = new double[h.sigma2().length][];
        for (int g = 0; g < invSigma2.length; g++) {
            invSigma2[g] = new double[h.sigma2()[g].length];
            for (int i = 0; i < invSigma2[g].length; i++) invSigma2[g][i] = 1 / h.sigma2()[g][i];
        }
        // flat posteriors of global searches are spread over their children unscored (flatSpreadPmax 0 with --exhaustive_search)
        IterationModel unscouted = new IterationModel(box, pixelSize, coarse, fine, coarseProjector, fineProjector, orientations, sampling,
                oversampling, adaptiveFraction, global,
                global == null ? null : GlobalFineProjections.of(orientations, fineProjector, fine, GlobalFineProjections.BUDGET_BYTES),
                invSigma2, h.sigmaOffset(), crossCorrelation, ctf, Maximisation.particleMask(box, particleDiameter, pixelSize), zeroMask,
                seed, normCorrection, h.averageNorm(), h.groupScale()).withFlatSpread(flatSpreadPmax);
        // scoutSize 0: every coarse sample on the whole coarse window, as RELION; else a global search at order 3 and up scores a grid one order coarser first
        // (ScoutGrid), a local search every sample on a ladder of windows up to scoutSize first
        IterationModel model = scoutSize == 0 ? unscouted
                : sampling.localSearches() ? unscouted.withLocalScout(ParticleExpectation.localScoutSizes(scoutSize).stream()
                        .map(size -> FourierRegion.ofSize(box, size)).toList())
                : unscouted.withScout(ScoutGrid.global(orientations, coarseProjector, FourierRegion.ofSize(box, scoutSize)));
        return new Model(this, half, model, new FourierGrid(box, padding, fineRMax()));
    }

    /** This iteration's orientation grid. */
    OrientationSampling orientations() {
        return new OrientationSampling(sampling.healpixOrder(), SymmetryGroup.parse(symmetry), oversampling, perturbation);
    }

    /** Polled between particle batches of a slot. */
    public interface Progress {
        /** True stops the slot with a {@link CancellationException}. */
        default boolean cancelled() { return false; }

        /** {@code count} more particles are done. */
        default void particlesDone(int count) {}

        Progress NONE = new Progress() {};
    }

    /**
     * Runs slot {@code slot} of {@code model}'s half-set on the calling thread: every particle of
     * the slot aligned and added to the slot's own sums.
     */
    public SlotSums run(Model model, int slot, ParticleSource particles, ExpectationBackend backend, Progress progress) throws IOException {
        if (model.plan != this) throw new IllegalArgumentException("model of another plan");
        int half = model.half;
        int[] ids = particles(half, slot);
        HalfAccumulator a = new HalfAccumulator(model.grid, groups, box / 2 + 1);
        ParticleExpectation e = new ParticleExpectation(model.model, backend);
        Pose[] poses = new Pose[ids.length];
        double[] pmax = new double[ids.length], dll = new double[ids.length], norm = new double[ids.length];
        int[] nsig = new int[ids.length];
        for (int first = 0; first < ids.length; first += pool) {
            if (progress.cancelled()) throw new CancellationException();
            int last = Math.min(ids.length, first + pool);
            for (int m = first; m < last; m++) {
                int i = ids[m];
                ParticleExpectation.Prepared img = e.prepare(i, particles.particle(i), particles.read(i), norms[i]);
                ParticleExpectation.Result r = e.align(img, priors[i], a);
                poses[m] = r.pose();
                pmax[m] = r.pmax();
                nsig[m] = r.significantSamples();
                dll[m] = r.logLikelihood();
                norm[m] = r.norm();
            }
            progress.particlesDone(last - first);
        }
        a.flushSlices();
        return new SlotSums(half, slot, a, ids, poses, pmax, nsig, dll, norm);
    }

    /** Empty sums for this plan, to add its slots to. */
    public ExpectationSums emptySums() {
        return new ExpectationSums(slots(1), slots(2));
    }
}
