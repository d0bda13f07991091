package org.cryoj.refine;

import java.util.ArrayList;
import java.util.List;

/**
 * RELION's coarse translational sampling: offsets (ix step, iy step) around a centre with
 * |offset| &lt;= range, ix and iy integers; with oversampling order q each coarse offset splits
 * into 2^q x 2^q finer ones spaced step / 2^q around it. All in pixels.
 */
public final class TranslationGrid {
    private TranslationGrid() {}

    /** Offsets (dx, dy) relative to the search centre; always holds (0, 0). */
    public static List<double[]> coarse(double range, double step) {
        if (!(step > 0)) throw new IllegalArgumentException("offset step must be > 0, was " + step);
        int maxr = (int) Math.ceil(range / step);
        List<double[]> out = new ArrayList<>();
        for (int iy = -maxr; iy <= maxr; iy++)
            for (int ix = -maxr; ix <= maxr; ix++) {
                double x = ix * step, y = iy * step;
                // a tiny tolerance keeps points exactly on the circle in spite of rounding
                if (x * x + y * y <= range * range * (1 + 1e-9)) out.add(new double[] {x, y});
            }
        return out;
    }

    /** The 4^q oversampled offsets of one coarse offset (itself when q = 0). */
    public static List<double[]> oversampled(double[] coarse, double step, int order) {
        int n = 1 << order;
        List<double[]> out = new ArrayList<>(n * n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                out.add(new double[] {coarse[0] + step * ((i + 0.5) / n - 0.5), coarse[1] + step * ((j + 0.5) / n - 0.5)});
        return out;
    }
}
