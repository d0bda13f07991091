package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Windows of a known ramp micrograph, value x + 1000 y at pixel (x, y). */
class ParticleWindowTest {
    private static final int NX = 64, NY = 48;

    private static float[] ramp() {
        float[] m = new float[NX * NY];
        for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) m[x + NX * y] = x + 1000 * y;
        return m;
    }

    @Test
    void boxCentreSitsOnTheTruncatedCoordinate() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, 10.7, 20.2, 8);
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++)
                assertEquals((6 + i) + 1000 * (16 + j), box[i + 8 * j], "pixel " + i + "," + j);
        assertEquals(10 + 1000 * 20, box[4 + 8 * 4]);   // pixel (size/2, size/2) is the coordinate
    }

    @Test
    void pixelsOutsideRepeatTheNearestEdge() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, 1, NY - 2, 8);
        // x0 = -3, y0 = 42: columns 0..2 repeat column 0, rows beyond 47 repeat row 47
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++) {
                int x = Math.max(0, -3 + i), y = Math.min(NY - 1, 42 + j);
                assertEquals(x + 1000 * y, box[i + 8 * j], "pixel " + i + "," + j);
            }
    }

    @Test
    void negativeFractionTruncatesTowardZero() {
        float[] box = ParticleWindow.extract(ramp(), NX, NY, -0.9, 5, 4);
        assertEquals(0 + 1000 * 5, box[2 + 4 * 2]);
    }

    @Test
    void boxWhollyOutsideFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParticleWindow.extract(ramp(), NX, NY, -10, 5, 8));
        assertTrue(e.getMessage().contains("completely outside"), e.getMessage());
        // one column still inside: accepted
        ParticleWindow.extract(ramp(), NX, NY, -3, 5, 8);
    }

    @Test
    void blocksOfRowsGiveTheSameBoxAsTheWholeMicrograph() {
        float[] mic = ramp();
        for (int blockRows : new int[] {1, 5, 7, 16, NY})
            for (double[] c : new double[][] {{10.7, 20.2}, {1, NY - 2}, {NX - 1, 0.5}, {30, 3}, {-3, 47.9}, {5, 1}, {5, 2}}) {
                float[] whole = ParticleWindow.extract(mic, NX, NY, c[0], c[1], 8);
                int[] rows = ParticleWindow.rowsRead(c[1], NY, 8);
                int first = rows[0] / blockRows, last = (rows[1] - 1) / blockRows;
                java.nio.FloatBuffer[] blocks = new java.nio.FloatBuffer[last - first + 1];
                for (int b = first; b <= last; b++)   // each block alone in a buffer of its own, longer than needed
                    blocks[b - first] = java.nio.FloatBuffer.wrap(java.util.Arrays.copyOfRange(mic, b * blockRows * NX, (b + 1) * blockRows * NX + 3));
                float[] box = new float[64];
                ParticleWindow.extract(blocks, first, blockRows, NX, NY, c[0], c[1], 8, box);
                org.junit.jupiter.api.Assertions.assertArrayEquals(whole, box, "particle at " + c[0] + ", " + c[1] + ", blocks of " + blockRows);
            }
    }

    @Test
    void rowBlocksCountTheirReadersAndOrderParticlesByRow() {
        java.util.Random r = new java.util.Random(3);
        int ny = 2048, box = 360;
        double[] ys = new double[500];
        for (int i = 0; i < ys.length; i++) ys[i] = -100 + r.nextDouble() * (ny + 200);
        for (int blockRows : new int[] {1, 64, 100, 360, ny}) {
            RowBlocks plan = new RowBlocks(ys, ny, box, blockRows);
            int[] readers = new int[plan.blocks()];
            int previousFirst = -1, previousLast = -1;
            for (int p : plan.order) {
                int[] rows = ParticleWindow.rowsRead(ys[p], ny, box);
                assertEquals(rows[0] / blockRows, plan.firstBlock[p]);
                assertEquals((rows[1] - 1) / blockRows, plan.lastBlock[p]);
                assertTrue(plan.lastBlock[p] - plan.firstBlock[p] + 1 <= RowBlocks.span(box, blockRows), "span of particle " + p);
                // in order of rows, so reading blocks in order makes particles ready in this order
                assertTrue(rows[0] >= previousFirst && plan.lastBlock[p] >= previousLast, "order at particle " + p);
                previousFirst = rows[0];
                previousLast = plan.lastBlock[p];
                for (int b = plan.firstBlock[p]; b <= plan.lastBlock[p]; b++) readers[b]++;
            }
            assertEquals(ys.length, plan.order.length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(readers, plan.readers, "readers per block of " + blockRows);
        }
        // a box starting on a block's last row touches the most blocks
        assertEquals(7, RowBlocks.span(360, 64));
        assertEquals(new RowBlocks(new double[] {63 + 180}, 2048, 360, 64).lastBlock[0] + 1, 7);
    }
}
