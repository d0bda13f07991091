package org.cryoj.fourier;

import org.cryoj.image.FloatVolume;

/**
 * Low- and high-pass filters with a raised-cosine edge, as relion_image_handler --lowpass /
 * --highpass apply them: the filter shell is ROUND(box * angpix / resolution) and the cosine runs
 * from (shell - w/2) to (shell + w/2) shells, w = --filter_edge_width (2 by default, w/2 in
 * integer division). The box is the x size of the map. A directional low-pass (--directional)
 * measures the frequency along one axis only, so it blurs along that axis and nowhere else.
 */
public final class FourierFilters {
    /** RELION's --filter_edge_width default, in shells. */
    public static final int DEFAULT_EDGE_WIDTH = 2;

    private FourierFilters() {}

    /** The axis of a directional low-pass filter. */
    public enum Axis { X, Y, Z }

    public static FloatVolume lowPass(FloatVolume v, double resolution, double angpix, int edgeWidthShells) {
        requireCubicOrSquare(v, "--lowpass");
        FourierVolume f = Fft.forward(v);
        lowPass(f, resolution, angpix, edgeWidthShells);
        return Fft.inverse(f, v.pixelSize());
    }

    public static FloatVolume highPass(FloatVolume v, double resolution, double angpix, int edgeWidthShells) {
        requireCubicOrSquare(v, "--highpass");
        FourierVolume f = Fft.forward(v);
        highPass(f, resolution, angpix, edgeWidthShells);
        return Fft.inverse(f, v.pixelSize());
    }

    /** The low-pass edge applied to |k| along one axis, as relion_image_handler --directional does. */
    public static FloatVolume directionalLowPass(FloatVolume v, double resolution, double angpix, int edgeWidthShells, Axis axis) {
        requireCubicOrSquare(v, "--lowpass with --directional");
        if (axis == Axis.Z && v.nz() == 1) throw new IllegalArgumentException("--directional Z needs a 3D map, got an image");
        FourierVolume f = Fft.forward(v);
        apply(f, resolution, angpix, edgeWidthShells, false, axis);
        return Fft.inverse(f, v.pixelSize());
    }

    /** Keeps frequencies below the edge, zeroes those above it, in place. */
    public static void lowPass(FourierVolume f, double resolution, double angpix, int edgeWidthShells) {
        apply(f, resolution, angpix, edgeWidthShells, false, null);
    }

    /** Zeroes frequencies below the edge, keeps those above it, in place. */
    public static void highPass(FourierVolume f, double resolution, double angpix, int edgeWidthShells) {
        apply(f, resolution, angpix, edgeWidthShells, true, null);
    }

    /** @param axis null: the edge is on the radius; otherwise on |k| along that axis */
    private static void apply(FourierVolume f, double resolution, double angpix, int edgeWidth, boolean high, Axis axis) {
        if (!(resolution > 0) || !(angpix > 0))
            throw new IllegalArgumentException("filter resolution and pixel size must be positive, were " + resolution + " and " + angpix);
        if (edgeWidth < 0) throw new IllegalArgumentException("--filter_edge_width must be >= 0, was " + edgeWidth);
        int box = f.nx();
        long shell = Math.round(box * angpix / resolution);
        int half = edgeWidth / 2;
        // edges in 1/pixel, as RELION compares them
        double low = Math.max(0.0, (shell - half) / (double) box);
        double highEdge = (shell + half) / (double) box;
        double width = highEdge - low;
        float[] d = f.data();
        f.forEach((kx, ky, kz, o) -> {
            double k = axis == null ? FourierVolume.radius(kx, ky, kz)
                    : Math.abs(axis == Axis.X ? kx : axis == Axis.Y ? ky : kz);
            double res = k / box;
            double w;
            if (res < low) w = high ? 0 : 1;
            else if (res > highEdge) w = high ? 1 : 0;
            // zero edge width: the edge shell itself is kept (RELION multiplies it by 0/0 = NaN)
            else if (width == 0) w = 1;
            else {
                double c = 0.5 * Math.cos(Math.PI * (res - low) / width);
                w = high ? 0.5 - c : 0.5 + c;
            }
            d[o] *= (float) w;
            d[o + 1] *= (float) w;
        });
    }

    static void requireCubicOrSquare(FloatVolume v, String option) {
        boolean ok = v.nz() == 1 ? v.nx() == v.ny() : v.isCube();
        if (!ok) throw new IllegalArgumentException(option + " needs a cubic map or a square image, got "
                + v.nx() + "x" + v.ny() + "x" + v.nz());
    }
}
