package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * Crops or pads a map in real space around its centre voxel (n/2 in each direction, RELION's
 * Xmipp origin), filling new voxels with 0 as RELION's window() does. Images (nz == 1) keep nz.
 */
public final class CentredWindow {
    private CentredWindow() {}

    public static FloatVolume window(FloatVolume v, int newSize) {
        return window(v, newSize, newSize, v.nz() == 1 ? 1 : newSize);
    }

    /** A box of mx x my x mz about the same centre voxel (a non-square image, a non-cubic map). */
    public static FloatVolume window(FloatVolume v, int mx, int my, int mz) {
        if (mx < 1 || my < 1 || mz < 1) throw new IllegalArgumentException("new box must be positive, was " + mx + "x" + my + "x" + mz);
        FloatVolume out = FloatVolume.zeros(mx, my, mz, v.pixelSize());
        // output voxel q sits at logical q - m/2, which is input voxel q - m/2 + n/2
        int ox = v.nx() / 2 - mx / 2, oy = v.ny() / 2 - my / 2, oz = v.nz() / 2 - mz / 2;
        for (int z = 0; z < mz; z++) {
            int sz = z + oz;
            if (sz < 0 || sz >= v.nz()) continue;
            for (int y = 0; y < my; y++) {
                int sy = y + oy;
                if (sy < 0 || sy >= v.ny()) continue;
                for (int x = 0; x < mx; x++) {
                    int sx = x + ox;
                    if (sx >= 0 && sx < v.nx()) out.set(x, y, z, v.get(sx, sy, sz));
                }
            }
        }
        return out;
    }
}
