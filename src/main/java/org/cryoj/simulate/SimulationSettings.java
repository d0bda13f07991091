package org.cryoj.simulate;

import java.nio.file.Path;
import java.util.Objects;

import org.cryoj.geometry.SymmetryGroup;

/**
 * What {@code cryoj simulate} makes, as typed, validated settings in RELION's units: defocus in
 * µm on the command line (Å in the STAR files), pixel sizes in Å, offsets and errors in pixels.
 *
 * @param map               --i: the true map (cubic MRC); null = the standard pseudo-atomic
 *                          structure of --sym ({@link org.cryoj.map.atomic.PseudoAtomicModel#standard}),
 *                          rendered at --angpix and --box and written as truth_map.mrc
 * @param angpix            --angpix: its pixel size in Å, which is also that of the micrographs and
 *                          particles; NaN = from the MRC header (required without --i)
 * @param symmetry          --sym: point group of the map, recorded with the truth
 * @param particles         --nr_particles
 * @param box               --box: particle box in pixels (even); 0 = the map's box (without --i: the
 *                          smallest even box holding 1.25 x the structure's diameter)
 * @param mode              --mode: micrographs (for re-extraction) or particles (for refinement)
 * @param micrographSize    --mic_size: square micrographs of this many pixels (micrograph mode)
 * @param particlesPerMicrograph --parts_per_mic; 0 = as many as fit without overlapping boxes
 * @param voltage           --kV
 * @param cs                --Cs, mm
 * @param q0                --Q0, amplitude contrast
 * @param defocusMin        --defocus_min, µm (underfocus positive)
 * @param defocusMax        --defocus_max, µm
 * @param astigmatism       --astigmatism, µm: defocus V is U minus up to this much
 * @param bfactor           --bfactor, Å²: envelope exp(-B k²/4) of the signal, not written in the STAR files
 * @param snr               --snr: signal variance / noise variance in the particle box; infinite = no noise
 * @param pickError         --pick_error, pixels: standard deviation of picked minus true centre
 * @param earlierAngpix     --earlier_angpix: pixel size of the earlier (binned) job's particles, Å
 * @param earlierBox        --earlier_box: box of the earlier job's particles
 * @param angleNoise        --angle_noise, degrees: standard deviation, about each axis, of the
 *                          rotation between the true pose and the earlier job's
 * @param maxShift          --max_shift, pixels: true offsets of stacked particles lie within ±maxShift
 * @param noisyStartAngles  --start_angles noisy: the particles STAR gets the earlier job's angles
 * @param referenceLowpass  --ref_lowpass, Å: resolution of the starting reference
 * @param seed              --seed
 * @param outputDir         --o
 * @param threads           --j
 * @param overwrite         --force
 */
public record SimulationSettings(Path map, double angpix, String symmetry, int particles, int box, Mode mode,
                                 int micrographSize, int particlesPerMicrograph,
                                 double voltage, double cs, double q0,
                                 double defocusMin, double defocusMax, double astigmatism, double bfactor,
                                 double snr, double pickError, double earlierAngpix, int earlierBox,
                                 double angleNoise, double maxShift, boolean noisyStartAngles,
                                 double referenceLowpass, long seed, Path outputDir, int threads, boolean overwrite) {

    /** Micrographs to re-extract from, or a particle stack ready for refinement. */
    public enum Mode { MICROGRAPHS, PARTICLES }

    public SimulationSettings {
        Objects.requireNonNull(mode, "--mode");
        Objects.requireNonNull(outputDir, "--o");
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + angpix);
        if (map == null && Double.isNaN(angpix))
            throw new IllegalArgumentException("--angpix is required without --i (the pixel size the pseudo-atomic structure is rendered at)");
        SymmetryGroup.parse(symmetry);   // throws IllegalArgumentException naming the group
        if (particles < 1) throw new IllegalArgumentException("--nr_particles must be >= 1, was " + particles);
        if (box < 0 || box % 2 != 0 || (box > 0 && box < 16))
            throw new IllegalArgumentException("--box must be an even number of pixels >= 16 (or 0 for the map's box), was " + box);
        if (mode == Mode.MICROGRAPHS && micrographSize < 64)
            throw new IllegalArgumentException("--mic_size must be at least 64 pixels, was " + micrographSize);
        if (particlesPerMicrograph < 0)
            throw new IllegalArgumentException("--parts_per_mic must be >= 0 (0 = as many as fit), was " + particlesPerMicrograph);
        positive("--kV", voltage);
        if (!(cs >= 0 && Double.isFinite(cs))) throw new IllegalArgumentException("--Cs must be >= 0 mm, was " + cs);
        if (!(q0 >= 0 && q0 < 1)) throw new IllegalArgumentException("--Q0 must lie in [0, 1), was " + q0);
        if (!(defocusMin > 0 && defocusMax >= defocusMin && Double.isFinite(defocusMax)))
            throw new IllegalArgumentException("--defocus_min/--defocus_max must satisfy 0 < min <= max µm, were "
                    + defocusMin + ", " + defocusMax);
        if (!(astigmatism >= 0 && astigmatism < defocusMin))
            throw new IllegalArgumentException("--astigmatism must lie in [0, --defocus_min) µm, was " + astigmatism);
        if (!Double.isFinite(bfactor)) throw new IllegalArgumentException("--bfactor must be finite, was " + bfactor);
        if (!(snr > 0)) throw new IllegalArgumentException("--snr must be > 0 (Infinity: no noise), was " + snr);
        nonNegative("--pick_error", pickError);
        positive("--earlier_angpix", earlierAngpix);
        if (earlierBox < 2 || earlierBox % 2 != 0)
            throw new IllegalArgumentException("--earlier_box must be an even number of pixels, was " + earlierBox);
        nonNegative("--angle_noise", angleNoise);
        nonNegative("--max_shift", maxShift);
        positive("--ref_lowpass", referenceLowpass);
        if (threads < 1) throw new IllegalArgumentException("--j must be >= 1, was " + threads);
    }

    /** True when the data are simulated from the pseudo-atomic structure of the symmetry (no --i). */
    public boolean pseudoAtomic() { return map == null; }

    /** True when no noise is added (and stacked particles are not normalised). */
    public boolean noiseFree() { return Double.isInfinite(snr); }

    private static void positive(String option, double v) {
        if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException(option + " must be > 0, was " + v);
    }

    private static void nonNegative(String option, double v) {
        if (!(v >= 0 && Double.isFinite(v))) throw new IllegalArgumentException(option + " must be >= 0, was " + v);
    }
}
