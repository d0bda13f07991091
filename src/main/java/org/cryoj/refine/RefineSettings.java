package org.cryoj.refine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What relion_refine --auto_refine --split_random_halves is asked to do, with RELION's option
 * names, made with {@link #builder}. Distances the user gives in pixels (--offset_range, --offset_step) stay in pixels here.
 *
 * @param input               --i, particles STAR file (RELION 3.1, with optics)
 * @param outputRoot          --o, output rootname, e.g. Refine3D/job019/run
 * @param reference           --ref, initial reference map
 * @param firstIterationCc    --firstiter_cc, score the first iteration by cross-correlation
 * @param iniHigh             --ini_high, Å to which the reference is low-passed and the first iteration limited
 * @param symmetry            --sym, point group
 * @param particleDiameter    --particle_diameter, Å (masks for images and solvent flattening)
 * @param ctf                 --ctf, use the CTF
 * @param flattenSolvent      --flatten_solvent, mask the references every iteration
 * @param zeroMask            --zero_mask, zeros (not noise) outside the particle mask in images
 * @param solventMask         --solvent_mask, mask file used instead of the sphere, or null
 * @param oversampling        --oversampling, adaptive oversampling order (0 or 1)
 * @param healpixOrder        --healpix_order, initial coarse HEALPix order
 * @param autoLocalHealpixOrder --auto_local_healpix_order, order from which searches are local
 * @param offsetRange         --offset_range, pixels
 * @param offsetStep          --offset_step, pixels (coarse)
 * @param autoIgnoreAngles    --auto_ignore_angles
 * @param autoResolAngles     --auto_resol_angles
 * @param padding             --pad, 1 or 2
 * @param pool                --pool, particles per thread task
 * @param prereadImages       --preread_images, read all images into memory
 * @param threads             --j
 * @param tau2Fudge           --tau2_fudge
 * @param lowResolJoinHalves  --low_resol_join_halves, Å, or NaN for none
 * @param maxIterations       --max_iter: stop (without the final iteration) after this iteration; a safety cap
 * @param autoIterMax         --auto_iter_max: converge (final iteration) after this iteration, as RELION
 * @param randomSeed          --random_seed
 * @param adaptiveFraction    --adaptive_fraction (0.999)
 * @param perturb             --perturb: the sampling grid is turned and shifted at random each iteration by up to this
 *                            fraction of a step (RELION's default 0.5; CryoJ's 0 = fixed grid, see docs/relion-facts.md)
 * @param exhaustiveSearch    --exhaustive_search: score every orientation of a global search at HEALPix order 3 and
 *                            up, and the oversampled children of flat posteriors, and note a fine-enough step as RELION
 *                            does (default: a scout grid one order coarser first, see ScoutGrid; flat posteriors spread
 *                            over the children, see ParticleExpectation; convergence on a step fine enough for the latest accuracy, see AutoSampling)
 * @param normCorrection      --norm, per-particle normalisation correction (rlnNormCorrection)
 * @param scaleCorrection     --scale, per-group intensity-scale correction (rlnGroupScaleCorrection)
 * @param projectDir          the directory image names in the STAR file are relative to (RELION: the working directory)
 * @param overwrite           --force: replace existing outputs of the same rootname
 */
public record RefineSettings(Path input, Path outputRoot, Path reference, boolean firstIterationCc, double iniHigh,
                             String symmetry, double particleDiameter, boolean ctf, boolean flattenSolvent, boolean zeroMask,
                             Path solventMask, int oversampling, int healpixOrder, int autoLocalHealpixOrder,
                             double offsetRange, double offsetStep, boolean autoIgnoreAngles, boolean autoResolAngles,
                             int padding, int pool, boolean prereadImages, int threads, double tau2Fudge,
                             double lowResolJoinHalves, int maxIterations, int autoIterMax, long randomSeed,
                             double adaptiveFraction, double perturb, boolean exhaustiveSearch, boolean normCorrection, boolean scaleCorrection,
                             Path projectDir, boolean overwrite) {

    public RefineSettings {
        Objects.requireNonNull(input, "--i");
        Objects.requireNonNull(outputRoot, "--o");
        Objects.requireNonNull(reference, "--ref");
        Objects.requireNonNull(symmetry, "--sym");
        Objects.requireNonNull(projectDir, "project directory");
        if (!(iniHigh > 0) || !Double.isFinite(iniHigh))
            throw new IllegalArgumentException("--ini_high must be a positive resolution in A (auto-refine needs it), was " + iniHigh);
        if (!(particleDiameter > 0) || !Double.isFinite(particleDiameter))
            throw new IllegalArgumentException("--particle_diameter must be a positive diameter in A, was " + particleDiameter);
        if (oversampling < 0 || oversampling > 1) throw new IllegalArgumentException("--oversampling must be 0 or 1, was " + oversampling);
        if (healpixOrder < 0 || healpixOrder > 7) throw new IllegalArgumentException("--healpix_order must lie in [0, 7], was " + healpixOrder);
        if (autoLocalHealpixOrder < 0 || autoLocalHealpixOrder > 8)
            throw new IllegalArgumentException("--auto_local_healpix_order must lie in [0, 8], was " + autoLocalHealpixOrder);
        if (!(offsetRange >= 0) || !Double.isFinite(offsetRange))
            throw new IllegalArgumentException("--offset_range must be >= 0 pixels, was " + offsetRange);
        if (!(offsetStep > 0) || !Double.isFinite(offsetStep))
            throw new IllegalArgumentException("--offset_step must be > 0 pixels, was " + offsetStep);
        if (padding < 1 || padding > 2) throw new IllegalArgumentException("--pad must be 1 or 2, was " + padding);
        if (pool < 1) throw new IllegalArgumentException("--pool must be at least 1, was " + pool);
        if (threads < 1) throw new IllegalArgumentException("--j must be at least 1, was " + threads);
        if (!(tau2Fudge > 0) || !Double.isFinite(tau2Fudge))
            throw new IllegalArgumentException("--tau2_fudge must be positive, was " + tau2Fudge);
        if (!Double.isNaN(lowResolJoinHalves) && !(lowResolJoinHalves > 0 && Double.isFinite(lowResolJoinHalves)))
            throw new IllegalArgumentException("--low_resol_join_halves must be a positive resolution in A, was " + lowResolJoinHalves);
        if (maxIterations < 1) throw new IllegalArgumentException("--max_iter must be at least 1, was " + maxIterations);
        if (autoIterMax < 1) throw new IllegalArgumentException("--auto_iter_max must be at least 1, was " + autoIterMax);
        if (!(adaptiveFraction > 0 && adaptiveFraction <= 1))
            throw new IllegalArgumentException("--adaptive_fraction must lie in (0, 1], was " + adaptiveFraction);
        if (!(perturb >= 0 && perturb <= 1)) throw new IllegalArgumentException("--perturb must lie in [0, 1], was " + perturb);
    }

    /** A builder with RELION's defaults for everything but the three files; --ini_high and --particle_diameter must be set. */
    public static Builder builder(Path input, Path outputRoot, Path reference) {
        return new Builder(input, outputRoot, reference);
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder(input, outputRoot, reference);
        b.firstIterationCc = firstIterationCc; b.iniHigh = iniHigh; b.symmetry = symmetry; b.particleDiameter = particleDiameter;
        b.ctf = ctf; b.flattenSolvent = flattenSolvent; b.zeroMask = zeroMask; b.solventMask = solventMask;
        b.oversampling = oversampling; b.healpixOrder = healpixOrder; b.autoLocalHealpixOrder = autoLocalHealpixOrder;
        b.offsetRange = offsetRange; b.offsetStep = offsetStep; b.autoIgnoreAngles = autoIgnoreAngles; b.autoResolAngles = autoResolAngles;
        b.padding = padding; b.pool = pool; b.prereadImages = prereadImages; b.threads = threads; b.tau2Fudge = tau2Fudge;
        b.lowResolJoinHalves = lowResolJoinHalves; b.maxIterations = maxIterations; b.autoIterMax = autoIterMax;
        b.randomSeed = randomSeed; b.adaptiveFraction = adaptiveFraction; b.perturb = perturb; b.exhaustiveSearch = exhaustiveSearch; b.normCorrection = normCorrection;
        b.scaleCorrection = scaleCorrection; b.projectDir = projectDir; b.overwrite = overwrite;
        return b;
    }

    /** Named setters, one per relion_refine option, so no caller passes 30 values by position. */
    public static final class Builder {
        private Path input, outputRoot, reference, solventMask, projectDir = Path.of("");
        private boolean firstIterationCc, ctf, flattenSolvent, zeroMask, autoIgnoreAngles, autoResolAngles, prereadImages,
                normCorrection, scaleCorrection, overwrite, exhaustiveSearch;
        private double iniHigh = Double.NaN, particleDiameter = Double.NaN, offsetRange = 6, offsetStep = 2, tau2Fudge = 1,
                lowResolJoinHalves = 40, adaptiveFraction = 0.999, perturb = 0;
        private String symmetry = "C1";
        private int oversampling = 1, healpixOrder = 2, autoLocalHealpixOrder = 4, padding = 2, pool = 1, threads = 1,
                maxIterations = 100, autoIterMax = 999;
        private long randomSeed;

        private Builder(Path input, Path outputRoot, Path reference) {
            this.input = input;
            this.outputRoot = outputRoot;
            this.reference = reference;
        }

        public Builder input(Path v) { input = v; return this; }
        public Builder outputRoot(Path v) { outputRoot = v; return this; }
        public Builder reference(Path v) { reference = v; return this; }
        public Builder firstIterationCc(boolean v) { firstIterationCc = v; return this; }
        public Builder iniHigh(double v) { iniHigh = v; return this; }
        public Builder symmetry(String v) { symmetry = v; return this; }
        public Builder particleDiameter(double v) { particleDiameter = v; return this; }
        public Builder ctf(boolean v) { ctf = v; return this; }
        public Builder flattenSolvent(boolean v) { flattenSolvent = v; return this; }
        public Builder zeroMask(boolean v) { zeroMask = v; return this; }
        public Builder solventMask(Path v) { solventMask = v; return this; }
        public Builder oversampling(int v) { oversampling = v; return this; }
        public Builder healpixOrder(int v) { healpixOrder = v; return this; }
        public Builder autoLocalHealpixOrder(int v) { autoLocalHealpixOrder = v; return this; }
        public Builder offsetRange(double v) { offsetRange = v; return this; }
        public Builder offsetStep(double v) { offsetStep = v; return this; }
        public Builder autoIgnoreAngles(boolean v) { autoIgnoreAngles = v; return this; }
        public Builder autoResolAngles(boolean v) { autoResolAngles = v; return this; }
        public Builder padding(int v) { padding = v; return this; }
        public Builder pool(int v) { pool = v; return this; }
        public Builder prereadImages(boolean v) { prereadImages = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder tau2Fudge(double v) { tau2Fudge = v; return this; }
        /** Å, or NaN for never. */
        public Builder lowResolJoinHalves(double v) { lowResolJoinHalves = v; return this; }
        public Builder maxIterations(int v) { maxIterations = v; return this; }
        public Builder autoIterMax(int v) { autoIterMax = v; return this; }
        public Builder randomSeed(long v) { randomSeed = v; return this; }
        public Builder adaptiveFraction(double v) { adaptiveFraction = v; return this; }
        public Builder normCorrection(boolean v) { normCorrection = v; return this; }
        public Builder scaleCorrection(boolean v) { scaleCorrection = v; return this; }
        public Builder perturb(double v) { perturb = v; return this; }
        public Builder exhaustiveSearch(boolean v) { exhaustiveSearch = v; return this; }
        public Builder projectDir(Path v) { projectDir = v; return this; }
        public Builder overwrite(boolean v) { overwrite = v; return this; }

        /** The coarse search: initial HEALPix order, order from which searches are local, offset range and step (pixels). */
        public Builder sampling(int order, int localOrder, double rangePx, double stepPx) {
            return healpixOrder(order).autoLocalHealpixOrder(localOrder).offsetRange(rangePx).offsetStep(stepPx);
        }

        /** The RELION tutorial's Refine3D options (--firstiter_cc --ctf --flatten_solvent --zero_mask ... --sym). */
        public Builder tutorial(String sym) {
            return firstIterationCc(true).symmetry(sym).ctf(true).flattenSolvent(true).zeroMask(true).oversampling(1)
                    .sampling(2, 4, 5, 2).autoIgnoreAngles(true).autoResolAngles(true);
        }

        public RefineSettings build() {
            return new RefineSettings(input, outputRoot, reference, firstIterationCc, iniHigh, symmetry, particleDiameter, ctf,
                    flattenSolvent, zeroMask, solventMask, oversampling, healpixOrder, autoLocalHealpixOrder, offsetRange, offsetStep,
                    autoIgnoreAngles, autoResolAngles, padding, pool, prereadImages, threads, tau2Fudge, lowResolJoinHalves,
                    maxIterations, autoIterMax, randomSeed, adaptiveFraction, perturb, exhaustiveSearch, normCorrection, scaleCorrection, projectDir, overwrite);
        }
    }

    /** The file rootname + suffix, e.g. "_it003_data.star". */
    public Path file(String suffix) {
        return outputRoot.resolveSibling(outputRoot.getFileName() + suffix);
    }
}
