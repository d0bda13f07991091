package org.cryoj.refine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What relion_refine --auto_refine --split_random_halves is asked to do, with RELION's option
 * names. Distances the user gives in pixels (--offset_range, --offset_step) stay in pixels here.
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
 * @param overwrite           --force: replace existing outputs of the same rootname
 */
public record RefineSettings(Path input, Path outputRoot, Path reference, boolean firstIterationCc, double iniHigh,
                             String symmetry, double particleDiameter, boolean ctf, boolean flattenSolvent, boolean zeroMask,
                             Path solventMask, int oversampling, int healpixOrder, int autoLocalHealpixOrder,
                             double offsetRange, double offsetStep, boolean autoIgnoreAngles, boolean autoResolAngles,
                             int padding, int pool, boolean prereadImages, int threads, double tau2Fudge,
                             double lowResolJoinHalves, int maxIterations, int autoIterMax, long randomSeed,
                             double adaptiveFraction, boolean overwrite) {

    public RefineSettings {
        Objects.requireNonNull(input, "--i");
        Objects.requireNonNull(outputRoot, "--o");
        Objects.requireNonNull(reference, "--ref");
        Objects.requireNonNull(symmetry, "--sym");
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
    }

    /** RELION's defaults for everything but the required --i, --o, --ref, --ini_high and --particle_diameter. */
    public static RefineSettings of(Path input, Path outputRoot, Path reference, double iniHigh, double particleDiameter) {
        return new RefineSettings(input, outputRoot, reference, false, iniHigh, "C1", particleDiameter, false, false, false,
                null, 1, 2, 4, 6, 2, false, false, 2, 1, false, 1, 1, 40, 100, 999, 0, 0.999, false);
    }

    /** The RELION tutorial's Refine3D options (--firstiter_cc --ctf --flatten_solvent --zero_mask ...). */
    public RefineSettings tutorial(String sym) {
        return new RefineSettings(input, outputRoot, reference, true, iniHigh, sym, particleDiameter, true, true, true,
                solventMask, 1, 2, 4, 5, 2, true, true, padding, pool, prereadImages, threads, tau2Fudge, lowResolJoinHalves,
                maxIterations, autoIterMax, randomSeed, adaptiveFraction, overwrite);
    }

    public RefineSettings withThreads(int j) {
        return new RefineSettings(input, outputRoot, reference, firstIterationCc, iniHigh, symmetry, particleDiameter, ctf,
                flattenSolvent, zeroMask, solventMask, oversampling, healpixOrder, autoLocalHealpixOrder, offsetRange, offsetStep,
                autoIgnoreAngles, autoResolAngles, padding, pool, prereadImages, j, tau2Fudge, lowResolJoinHalves,
                maxIterations, autoIterMax, randomSeed, adaptiveFraction, overwrite);
    }

    public RefineSettings withSampling(int order, int localOrder, double rangePx, double stepPx) {
        return new RefineSettings(input, outputRoot, reference, firstIterationCc, iniHigh, symmetry, particleDiameter, ctf,
                flattenSolvent, zeroMask, solventMask, oversampling, order, localOrder, rangePx, stepPx,
                autoIgnoreAngles, autoResolAngles, padding, pool, prereadImages, threads, tau2Fudge, lowResolJoinHalves,
                maxIterations, autoIterMax, randomSeed, adaptiveFraction, overwrite);
    }

    public RefineSettings withMaxIterations(int max) {
        return new RefineSettings(input, outputRoot, reference, firstIterationCc, iniHigh, symmetry, particleDiameter, ctf,
                flattenSolvent, zeroMask, solventMask, oversampling, healpixOrder, autoLocalHealpixOrder, offsetRange, offsetStep,
                autoIgnoreAngles, autoResolAngles, padding, pool, prereadImages, threads, tau2Fudge, lowResolJoinHalves,
                max, autoIterMax, randomSeed, adaptiveFraction, overwrite);
    }

    public RefineSettings withOutput(Path root) {
        return new RefineSettings(input, root, reference, firstIterationCc, iniHigh, symmetry, particleDiameter, ctf,
                flattenSolvent, zeroMask, solventMask, oversampling, healpixOrder, autoLocalHealpixOrder, offsetRange, offsetStep,
                autoIgnoreAngles, autoResolAngles, padding, pool, prereadImages, threads, tau2Fudge, lowResolJoinHalves,
                maxIterations, autoIterMax, randomSeed, adaptiveFraction, overwrite);
    }

    /** The file rootname + suffix, e.g. "_it003_data.star". */
    public Path file(String suffix) {
        return outputRoot.resolveSibling(outputRoot.getFileName() + suffix);
    }
}
