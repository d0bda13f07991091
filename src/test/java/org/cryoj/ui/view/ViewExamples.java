package org.cryoj.ui.view;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;

/**
 * Runnable documentation for org.cryoj.ui.view: a small synthetic map and mask, shown with
 * whatever viewer is present, plus an FSC plot and a slice PNG. Run it from the test classpath,
 * e.g. {@code java -cp target/classes:target/test-classes:target/lib/* org.cryoj.ui.view.ViewExamples [outDir]};
 * headless, only the PNGs are made.
 * (On the test classpath the BigDataViewer/3D Viewer stand-ins are visible and answer instead of
 * opening windows; in Fiji the real viewers answer.)
 */
public final class ViewExamples {

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cryoj-view");
        double px = 2.0;
        int n = 48;

        // a map with two Gaussian "domains" and a soft spherical mask around them
        FloatVolume map = FloatVolume.zeros(n, n, n, px);
        FloatVolume mask = FloatVolume.zeros(n, n, n, px);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            double a = sq(x - 20) + sq(y - 24) + sq(z - 24), b = sq(x - 30) + sq(y - 26) + sq(z - 24);
            map.set(x, y, z, (float) (Math.exp(-a / 18) + 0.7 * Math.exp(-b / 12)));
            double r = Math.sqrt(sq(x - 24) + sq(y - 24) + sq(z - 24));
            mask.set(x, y, z, (float) (r < 14 ? 1 : r < 18 ? 0.5 + 0.5 * Math.cos(Math.PI * (r - 14) / 4) : 0));
        }

        String used = MapViewer.showWithMask(map, mask, ViewOptions.options().title("example map").maskAlpha(0.3));
        System.out.println("shown with: " + used);

        // an FSC that falls off like a map at ~7 Å, and a second curve (e.g. against the truth)
        double[] half = new double[n / 2 + 1], truth = new double[n / 2 + 1];
        for (int i = 0; i < half.length; i++) {
            double f = i / (n * px);
            half[i] = 1 / (1 + Math.exp((f - 0.135) / 0.012));
            truth[i] = Math.sqrt(2 * half[i] / (1 + half[i]));
        }
        FscPlot fsc = FscPlot.of(FscCurve.fromShells("half-maps", half, px, n))
                .withSecond(FscCurve.fromShells("vs truth (expected)", truth, px, n)).withTitle("example FSC");
        Path fscPng = out.resolve("example_fsc.png");
        fsc.savePng(fscPng, true);
        fsc.show();
        System.out.println(fsc.resolutionLabel() + " -> " + fscPng);

        Path iterPng = out.resolve("example_iterations.png");
        new IterationPlot("example run", new int[] {1, 2, 3, 4, 5, 6},
                new double[] {15, 10.2, 8.1, 7.4, 7.1, 7.0}, new double[] {7.5, 5.1, 3.7, 3.0, 2.6, 2.5})
                .savePng(iterPng, true);
        System.out.println("iterations -> " + iterPng);

        Path slices = out.resolve("example_slices.png");
        MapSlices.writePng(map, mask, slices, true);
        System.out.println("central slices -> " + slices);
    }

    private static double sq(double v) {
        return v * v;
    }
}
