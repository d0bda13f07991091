package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * relion_mask_create --denovo: a sphere or spherical shell in a cube of {@code box} voxels, 1
 * between the inner and outer radius, falling to 0 over {@code width} voxels with a raised
 * cosine inside the inner radius and outside the outer one (RELION's raisedCrownMask). The
 * centre is voxel (box/2, box/2, box/2) moved by (centreX, centreY, centreZ) voxels.
 */
public record SphericalMask(int box, double innerRadius, double outerRadius, double width,
                            double centreX, double centreY, double centreZ) {

    public SphericalMask {
        if (box < 1) throw new IllegalArgumentException("--box_size must be at least 1 voxel, was " + box);
        for (double v : new double[] {innerRadius, outerRadius, width, centreX, centreY, centreZ})
            if (!Double.isFinite(v)) throw new IllegalArgumentException("--inner_radius, --outer_radius, --width_soft_edge and --center_x/y/z must be finite");
        if (width < 0) throw new IllegalArgumentException("--width_soft_edge must be >= 0 voxels, was " + width);
    }

    public FloatVolume create(double pixelSize, boolean invert) {
        float[] m = new float[box * box * box];
        double innerBorder = innerRadius - width, outerBorder = outerRadius + width;
        int c = box / 2, i = 0;
        for (int z = 0; z < box; z++)
            for (int y = 0; y < box; y++)
                for (int x = 0; x < box; x++, i++) {
                    double dx = centreX - (x - c), dy = centreY - (y - c), dz = centreZ - (z - c);
                    double d = Math.sqrt(dx * dx + dy * dy + dz * dz), v;
                    if (d < innerBorder) v = 0;
                    else if (d < innerRadius) v = 0.5 - 0.5 * Math.cos(Math.PI * (d - innerBorder) / width);
                    else if (d < outerRadius) v = 1;
                    else if (d < outerBorder) v = 0.5 - 0.5 * Math.cos(Math.PI * (outerBorder - d) / width);
                    else v = 0;
                    m[i] = (float) (invert ? 1 - v : v);
                }
        return new FloatVolume(box, box, box, m, pixelSize);
    }
}
