package org.cryoj.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.parity.MapComparator.Tolerance;
import org.cryoj.parity.Verdict.BothRefused;
import org.cryoj.parity.Verdict.Diverge;

/** One case's two runs to a verdict: exit statuses first, then the outputs with the tool's tolerance. */
public final class Comparison {
    /**
     * image_handler: the same float32 steps as RELION (FFTs by JTransforms instead of FFTW, sums in
     * another order), so the outputs differ by rounding only; the 84 fixed comparison cases measured
     * at most 2.4e-7 of the range. 1e-5 of the range leaves room for rounding in long chains of
     * steps and is still far below any real difference (one voxel off, a filter edge one shell out).
     */
    static final Tolerance IMAGE_HANDLER = new Tolerance(1e-5, 0);
    /**
     * mask_create: thresholds, distances and cosines of the same voxel grid; a voxel whose
     * low-passed value lies within rounding of --ini_threshold may fall on the other side in one
     * tool (FFT rounding), and then the mask differs there by up to 1: so correlation >= 0.999 and,
     * for masks without --lowpass, max |diff| <= 1e-5 (float rounding of the cosine edge).
     */
    static final Tolerance MASK = new Tolerance(1e-5, 0.999);
    static final Tolerance MASK_LOWPASSED = new Tolerance(1.0, 0.999);
    /**
     * reconstruct: not bit-identical. The same splats, symmetrisation and gridding weights, but sums
     * in float where RELION's are double, the symmetry operators computed by each, and the gridding
     * convolution on an FFT-friendly grid (IterativeGridding). Measured over the 80 reconstruct cases
     * among the first 600 of seed 18: correlation >= 0.99980, largest difference <= 0.74% of the range.
     * Allowed: 0.9995 and 1.5%, which a real error exceeds: without the gridding iterations the
     * correlation was 0.99942 at --pad 2, with the DC term kept 0.993 at --pad 1, with --angpix's
     * scale inverted 0.29.
     */
    static final Tolerance RECONSTRUCT = new Tolerance(0.015, 0.9995);

    private Comparison() {}

    public static Verdict of(ParityCase c, RunPair p, Path dir) throws IOException {
        return of(c, p, dir, null);
    }

    /** {@code withoutDust}: for a dust-removal case, both tools' runs without the dust options (see {@link DustCheck}). */
    public static Verdict of(ParityCase c, RunPair p, Path dir, RunPair withoutDust) throws IOException {
        ToolRun r = p.relion(), j = p.cryoj();
        if (!r.ok() && !j.ok()) return new BothRefused(r.lastLine(), j.lastLine());
        if (!r.ok()) return Diverge.of("exit status", "RELION refused (" + r.exitCode() + ": " + r.lastLine() + "), CryoJ ran");
        if (!j.ok()) return Diverge.of("exit status", "RELION ran, CryoJ refused (" + j.exitCode() + ": " + j.lastLine() + ")");
        if (p.relionOut() == null) return PrintedComparator.compare(c, r.output(), j.output(), dir);
        boolean rw = Files.exists(p.relionOut()), jw = Files.exists(p.cryojOut());
        if (!rw || !jw) return Diverge.of("output", (rw ? "CryoJ" : "RELION") + " wrote no " + dir.relativize(rw ? p.cryojOut() : p.relionOut()));
        return switch (c.tool()) {
            case IMAGE_HANDLER -> MapComparator.compare(p.relionOut(), p.cryojOut(), IMAGE_HANDLER);
            case MASK_CREATE -> MapComparator.compare(p.relionOut(), p.cryojOut(), c.has("--lowpass") ? MASK_LOWPASSED : MASK);
            case EXTRACT -> ExtractComparator.compare(p.relionOut(), p.cryojOut(), withoutDust);
            case RECONSTRUCT -> MapComparator.compare(p.relionOut(), p.cryojOut(), RECONSTRUCT);
        };
    }
}
