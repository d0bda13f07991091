package org.cryoj.image;

import java.util.Objects;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A 3D (or 2D when nz == 1, or a stack of 2D images) float image with its voxel size in Å.
 * Voxel (x, y, z) sits at {@code data[x + nx * (y + ny * z)]}, the order MRC files use, so
 * reading and writing never reorders. The array is shared, not copied: views are cheap and
 * {@link #toImg()} wraps the same memory as an ImgLib2 image.
 */
public final class FloatVolume implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int nx, ny, nz;
    private final float[] data;
    private final double pixelSize;

    public FloatVolume(int nx, int ny, int nz, float[] data, double pixelSize) {
        if (nx < 1 || ny < 1 || nz < 1)
            throw new IllegalArgumentException("dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        Objects.requireNonNull(data, "data");
        if ((long) nx * ny * nz != data.length)
            throw new IllegalArgumentException("data length " + data.length + " does not match " + nx + "x" + ny + "x" + nz);
        if (!(pixelSize > 0) || Double.isInfinite(pixelSize))
            throw new IllegalArgumentException("pixel size must be positive and finite, was " + pixelSize);
        this.nx = nx; this.ny = ny; this.nz = nz;
        this.data = data;
        this.pixelSize = pixelSize;
    }

    public static FloatVolume zeros(int nx, int ny, int nz, double pixelSize) {
        return new FloatVolume(nx, ny, nz, new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)], pixelSize);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    /** Å per voxel. */
    public double pixelSize() { return pixelSize; }
    /** The backing array (not a copy). */
    public float[] data() { return data; }

    public int index(int x, int y, int z) { return x + nx * (y + ny * z); }
    public float get(int x, int y, int z) { return data[index(x, y, z)]; }
    public void set(int x, int y, int z, float v) { data[index(x, y, z)] = v; }

    public boolean isCube() { return nx == ny && ny == nz; }

    /** Same voxels, another voxel size (e.g. the image_handler --angpix header fix). */
    public FloatVolume withPixelSize(double newPixelSize) {
        return new FloatVolume(nx, ny, nz, data, newPixelSize);
    }

    public FloatVolume copy() {
        return new FloatVolume(nx, ny, nz, data.clone(), pixelSize);
    }

    /** ImgLib2 view over the same memory (dimensions x, y, z). */
    public ArrayImg<FloatType, FloatArray> toImg() {
        return ArrayImgs.floats(data, nx, ny, nz);
    }

    @Override
    public String toString() {
        return "FloatVolume[" + nx + "x" + ny + "x" + nz + ", " + pixelSize + " A/px]";
    }
}
