package org.cryoj.extract;

/**
 * New coordinate and origin of a re-extracted particle, as relion_preprocess computes them.
 * The particle centre lies at coordinate - origin/pixel size (micrograph pixels). With
 * {@code --recenter} the whole-pixel part of the offset, rounded half away from zero like
 * RELION's ROUND, moves into the coordinate and the sub-pixel residual stays as the origin, so
 * the centre does not move; the residual is written in Å with the micrograph pixel size.
 */
public final class Recentring {
    private Recentring() {}

    /** Coordinate in micrograph pixels and origin in Å of one particle. */
    public record Position(double coordX, double coordY, double originXAngst, double originYAngst) {}

    /**
     * @param in                 coordinate and origin read from the refined particles STAR
     * @param particleAngpix     pixel size of the refined particles (rlnImagePixelSize)
     * @param micrographAngpix   pixel size of the micrograph (rlnMicrographPixelSize)
     * @param projectedCentre    the --recenter_x/_y/_z point rotated into this particle's image
     *                           (x, y) in particle pixels, or null for the reference centre
     */
    public static Position recentre(Position in, double particleAngpix, double micrographAngpix,
                                    double[] projectedCentre, boolean recenter, boolean resetOffsets) {
        if (resetOffsets)   // RELION resets before (and instead of) recentring
            return new Position(in.coordX(), in.coordY(), 0, 0);
        boolean rescaled = Math.abs(particleAngpix / micrographAngpix - 1) > 1e-6;
        if (!rescaled && !recenter) return in;
        double px = projectedCentre == null ? 0 : projectedCentre[0];
        double py = projectedCentre == null ? 0 : projectedCentre[1];
        // offset in particle pixels, minus the projected recentre point, then in micrograph pixels
        double xoff = (in.originXAngst() / particleAngpix - px) * particleAngpix / micrographAngpix;
        double yoff = (in.originYAngst() / particleAngpix - py) * particleAngpix / micrographAngpix;
        double cx = in.coordX(), cy = in.coordY();
        if (recenter) {
            long rx = roundHalfAway(xoff), ry = roundHalfAway(yoff);
            cx -= rx; cy -= ry;
            xoff -= rx; yoff -= ry;
        }
        return new Position(cx, cy, xoff * micrographAngpix, yoff * micrographAngpix);
    }

    /** RELION's ROUND: halves go away from zero (Math.round would send -2.5 to -2). */
    static long roundHalfAway(double v) {
        return v > 0 ? (long) (v + 0.5) : (long) (v - 0.5);
    }
}
