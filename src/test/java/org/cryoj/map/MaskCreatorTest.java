package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

class MaskCreatorTest {

    /** A map whose value is minus the distance from the centre: thresholds cut exact spheres. */
    static FloatVolume cone(int n) {
        FloatVolume v = FloatVolume.zeros(n, n, n, 2.0);
        int c = n / 2;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            v.set(x, y, z, (float) -Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c)));
        return v;
    }

    @Test
    void softEdgeOfASingleVoxelIsTheRaisedCosineOfDistance() {
        // threshold keeps only the centre voxel; the edge is then 0.5 + 0.5 cos(pi d / W) of the distance d
        int n = 21, c = 10;
        double w = 4.5;
        FloatVolume m = MaskCreator.create(cone(n), new MaskSettings(-0.5, 0, w, 0, Double.NaN, false));
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double d = Math.sqrt((x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c));
            double expected = d == 0 ? 1 : d < w ? 0.5 + 0.5 * Math.cos(Math.PI * d / w) : 0;
            assertEquals(expected, m.get(x, y, z), 1e-6, "at " + x + "," + y + "," + z);
        }
        assertEquals(2.0, m.pixelSize());
    }

    @Test
    void extendAndShrinkMoveTheBinaryEdge() {
        int n = 31, c = 15;
        FloatVolume map = cone(n);
        // binary sphere of radius 6 (voxels with distance <= 6); growing by 3 gives voxels closer than
        // 3 to that set; shrinking by 2 keeps voxels at least 2 from the outside
        FloatVolume grown = MaskCreator.create(map, new MaskSettings(-6, 3, 0, 0, Double.NaN, false));
        FloatVolume shrunk = MaskCreator.create(map, new MaskSettings(-6, -2, 0, 0, Double.NaN, true));
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double d = -map.get(x, y, z);
            assertEquals(bruteGrow(map, x, y, z, 6, 3) ? 1f : 0f, grown.get(x, y, z), "grown at " + x + "," + y + "," + z);
            assertEquals(bruteShrink(map, x, y, z, 6, 2) ? 0f : 1f, shrunk.get(x, y, z), "shrunk (inverted) at " + x + "," + y + "," + z);
            if (d <= 6) assertEquals(1f, grown.get(x, y, z));
        }
        assertEquals(1f, grown.get(c + 8, c, c));
        assertEquals(0f, grown.get(c + 9, c, c));
    }

    private static boolean bruteGrow(FloatVolume map, int x, int y, int z, double r, double ext) {
        int e = (int) Math.ceil(ext);
        for (int k = -e; k <= e; k++) for (int j = -e; j <= e; j++) for (int i = -e; i <= e; i++) {
            int a = x + i, b = y + j, c = z + k;
            if (a < 0 || b < 0 || c < 0 || a >= map.nx() || b >= map.ny() || c >= map.nz()) continue;
            if (map.get(a, b, c) >= -r && i * i + j * j + k * k < ext * ext) return true;
        }
        return false;
    }

    private static boolean bruteShrink(FloatVolume map, int x, int y, int z, double r, double ext) {
        if (map.get(x, y, z) < -r) return false;
        int e = (int) Math.ceil(ext);
        for (int k = -e; k <= e; k++) for (int j = -e; j <= e; j++) for (int i = -e; i <= e; i++) {
            int a = x + i, b = y + j, c = z + k;
            if (a < 0 || b < 0 || c < 0 || a >= map.nx() || b >= map.ny() || c >= map.nz()) continue;
            if (map.get(a, b, c) < -r && i * i + j * j + k * k < ext * ext) return false;
        }
        return true;
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new MaskSettings(0.1, 0, -1, 0, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new MaskSettings(0.1, 0, 0, 0, 0, false));
    }
}
