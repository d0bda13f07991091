package org.cryoj.ui.view;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;

import ij.gui.Plot;

/**
 * How an auto-refine run progressed: resolution (Å) and estimated angular accuracy (degrees)
 * per iteration, on one plot (both fall as the run converges, in similar ranges).
 *
 * @param iterations       iteration numbers (RELION counts from 1)
 * @param resolution       Å per iteration
 * @param angularAccuracy  degrees per iteration, or null when not known
 */
public record IterationPlot(String title, int[] iterations, double[] resolution, double[] angularAccuracy) {

    public IterationPlot {
        if (iterations.length == 0) throw new IllegalArgumentException("no iterations to plot");
        if (resolution.length != iterations.length || (angularAccuracy != null && angularAccuracy.length != iterations.length))
            throw new IllegalArgumentException("need one resolution" + (angularAccuracy != null ? " and one accuracy" : "")
                    + " per iteration (" + iterations.length + ")");
        iterations = iterations.clone();
        resolution = resolution.clone();
        angularAccuracy = angularAccuracy == null ? null : angularAccuracy.clone();
    }

    /** The plot of a refinement run's history (resolution and estimated angular accuracy per iteration). */
    public static IterationPlot of(String title, org.cryoj.refine.RefineHistory h) {
        return new IterationPlot(title, h.iterations(), h.resolution(), h.accuracyRotations());
    }

    public Plot toPlot() {
        double[] x = new double[iterations.length];
        double top = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = iterations[i];
            top = Math.max(top, resolution[i]);
            if (angularAccuracy != null) top = Math.max(top, angularAccuracy[i]);
        }
        Plot p = new Plot(title, "Iteration", angularAccuracy == null ? "Resolution (\u00c5)" : "Resolution (\u00c5) / accuracy (\u00b0)");
        p.setLimits(Math.min(0, x[0]), x[x.length - 1] + 1, 0, top * 1.1);
        p.setLineWidth(2);
        p.setColor(FscPlot.CURVE, FscPlot.CURVE);
        p.add("connected circle", x, resolution);
        String legend = "resolution (\u00c5)";
        if (angularAccuracy != null) {
            p.setColor(FscPlot.SECOND, FscPlot.SECOND);
            p.add("connected circle", x, angularAccuracy);
            legend += "\nangular accuracy (\u00b0)";
        }
        p.setColor(Color.BLACK);
        p.addLegend(legend);
        return p;
    }

    public void savePng(Path target, boolean overwrite) throws IOException {
        PngOutput.write(toPlot().getImagePlus().getBufferedImage(), target, overwrite);
    }

    /** Opens a plot window; does nothing headless. */
    public void show() {
        if (!GraphicsEnvironment.isHeadless()) toPlot().show();
    }
}
