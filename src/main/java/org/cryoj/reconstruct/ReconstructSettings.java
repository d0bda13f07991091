package org.cryoj.reconstruct;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What relion_reconstruct is asked to do, with its option names.
 *
 * @param input     --i, particles STAR file (RELION 3.1 with optics, or 3.0)
 * @param output    --o, output map (.mrc)
 * @param symmetry  --sym, point group (C1, D2, ...)
 * @param ctf       --ctf, CTF-correct (data CTF F, weight CTF²) with the CTF from the STAR file
 * @param padding   --pad, padding factor (1 or more)
 * @param angpix    --angpix, pixel size in Å, or NaN for the first optics group's
 * @param maxres    --maxres, highest resolution in Å to use, or NaN for Nyquist
 * @param threads   --j, threads that backproject
 * @param overwrite --force, replace an existing output
 * @param griddingIterations --iter, iterations of RELION's gridding weights (10); 0 for --skip_gridding
 *                  (data / weight with the weight floored at 1/1000 of its shell average)
 */
public record ReconstructSettings(Path input, Path output, String symmetry, boolean ctf, int padding,
                                  double angpix, double maxres, int threads, boolean overwrite, int griddingIterations) {

    /** relion_reconstruct's default number of gridding iterations (--iter). */
    public static final int GRIDDING_ITERATIONS = 10;

    /** With RELION's default gridding (--iter 10). */
    public ReconstructSettings(Path input, Path output, String symmetry, boolean ctf, int padding,
                               double angpix, double maxres, int threads, boolean overwrite) {
        this(input, output, symmetry, ctf, padding, angpix, maxres, threads, overwrite, GRIDDING_ITERATIONS);
    }

    public ReconstructSettings {
        Objects.requireNonNull(input, "--i");
        Objects.requireNonNull(output, "--o");
        Objects.requireNonNull(symmetry, "--sym");
        if (padding < 1) throw new IllegalArgumentException("--pad must be at least 1, was " + padding);
        if (!Double.isNaN(angpix) && !(angpix > 0 && Double.isFinite(angpix)))
            throw new IllegalArgumentException("--angpix must be a positive pixel size in A, was " + angpix);
        if (!Double.isNaN(maxres) && !(maxres > 0 && Double.isFinite(maxres)))
            throw new IllegalArgumentException("--maxres must be a positive resolution in A, was " + maxres);
        if (threads < 1) throw new IllegalArgumentException("--j must be at least 1, was " + threads);
        if (griddingIterations < 0) throw new IllegalArgumentException("--iter must be at least 0, was " + griddingIterations);
    }

    /** RELION's defaults: C1, no CTF correction, --pad 2, pixel size from the file, Nyquist, one thread, --iter 10. */
    public static ReconstructSettings of(Path input, Path output) {
        return new ReconstructSettings(input, output, "C1", false, 2, Double.NaN, Double.NaN, 1, false);
    }

    /** The Fourier radius in pixels for box N: ceil(N angpix / maxres) as relion_reconstruct, at most N/2. */
    public int rMax(int box, double pixelSize) {
        if (Double.isNaN(maxres)) return box / 2;
        return (int) Math.max(1, Math.min(box / 2, Math.ceil(box * pixelSize / maxres)));
    }
}
