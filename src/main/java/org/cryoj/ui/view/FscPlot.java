package org.cryoj.ui.view;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import ij.gui.Plot;

/**
 * FSC against spatial frequency as an ImageJ plot, with the gold-standard 0.143 line and the
 * resolution where the (first) curve crosses it:
 * <pre>
 * FscPlot.of(FscCurve.fromShells("half-maps", fsc, 1.244, 256)).withSecond(vsTruth).savePng(Path.of("fsc.png"), false);
 * </pre>
 *
 * @param second an optional second curve (e.g. FSC against the true map), or null
 */
public record FscPlot(String title, FscCurve curve, FscCurve second) {

    /** Gold-standard FSC threshold for two independent half-maps. */
    public static final double THRESHOLD = 0.143;
    static final Color CURVE = Color.BLUE;
    static final Color SECOND = new Color(200, 0, 0);

    public FscPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(curve, "curve");
    }

    public static FscPlot of(FscCurve curve) {
        return new FscPlot("FSC", curve, null);
    }

    public FscPlot withSecond(FscCurve other) { return new FscPlot(title, curve, other); }
    public FscPlot withTitle(String newTitle) { return new FscPlot(newTitle, curve, second); }

    /** E.g. "Resolution 4.21 Å (FSC = 0.143)". */
    public String resolutionLabel() {
        double f = curve.crossing(THRESHOLD);
        if (Double.isNaN(f)) return String.format(Locale.ROOT, "FSC below %.3f from the first shell", THRESHOLD);
        if (Double.isInfinite(f))
            return String.format(Locale.ROOT, "Resolution better than %.2f \u00c5 (FSC > %.3f to the last shell)",
                    1 / curve.maxFrequency(), THRESHOLD);
        return String.format(Locale.ROOT, "Resolution %.2f \u00c5 (FSC = %.3f)", 1 / f, THRESHOLD);
    }

    public Plot toPlot() {
        Plot p = new Plot(title, "Resolution (1/\u00c5)", "FSC");
        double xMax = second == null ? curve.maxFrequency() : Math.max(curve.maxFrequency(), second.maxFrequency());
        p.setLimits(0, xMax, Math.min(-0.05, Math.min(min(curve.fsc()), second == null ? 0 : min(second.fsc()))), 1.05);
        p.setLineWidth(2);
        p.setColor(CURVE);
        p.addPoints(curve.frequency(), curve.fsc(), Plot.LINE);
        String legend = curve.label();
        if (second != null) {
            p.setColor(SECOND);
            p.addPoints(second.frequency(), second.fsc(), Plot.LINE);
            legend += "\n" + second.label();
        }
        p.setLineWidth(1);
        p.setColor(Color.DARK_GRAY);
        p.drawDottedLine(0, THRESHOLD, xMax, THRESHOLD, 4);
        double f = curve.crossing(THRESHOLD);
        if (f > 0 && Double.isFinite(f)) p.drawDottedLine(f, 0, f, THRESHOLD, 4);
        p.addLegend(legend);
        p.setColor(Color.BLACK);
        p.addLabel(0.5, 0.08, resolutionLabel()); // top right: empty once the curve has fallen
        return p;
    }

    public void savePng(Path target, boolean overwrite) throws IOException {
        PngOutput.write(toPlot().getImagePlus().getBufferedImage(), target, overwrite);
    }

    /** Opens a plot window; does nothing headless (save a PNG instead). */
    public void show() {
        if (!GraphicsEnvironment.isHeadless()) toPlot().show();
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }
}
