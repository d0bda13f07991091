package org.cryoj.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A micrograph cut into bands of whole rows, each holding every row some of the particles read,
 * so that only a band, not the whole micrograph, need be in memory at a time. Particles are taken
 * in order of their first row; a band grows while its next particle's rows fit within
 * {@code maxRows} of the band's first row. Bands may overlap (such rows are read twice).
 */
final class MicrographBands {
    private MicrographBands() {}

    /** Rows [firstRow, endRow) and the particles (indices into the job's, in order of rows) read from them. */
    record Band(int firstRow, int endRow, int[] particles) {
        int rows() { return endRow - firstRow; }
    }

    /**
     * @param coordY  the particles' y coordinates (micrograph pixels)
     * @param ny      rows of the micrograph
     * @param box     the extracted box
     * @param maxRows the most rows of a band; at least min(box, ny)
     */
    static List<Band> of(double[] coordY, int ny, int box, int maxRows) {
        if (maxRows < Math.min(box, ny)) throw new IllegalArgumentException(maxRows + " rows cannot hold a box of " + box);
        int n = coordY.length;
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) rows[i] = ParticleWindow.rowsRead(coordY[i], ny, box);
        // a box's first and last row both grow with its coordinate: sorted by one, sorted by both
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> rows[i][0]).thenComparingInt(i -> i));
        List<Band> out = new ArrayList<>();
        int k = 0;
        while (k < n) {
            int first = rows[order[k]][0], end = first, from = k;
            while (k < n && rows[order[k]][1] - first <= maxRows) end = Math.max(end, rows[order[k++]][1]);
            int[] members = new int[k - from];
            for (int j = from; j < k; j++) members[j - from] = order[j];
            out.add(new Band(first, end, members));
        }
        return out;
    }
}
