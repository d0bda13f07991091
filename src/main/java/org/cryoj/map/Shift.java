package org.cryoj.map;

/** relion_image_handler's translations: by a vector (--shift_x/y/z) or to the centre of mass (--shift_com). */
public sealed interface Shift {

    /** Content moves by +(dx, dy, dz) pixels; dz is ignored for images. */
    record By(double dx, double dy, double dz) implements Shift {
        public By {
            if (!Double.isFinite(dx) || !Double.isFinite(dy) || !Double.isFinite(dz))
                throw new IllegalArgumentException("--shift_x/y/z must be finite, were " + dx + ", " + dy + ", " + dz);
        }
    }

    /** The centre of mass of the positive voxels moves onto the centre voxel. */
    record ToCentreOfMass() implements Shift {}
}
