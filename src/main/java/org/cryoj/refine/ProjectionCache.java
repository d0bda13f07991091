package org.cryoj.refine;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.cryoj.reconstruct.Projector;

/**
 * Window projections of fine (oversampled) orientations, computed once per half-set and
 * iteration and shared by the threads: in a global search every particle's fine pass draws from
 * the same oversampled grid, and projecting is the costly part of it.
 */
final class ProjectionCache {
    private final Projector projector;
    private final FourierRegion window;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();

    ProjectionCache(Projector projector, FourierRegion window) {
        this.projector = projector;
        this.window = window;
    }

    float[][] projections(List<Orientation> orientations) {
        float[][] out = new float[orientations.size()][];
        for (int i = 0; i < out.length; i++) {
            Orientation o = orientations.get(i);
            String key = o.order() + ":" + o.pixel() + ":" + o.psi();
            float[] p = cache.get(key);
            if (p == null) {
                p = window.project(projector, o.matrix());
                cache.putIfAbsent(key, p);
            }
            out[i] = p;
        }
        return out;
    }
}
