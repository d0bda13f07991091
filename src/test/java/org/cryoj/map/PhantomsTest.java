package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.junit.jupiter.api.Test;

class PhantomsTest {

    @Test
    void committedTestMapIsTheGeneratorsOutput() throws Exception {
        FloatVolume committed = MrcFile.read(Path.of("test-images/phantom_d2_box64_3.54A.mrc"));
        FloatVolume generated = Phantoms.d2(64, 3.54);
        assertEquals(3.54, committed.pixelSize(), 1e-6);
        assertArrayEquals(generated.data(), committed.data());
    }

    @Test
    void phantomHasD2SymmetryAndNoMore() {
        int n = 48;
        FloatVolume v = Phantoms.d2(n, 2.0);
        int c = n / 2;
        double twoFoldErr = 0, fourFoldDiff = 0, mirrorDiff = 0;
        // voxel coordinates relative to the centre stay on the grid for |d| < n/2
        for (int z = -c + 1; z < c; z++) for (int y = -c + 1; y < c; y++) for (int x = -c + 1; x < c; x++) {
            float f = v.get(c + x, c + y, c + z);
            twoFoldErr = Math.max(twoFoldErr, Math.abs(f - v.get(c + x, c - y, c - z)));   // 2-fold about X
            twoFoldErr = Math.max(twoFoldErr, Math.abs(f - v.get(c - x, c + y, c - z)));   // about Y
            twoFoldErr = Math.max(twoFoldErr, Math.abs(f - v.get(c - x, c - y, c + z)));   // about Z
            fourFoldDiff = Math.max(fourFoldDiff, Math.abs(f - v.get(c - y, c + x, c + z))); // 4-fold about Z
            mirrorDiff = Math.max(mirrorDiff, Math.abs(f - v.get(c - x, c + y, c + z)));     // mirror in X
        }
        assertTrue(twoFoldErr < 1e-5, "2-fold error " + twoFoldErr);
        assertTrue(fourFoldDiff > 0.3, "should not have a 4-fold: " + fourFoldDiff);
        assertTrue(mirrorDiff > 0.3, "should be chiral: " + mirrorDiff);
    }
}
