package org.cryoj.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.Plot;

/** Headless: the plots are rendered off-screen and saved as PNG. */
class FscPlotTest {

    /** Box 64 at 1.5 Å: shell i at i / 96 1/Å; FSC = 1 - 0.05 i crosses 0.143 at i = 17.14. */
    private static FscCurve linear() {
        double[] fsc = new double[33];
        for (int i = 0; i < fsc.length; i++) fsc[i] = 1 - 0.05 * i;
        return FscCurve.fromShells("half-maps", fsc, 1.5, 64);
    }

    @Test
    void crossingOfALinearCurveIsExact() {
        // 1 - 0.05 i = 0.143  =>  i = 17.14  =>  d = 96 / 17.14 Å
        double expected = 96 / ((1 - 0.143) / 0.05);
        assertEquals(expected, linear().resolutionAt(0.143), 1e-12);
        assertEquals(String.format(java.util.Locale.ROOT, "Resolution %.2f \u00c5 (FSC = 0.143)", expected),
                FscPlot.of(linear()).resolutionLabel());
        assertEquals("Resolution 5.60 \u00c5 (FSC = 0.143)", FscPlot.of(linear()).resolutionLabel());
    }

    @Test
    void crossingOfAGaussianCurveMatchesTheAnalyticValue() {
        // FSC(f) = exp(-(f / f0)^2) falls to 0.143 at f0 * sqrt(ln(1 / 0.143))
        double f0 = 0.2, px = 1.0;
        int box = 512;
        double[] fsc = new double[box / 2 + 1];
        for (int i = 0; i < fsc.length; i++) fsc[i] = Math.exp(-Math.pow(i / (box * px) / f0, 2));
        double truth = 1 / (f0 * Math.sqrt(Math.log(1 / 0.143)));
        assertEquals(truth, FscCurve.fromShells("g", fsc, px, box).resolutionAt(0.143), 1e-3 * truth);
    }

    @Test
    void firstCrossingCountsAndSpecialCasesAreLabelled() {
        FscCurve dip = new FscCurve("dip", new double[] {0, 0.1, 0.2, 0.3}, new double[] {1, 0.043, 0.5, 0.0});
        // first drop below 0.143 is between shells 0 and 1, not the later one after the bump
        assertEquals(0.1 * (1 - 0.143) / (1 - 0.043), dip.crossing(0.143), 1e-12);
        FscCurve high = new FscCurve("high", new double[] {0, 0.25}, new double[] {1, 0.9});
        assertEquals("Resolution better than 4.00 \u00c5 (FSC > 0.143 to the last shell)", FscPlot.of(high).resolutionLabel());
        FscCurve low = new FscCurve("low", new double[] {0, 0.25}, new double[] {0.1, 0});
        assertTrue(Double.isNaN(low.resolutionAt(0.143)));
        assertThrows(IllegalArgumentException.class, () -> new FscCurve("bad", new double[] {0, 0.2, 0.1}, new double[3]));
    }

    @Test
    void pngShowsTheCurveWhereItShouldBe(@TempDir Path dir) throws Exception {
        FscCurve truth = FscCurve.fromShells("vs truth", linear().fsc().clone(), 1.5, 64);
        double[] t = truth.fsc();
        for (int i = 0; i < t.length; i++) t[i] = Math.min(1, t[i] + 0.1);
        FscPlot plot = FscPlot.of(linear()).withSecond(FscCurve.fromShells("vs truth", t, 1.5, 64));
        Path png = dir.resolve("fsc.png");
        plot.savePng(png, false);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 200 && img.getHeight() > 100);

        // the blue half-map curve passes through (f, 1 - 0.05 i) at shell i = 8; find a blue pixel there
        Plot p = plot.toPlot();
        p.getImagePlus(); // lays the plot out so data -> pixel scaling is defined
        double f = 8 / 96.0;
        int px = (int) Math.round(p.scaleXtoPxl(f)), py = (int) Math.round(p.scaleYtoPxl(1 - 0.05 * 8));
        assertTrue(hasColourNear(img, px, py, 2, FscPlot.CURVE.getRGB()), "blue curve pixel near " + px + "," + py);
        // and none far from the curve in the empty top-right of the frame
        int ex = (int) Math.round(p.scaleXtoPxl(0.30)), ey = (int) Math.round(p.scaleYtoPxl(0.9));
        assertTrue(!hasColourNear(img, ex, ey, 2, FscPlot.CURVE.getRGB()));
        assertTrue(hasColourNear(img, (int) Math.round(p.scaleXtoPxl(f)), (int) Math.round(p.scaleYtoPxl(0.1 + 1 - 0.05 * 8)),
                2, FscPlot.SECOND.getRGB()), "red second curve");

        assertThrows(FileAlreadyExistsException.class, () -> plot.savePng(png, false));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void iterationPlotDrawsBothSeries(@TempDir Path dir) throws Exception {
        IterationPlot it = new IterationPlot("run", new int[] {1, 2, 3, 4}, new double[] {12, 8, 6, 5}, new double[] {6, 4, 2.5, 2});
        Path png = dir.resolve("iter.png");
        it.savePng(png, false);
        BufferedImage img = ImageIO.read(png.toFile());
        Plot p = it.toPlot();
        p.getImagePlus();
        int px = (int) Math.round(p.scaleXtoPxl(2)), py = (int) Math.round(p.scaleYtoPxl(8));
        assertTrue(hasColourNear(img, px, py, 3, FscPlot.CURVE.getRGB()));
        assertTrue(hasColourNear(img, px, (int) Math.round(p.scaleYtoPxl(4)), 3, FscPlot.SECOND.getRGB()));
        assertThrows(IllegalArgumentException.class, () -> new IterationPlot("x", new int[] {1}, new double[2], null));
    }

    static boolean hasColourNear(BufferedImage img, int x, int y, int r, int rgb) {
        for (int v = y - r; v <= y + r; v++)
            for (int u = x - r; u <= x + r; u++)
                if (u >= 0 && v >= 0 && u < img.getWidth() && v < img.getHeight() && (img.getRGB(u, v) & 0xffffff) == (rgb & 0xffffff))
                    return true;
        return false;
    }
}
