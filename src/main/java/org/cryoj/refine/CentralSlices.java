package org.cryoj.refine;

import org.cryoj.reconstruct.Projector;

/**
 * Projections described rather than made: the central slices of {@code projector}'s reference for
 * each rotation (3x3, row-major), on the window pixels (kx, ky). A backend that projects where it
 * scores ({@link ExpectationBackend#projects()}) receives these instead of the projections, so that
 * a device is sent a few numbers per orientation instead of a whole slice.
 *
 * @param kx the window's pixels, the region's own arrays (read only), as {@link FourierRegion#kx()}
 */
public record CentralSlices(Projector projector, double[][][] rotations, int[] kx, int[] ky) {
    public CentralSlices {
        if (kx.length != ky.length) throw new IllegalArgumentException("kx and ky differ in length: " + kx.length + ", " + ky.length);
    }

    /** Floats per projection: the window's pixels, interleaved complex. */
    public int projectionLength() { return 2 * kx.length; }

    /** The projections, made here: rotations.length arrays of {@link #projectionLength()} floats. */
    public float[][] project() {
        float[][] out = new float[rotations.length][projectionLength()];
        projector.project(rotations, kx, ky, out);
        return out;
    }
}
