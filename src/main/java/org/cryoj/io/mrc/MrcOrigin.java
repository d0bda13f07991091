package org.cryoj.io.mrc;

/**
 * MRC2014 origin (header words 50-52), in Å: the position of the first voxel in the
 * coordinate frame of the map, as UCSF Chimera/ChimeraX and mrcfile use it.
 */
public record MrcOrigin(double x, double y, double z) {
    public static final MrcOrigin ZERO = new MrcOrigin(0, 0, 0);

    public MrcOrigin {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z))
            throw new IllegalArgumentException("origin must be finite, was (" + x + ", " + y + ", " + z + ")");
    }
}
