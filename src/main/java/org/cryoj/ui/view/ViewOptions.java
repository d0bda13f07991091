package org.cryoj.ui.view;

import java.awt.Color;
import java.util.Objects;

/**
 * How {@link MapViewer} shows a map: immutable, built with {@code ViewOptions.options().title("run_class001")...}.
 * Every setter returns a new instance, so a shared default can never be changed by a caller.
 */
public final class ViewOptions {

    /** Which viewer to use. AUTO takes the first one present: BigDataViewer, 3D Viewer, plain ImageJ. */
    public enum Backend { AUTO, BDV, VIEWER3D, IMAGEJ }

    private final String title;
    private final Backend backend;
    private final double isoThreshold;
    private final Color maskColor;
    private final double maskAlpha;

    private ViewOptions(String title, Backend backend, double isoThreshold, Color maskColor, double maskAlpha) {
        this.title = title;
        this.backend = backend;
        this.isoThreshold = isoThreshold;
        this.maskColor = maskColor;
        this.maskAlpha = maskAlpha;
    }

    /** Defaults: title "map", AUTO backend, automatic isosurface level, red mask at 40 % opacity. */
    public static ViewOptions options() {
        return new ViewOptions("map", Backend.AUTO, Double.NaN, Color.RED, 0.4);
    }

    public ViewOptions title(String newTitle) {
        if (newTitle == null || newTitle.isBlank())
            throw new IllegalArgumentException("title must not be empty");
        return new ViewOptions(newTitle, backend, isoThreshold, maskColor, maskAlpha);
    }

    public ViewOptions backend(Backend preferred) {
        return new ViewOptions(title, Objects.requireNonNull(preferred, "backend"), isoThreshold, maskColor, maskAlpha);
    }

    /** Isosurface level in map units (3D Viewer); NaN = mean + 2 standard deviations of the map. */
    public ViewOptions isoThreshold(double level) {
        if (Double.isInfinite(level))
            throw new IllegalArgumentException("isosurface threshold must be finite (or NaN for automatic), was " + level);
        return new ViewOptions(title, backend, level, maskColor, maskAlpha);
    }

    public ViewOptions maskColor(Color color) {
        return new ViewOptions(title, backend, isoThreshold, Objects.requireNonNull(color, "mask colour"), maskAlpha);
    }

    /** Opacity of the mask overlay, 0 (invisible) to 1 (opaque). */
    public ViewOptions maskAlpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1))
            throw new IllegalArgumentException("mask alpha must be in [0, 1], was " + alpha);
        return new ViewOptions(title, backend, isoThreshold, maskColor, alpha);
    }

    public String title() { return title; }
    public Backend backend() { return backend; }
    public double isoThreshold() { return isoThreshold; }
    public Color maskColor() { return maskColor; }
    public double maskAlpha() { return maskAlpha; }

    @Override
    public String toString() {
        return "ViewOptions[title=" + title + ", backend=" + backend + ", iso=" + isoThreshold
                + ", mask=#" + Integer.toHexString(maskColor.getRGB() & 0xffffff) + " alpha " + maskAlpha + "]";
    }
}
