package org.cryoj.reconstruct;

/**
 * The layout of the padded, centred half Fourier volume that {@link Projector} reads and
 * {@link BackProjector} fills (RELION's Projector::data): frequencies of a map of {@code box}
 * voxels per side, oversampled by the padding factor, kept up to radius {@code R = round(pad *
 * rMax)} padded pixels. Only x &gt;= 0 is stored (Friedel symmetry gives the rest); y and z run
 * over [-(R+1), R+1] so that trilinear interpolation at any point within R stays inside.
 * Complex values are interleaved (re, im) floats at {@code 2 * index(x, y, z)}.
 *
 * @param box     real-space box size N (even)
 * @param padding padding factor (RELION's --pad, 1 or more)
 * @param rMax    largest frequency kept, in Fourier pixels of the unpadded box (at most N/2)
 */
public record FourierGrid(int box, int padding, int rMax) implements java.io.Serializable {

    public FourierGrid {
        if (box < 2 || box % 2 != 0) throw new IllegalArgumentException("box size must be even and at least 2, was " + box);
        if (padding < 1) throw new IllegalArgumentException("--pad must be at least 1, was " + padding);
        if (rMax < 1 || rMax > box / 2)
            throw new IllegalArgumentException("maximum radius must lie in [1, " + box / 2 + "] Fourier pixels, was " + rMax);
    }

    /** All frequencies up to Nyquist. */
    public static FourierGrid full(int box, int padding) { return new FourierGrid(box, padding, box / 2); }

    /** The largest radius in padded Fourier pixels. */
    public int radius() { return rMax * padding; }

    /** Stored x frequencies: 0 .. R+1. */
    public int xSize() { return radius() + 2; }

    /** Stored y (and z) frequencies: -(R+1) .. R+1. */
    public int ySize() { return 2 * radius() + 3; }

    /** Number of complex values. */
    public int size() { return xSize() * ySize() * ySize(); }

    /** Index of the complex value at padded frequency (x, y, z), x &gt;= 0. */
    public int index(int x, int y, int z) {
        int c = radius() + 1;
        return x + xSize() * ((y + c) + ySize() * (z + c));
    }

    /**
     * Whether a slice's frequency (x, y) lies within rMax: a rotation keeps lengths, so then its rotated point lies
     * within the padded radius whatever the rotation (and within N/2, since rMax is at most N/2).
     */
    public boolean holds(int x, int y) { return x * x + y * y <= rMax * rMax; }

    /** Real-space size of the padded map, pad * N. */
    public int paddedBox() { return padding * box; }
}
