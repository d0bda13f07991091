package org.cryoj.ui.view;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;

/**
 * A quick look at a map without a viewer: the central XY, XZ and YZ slices side by side, grey
 * levels stretched jointly over the three, the mask's 0.5 outline drawn on top. In each panel the
 * first named axis runs left to right and the second top to bottom (ImageJ's orientation);
 * small maps are enlarged by a whole factor so the picture is at least {@value #MIN_EDGE} pixels tall.
 */
public final class MapSlices {

    static final int MIN_EDGE = 256;
    /** Gap between panels, in output pixels. */
    static final int GAP = 4;
    static final Color OUTLINE = Color.YELLOW;

    private MapSlices() {}

    public static void writePng(FloatVolume map, FloatVolume mask, Path target, boolean overwrite) throws IOException {
        PngOutput.write(render(map, mask), target, overwrite);
    }

    /** @param mask same grid as the map, or null */
    public static BufferedImage render(FloatVolume map, FloatVolume mask) {
        if (mask != null) MapViewer.checkSameGrid(map, mask);
        int nx = map.nx(), ny = map.ny(), nz = map.nz();
        int cx = nx / 2, cy = ny / 2, cz = nz / 2;
        float[][] panels = {slice(map, 'z', cz), slice(map, 'y', cy), slice(map, 'x', cx)};
        float[][] maskPanels = mask == null ? null
                : new float[][] {slice(mask, 'z', cz), slice(mask, 'y', cy), slice(mask, 'x', cx)};
        int[][] sizes = {{nx, ny}, {nx, nz}, {ny, nz}};
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float[] p : panels) for (float v : p) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        double range = hi > lo ? hi - lo : 1;

        int s = scale(map);
        int width = s * (nx + nx + ny) + 2 * GAP, height = s * Math.max(ny, nz);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int x0 = 0;
        for (int k = 0; k < 3; k++) {
            int w = sizes[k][0], h = sizes[k][1];
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int rgb;
                    if (maskPanels != null && onOutline(maskPanels[k], w, h, u, v)) {
                        rgb = OUTLINE.getRGB();
                    } else {
                        int g = (int) Math.round(255 * (panels[k][u + w * v] - lo) / range);
                        rgb = 0xff000000 | g << 16 | g << 8 | g;
                    }
                    for (int dy = 0; dy < s; dy++) for (int dx = 0; dx < s; dx++) img.setRGB(x0 + u * s + dx, v * s + dy, rgb);
                }
            }
            x0 += w * s + GAP;
        }
        return img;
    }

    /** Whole enlargement factor for this map. */
    static int scale(FloatVolume map) {
        return Math.max(1, MIN_EDGE / Math.max(map.ny(), map.nz()));
    }

    /** The slice at {@code index} across {@code axis}, as (first, second) remaining axes: XY, XZ or YZ. */
    private static float[] slice(FloatVolume v, char axis, int index) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        switch (axis) {
            case 'z': {
                float[] out = new float[nx * ny];
                System.arraycopy(v.data(), index * nx * ny, out, 0, out.length);
                return out;
            }
            case 'y': {
                float[] out = new float[nx * nz];
                for (int z = 0; z < nz; z++) for (int x = 0; x < nx; x++) out[x + nx * z] = v.get(x, index, z);
                return out;
            }
            default: {
                float[] out = new float[ny * nz];
                for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) out[y + ny * z] = v.get(index, y, z);
                return out;
            }
        }
    }

    /** Inside the mask (>= 0.5) with a 4-neighbour outside it. */
    private static boolean onOutline(float[] m, int w, int h, int u, int v) {
        if (m[u + w * v] < 0.5f) return false;
        return u == 0 || v == 0 || u == w - 1 || v == h - 1
                || m[u - 1 + w * v] < 0.5f || m[u + 1 + w * v] < 0.5f || m[u + w * (v - 1)] < 0.5f || m[u + w * (v + 1)] < 0.5f;
    }
}
