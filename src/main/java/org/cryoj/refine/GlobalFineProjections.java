package org.cryoj.refine;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.cryoj.reconstruct.Projector;

/**
 * A global search's oversampled orientations and their fine-pass projections, made when first
 * needed and then shared by every particle of the half-set for the iteration. With flat posteriors
 * (the first likelihood iteration, data too noisy to align) each particle reaches nearly every
 * child of the grid, and projecting them per particle cost more than scoring them. Values depend
 * only on the index, so which thread makes one first does not change any result.
 */
final class GlobalFineProjections {
    /** Largest size worth holding: the first iterations' small windows fit; later global searches at high orders do not. */
    static final long BUDGET_BYTES = 64L << 20;

    private final List<Orientation> parents;
    private final OrientationSampling sampling;
    private final Projector projector;
    private final FourierRegion window;
    private final int perParent;
    private final AtomicReferenceArray<List<Orientation>> children;
    private final AtomicReferenceArray<float[]> projections, parentProjections;

    private GlobalFineProjections(OrientationSampling sampling, Projector projector, FourierRegion window) {
        this.parents = sampling.global();
        this.sampling = sampling;
        this.projector = projector;
        this.window = window;
        this.perParent = sampling.children(parents.get(0)).size();
        this.children = new AtomicReferenceArray<>(parents.size());
        this.projections = new AtomicReferenceArray<>(parents.size() * perParent);
        this.parentProjections = new AtomicReferenceArray<>(parents.size());
    }

    /** The shared set for a global search over {@code sampling}, or null when all its projections would exceed {@code budgetBytes}. */
    static GlobalFineProjections of(OrientationSampling sampling, Projector projector, FourierRegion window, long budgetBytes) {
        List<Orientation> parents = sampling.global();
        if (parents.isEmpty()) return null;
        long bytes = (long) parents.size() * sampling.children(parents.get(0)).size() * window.size() * 8L;
        return bytes <= budgetBytes ? new GlobalFineProjections(sampling, projector, window) : null;
    }

    /** The window these projections cover (the iteration's current size). */
    FourierRegion window() { return window; }

    /** Children per global orientation. */
    int perParent() { return perParent; }

    /** Number of fine orientations (keys parent x perParent + child). */
    int size() { return projections.length(); }

    /** Number of global (coarse) orientations. */
    int parents() { return parentProjections.length(); }

    /** Rotation matrix of fine orientation {@code key}. */
    double[][] matrix(int key) { return children(key / perParent).get(key % perParent).matrix(); }

    /** The oversampled children of global orientation {@code parent}. */
    List<Orientation> children(int parent) {
        List<Orientation> c = children.get(parent);
        if (c == null) {
            c = sampling.children(parents.get(parent));
            children.set(parent, c);
        }
        return c;
    }

    /** Fine-window projection of global orientation {@code parent} itself (a flat posterior's stand-in for its children's). */
    float[] parentProjection(int parent) {
        float[] p = parentProjections.get(parent);
        if (p == null) {
            p = window.project(projector, parents.get(parent).matrix());
            parentProjections.set(parent, p);
        }
        return p;
    }

    /** Fine-window projection of child {@code child} of global orientation {@code parent}. */
    float[] projection(int parent, int child) {
        int i = parent * perParent + child;
        float[] p = projections.get(i);
        if (p == null) {
            p = window.project(projector, children(parent).get(child).matrix());
            projections.set(i, p);
        }
        return p;
    }
}
