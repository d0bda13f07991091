package org.cryoj.refine;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.cryoj.reconstruct.Projector;

/**
 * Window projections of fine (oversampled) orientations, computed once per half-set and
 * iteration and shared by the threads: in a global search every particle's fine pass draws from
 * the same oversampled grid, and projecting is the costly part of it. The cache holds at most
 * {@link #BUDGET_BYTES}; past that, projections are computed and not kept, so memory stays bounded
 * however many orientations the particles reach (up to 73,728 at HEALPix order 4 with D2).
 */
final class ProjectionCache {
    /** Memory the cache may hold: a quarter of the orientations of order 4 at a 38-pixel window. */
    static final long BUDGET_BYTES = 96L << 20;

    private final Projector projector;
    private final FourierRegion window;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();
    private final int maxEntries;

    ProjectionCache(Projector projector, FourierRegion window) {
        this.projector = projector;
        this.window = window;
        this.maxEntries = (int) Math.max(1, BUDGET_BYTES / (8L * window.size()));
    }

    float[][] projections(List<Orientation> orientations) {
        float[][] out = new float[orientations.size()][];
        for (int i = 0; i < out.length; i++) {
            Orientation o = orientations.get(i);
            String key = o.order() + ":" + o.pixel() + ":" + o.psi();
            float[] p = cache.get(key);
            if (p == null) {
                p = window.project(projector, o.matrix());
                if (cache.size() < maxEntries) cache.putIfAbsent(key, p);
            }
            out[i] = p;
        }
        return out;
    }
}
