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
     * another order), so the outputs differ by rounding only: measured at most 9e-7 of the range over
     * the 437 agreeing image_handler cases among the first 1,000 of seed 18. 1e-5 of the range leaves
     * room for rounding in long chains of steps and is far below any real difference (one voxel off,
     * a filter edge one shell out).
     */
    static final Tolerance IMAGE_HANDLER = new Tolerance(1e-5, 0);
    /**
     * mask_create: thresholds, distances and cosines on the same voxel grid: measured at most 6e-8 over
     * the 185 agreeing mask_create cases among the first 1,000 of seed 18, so 1e-5 of the range. With
     * --lowpass a voxel whose filtered value lies within FFT rounding of --ini_threshold may fall on
     * the other side in one tool and the mask differ there by up to 1 (not seen yet): then only the
     * correlation, >= 0.999, is held.
     */
    static final Tolerance MASK = new Tolerance(1e-5, 0.999);
    static final Tolerance MASK_LOWPASSED = new Tolerance(1.0, 0.999);
    /**
     * reconstruct: not bit-identical. The same splats (the same image pixels: RELION's ellipse bounds
     * and inverted Euler matrix are reproduced, with Java's sin and cos, which differ from glibc's in
     * the last bit for ~0.4% of angles), symmetrisation and gridding weights, but sums in float where
     * RELION's are double and the symmetry operators computed by each. Measured over the 239
     * agreeing reconstruct cases among the first 600 of seeds 18, 2026 and 7: correlation
     * >= 0.9999675, largest difference <= 0.20% of the range. Allowed: 0.9999 and 0.5%, which a real
     * error exceeds: without the gridding iterations the largest difference was 1.7% at --pad 2, with
     * the DC term kept 6.4% at --pad 1, with pixels on the Nyquist circle chosen by another rounding
     * 1.5% (sparse set, CTF), with --angpix's scale inverted the correlation 0.29.
     */
    static final Tolerance RECONSTRUCT = new Tolerance(0.005, 0.9999);

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
