package org.cryoj.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapSlicesTest {

    private static final int N = 32, C = N / 2;

    /** Three blobs, each on exactly one of the central planes z = C, y = C, x = C. */
    private static FloatVolume blobs() {
        FloatVolume v = FloatVolume.zeros(N, N, N, 2.0);
        blob(v, C + 6, C - 7, C);     // on the XY plane only
        blob(v, C - 9, C, C + 5);     // on the XZ plane only
        blob(v, C, C + 8, C - 10);    // on the YZ plane only
        return v;
    }

    private static void blob(FloatVolume v, int x0, int y0, int z0) {
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double r2 = (x - x0) * (x - x0) + (y - y0) * (y - y0) + (z - z0) * (z - z0);
            v.set(x, y, z, v.get(x, y, z) + (float) Math.exp(-r2 / 2));
        }
    }

    /** Grey level at voxel (u, v) of panel k, read from the PNG. */
    private static int grey(BufferedImage img, int k, int u, int v, int s) {
        int x0 = k * (N * s + MapSlices.GAP);
        return img.getRGB(x0 + u * s + s / 2, v * s + s / 2) & 0xff;
    }

    @Test
    void blobsAppearInTheirPanelsOnly(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("slices.png");
        MapSlices.writePng(blobs(), null, png, false);
        BufferedImage img = ImageIO.read(png.toFile());
        int s = MapSlices.scale(blobs());
        assertEquals(8, s); // 32 voxels enlarged to 256 pixels
        assertEquals(3 * N * s + 2 * MapSlices.GAP, img.getWidth());

        assertEquals(255, grey(img, 0, C + 6, C - 7, s)); // XY: column x, row y
        assertEquals(255, grey(img, 1, C - 9, C + 5, s)); // XZ: column x, row z
        assertEquals(255, grey(img, 2, C + 8, C - 10, s)); // YZ: column y, row z
        // where the other blobs would be if the panels were mixed up, it is dark
        assertTrue(grey(img, 0, C - 9, C + 5, s) < 5);
        assertTrue(grey(img, 1, C + 6, C - 7, s) < 5);
        assertTrue(grey(img, 2, C + 6, C - 7, s) < 5);
    }

    @Test
    void maskOutlineIsDrawnAtTheMaskEdge() {
        FloatVolume mask = FloatVolume.zeros(N, N, N, 2.0);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++)
            if ((x - C) * (x - C) + (y - C) * (y - C) + (z - C) * (z - C) <= 100) mask.set(x, y, z, 1);
        BufferedImage img = MapSlices.render(blobs(), mask);
        int s = MapSlices.scale(mask), yellow = MapSlices.OUTLINE.getRGB();
        assertEquals(yellow, img.getRGB((C + 10) * s, C * s)); // radius-10 sphere edge in XY, on the x axis
        assertEquals(yellow, img.getRGB(2 * (N * s + MapSlices.GAP) + C * s, (C - 10) * s)); // edge in YZ along z
        assertTrue(img.getRGB(C * s, C * s) != yellow, "inside is not outline");
    }
}
