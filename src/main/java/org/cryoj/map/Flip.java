package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler's mirrors: --flipX, --flipY, --flipZ reverse an axis (voxel i goes to
 * n - 1 - i); --invert_hand reverses x about the centre voxel n/2 (i goes to n - i, voxel 0
 * stays), so a map keeps its symmetry origin while changing hand. --flipXY mirrors a square
 * image about its diagonal (x and y swap), --flipmXY about the other diagonal.
 */
public enum Flip {
    X, Y, Z, INVERT_HAND, XY, MINUS_XY;

    /** RELION mirrors about a diagonal before any other step, and about an axis after the filters. */
    public boolean appliedFirst() {
        return this == XY || this == MINUS_XY;
    }

    public FloatVolume apply(FloatVolume v) {
        if (this == Z && v.nz() == 1) throw new IllegalArgumentException("--flipZ needs a 3D map, got an image");
        if (appliedFirst() && (v.nz() != 1 || v.nx() != v.ny()))
            throw new IllegalArgumentException("--flipXY and --flipmXY need a square 2D image, got " + v.nx() + "x" + v.ny() + "x" + v.nz());
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        FloatVolume out = FloatVolume.zeros(nx, ny, nz, v.pixelSize());
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    int sx = x, sy = y, sz = z;
                    switch (this) {
                        case X -> sx = nx - 1 - x;
                        case Y -> sy = ny - 1 - y;
                        case Z -> sz = nz - 1 - z;
                        case INVERT_HAND -> sx = x == 0 ? 0 : nx - x;
                        case XY -> { sx = y; sy = x; }
                        case MINUS_XY -> { sx = ny - 1 - y; sy = nx - 1 - x; }
                    }
                    out.set(x, y, z, v.get(sx, sy, sz));
                }
        return out;
    }
}
