package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --shift_x/y/z and --shift_com: translation in real space with trilinear
 * interpolation, zero where the shifted box leaves the map (RELION's DONT_WRAP), and the centre
 * of mass those options use.
 */
public final class RealSpaceShift {
    private RealSpaceShift() {}

    /** Content moves by +(dx, dy, dz) pixels: out(r) = in(r - d). dz is ignored for images. */
    public static FloatVolume shift(FloatVolume v, double dx, double dy, double dz) {
        if (!Double.isFinite(dx) || !Double.isFinite(dy) || !Double.isFinite(dz))
            throw new IllegalArgumentException("shifts must be finite, were " + dx + ", " + dy + ", " + dz);
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        double sz0 = nz == 1 ? 0 : dz;
        FloatVolume out = FloatVolume.zeros(nx, ny, nz, v.pixelSize());
        float[] d = out.data();
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++) {
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) d[row + x] = (float) RealSpaceSampler.trilinear(v, x - dx, y - dy, z - sz0);
            }
        return out;
    }

    /**
     * The centre of mass of the positive voxels, relative to the centre voxel (n/2 on each axis,
     * RELION's Xmipp origin); (0, 0, 0) when no voxel is positive. z is 0 for images.
     */
    public static double[] centreOfMass(FloatVolume v) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        double sx = 0, sy = 0, sz = 0, mass = 0;
        float[] d = v.data();
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    double w = d[x + nx * (y + ny * z)];
                    if (!(w > 0)) continue;
                    sx += w * (x - nx / 2);
                    sy += w * (y - ny / 2);
                    sz += w * (z - nz / 2);
                    mass += w;
                }
        return mass == 0 ? new double[3] : new double[]{sx / mass, sy / mass, sz / mass};
    }

    /** --shift_com: moves the centre of mass onto the centre voxel. */
    public static FloatVolume toCentreOfMass(FloatVolume v) {
        double[] c = centreOfMass(v);
        return shift(v, -c[0], -c[1], -c[2]);
    }
}
