package org.cryoj.extract;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A micrograph's rows in fixed blocks of {@code blockRows}, for reading it a block at a time:
 * which blocks each particle's box reads, how many particles read each block (a block is no
 * longer needed once that many are done), and the particles in order of their first row, so
 * that reading the blocks in order makes the particles ready in that order. Blocks no particle
 * reads need not be read at all.
 */
final class RowBlocks {
    final int blockRows;
    /** Particle indices in order of their first row. */
    final int[] order;
    /** First and last block of each particle (by particle index). */
    final int[] firstBlock, lastBlock;
    /** Particles reading each block. */
    final int[] readers;

    RowBlocks(double[] coordY, int ny, int box, int blockRows) {
        if (blockRows < 1) throw new IllegalArgumentException("blocks need rows, got " + blockRows);
        this.blockRows = blockRows;
        int n = coordY.length;
        int[] first = new int[n];
        firstBlock = new int[n];
        lastBlock = new int[n];
        readers = new int[(ny + blockRows - 1) / blockRows];
        for (int i = 0; i < n; i++) {
            int[] rows = ParticleWindow.rowsRead(coordY[i], ny, box);
            first[i] = rows[0];
            firstBlock[i] = rows[0] / blockRows;
            lastBlock[i] = (rows[1] - 1) / blockRows;
            for (int b = firstBlock[i]; b <= lastBlock[i]; b++) readers[b]++;
        }
        // by first row, then last: both grow with the coordinate, but boxes clamped at the top edge
        // share their first row, so the last rows, and blocks, must break the tie
        order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> first[i]).thenComparingInt(i -> lastBlock[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    int blocks() { return readers.length; }

    /** The most blocks one box of {@code box} rows can touch. */
    static int span(int box, int blockRows) {
        return (box + blockRows - 2) / blockRows + 1;
    }

    @Override
    public String toString() {
        return "RowBlocks[" + readers.length + " of " + blockRows + " rows, readers " + Arrays.toString(readers) + "]";
    }
}
