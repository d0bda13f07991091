package org.cryoj.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import ij.gui.Plot;

import org.cryoj.ui.view.PngOutput;

/**
 * For bench/scaling.sh: its CSV (header tool,particles,box,...,seconds_per_iteration,...) as one
 * PNG with two panels, seconds per auto-refine iteration against the number of particles (the
 * rows at box BOX) and against the box (the rows with PARTICLES particles), one curve per tool.
 * NA (a run that did not reach iteration 3) leaves the point out.
 * Usage: ScalingPlot CSV PNG BOX PARTICLES   (run with -Djava.awt.headless=true)
 */
public final class ScalingPlot {
    private ScalingPlot() {}

    record Row(String tool, int particles, int box, double seconds) {}

    private static final String[] TOOLS = {"cryoj", "relion"};
    private static final String[] LEGEND = {"CryoJ (--j 1, one core)", "RELION 3.1.3 (3 MPI ranks, --j 1, the same core)"};
    private static final Color[] COLOURS = {Color.BLUE, new Color(200, 0, 0)};

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ScalingPlot CSV PNG BOX PARTICLES");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        int box = Integer.parseInt(args[2]), particles = Integer.parseInt(args[3]);
        BufferedImage left = panel(rows, r -> r.box() == box, Row::particles, "Particles (box " + box + "; log scale)", true)
                .getImagePlus().getBufferedImage();
        BufferedImage right = panel(rows, r -> r.particles() == particles, Row::box,
                "Box (pixels; " + particles + " particles, same physical size)", false).getImagePlus().getBufferedImage();
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        PngOutput.write(both, Path.of(args[1]), true);
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) throw new IllegalArgumentException(csv + ": empty");
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int tool = column(csv, header, "tool"), particles = column(csv, header, "particles"), box = column(csv, header, "box"),
                seconds = column(csv, header, "seconds_per_iteration");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split(",");
            if (f.length < header.size())
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": " + f.length + " fields, header has " + header.size());
            try {
                double s = f[seconds].equals("NA") ? Double.NaN : Double.parseDouble(f[seconds]);
                rows.add(new Row(f[tool], Integer.parseInt(f[particles]), Integer.parseInt(f[box]), s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": not a number in particles, box or seconds_per_iteration", e);
            }
        }
        return rows;
    }

    private static int column(Path csv, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new IllegalArgumentException(csv + " line 1: no column " + name);
        return i;
    }

    private static Plot panel(List<Row> rows, Predicate<Row> selected, ToIntFunction<Row> xOf, String xLabel, boolean logX) {
        Plot p = new Plot("Seconds per iteration", xLabel, "Seconds per iteration (mean of it. 2, 3; log scale)");
        p.setSize(520, 380);
        double xMin = Double.MAX_VALUE, xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        List<double[][]> curves = new ArrayList<>();
        StringBuilder legend = new StringBuilder();
        for (int t = 0; t < TOOLS.length; t++) {
            String tool = TOOLS[t];
            double[][] xy = rows.stream().filter(r -> r.tool().equals(tool) && selected.test(r) && !Double.isNaN(r.seconds()))
                    .sorted((a, b) -> Integer.compare(xOf.applyAsInt(a), xOf.applyAsInt(b)))
                    .map(r -> new double[] {xOf.applyAsInt(r), r.seconds()}).toArray(double[][]::new);
            curves.add(xy);
            for (double[] point : xy) {
                xMin = Math.min(xMin, point[0]);
                xMax = Math.max(xMax, point[0]);
                yMin = Math.min(yMin, point[1]);
                yMax = Math.max(yMax, point[1]);
            }
        }
        if (yMax == 0) throw new IllegalArgumentException("no measured points for the panel '" + xLabel + "'");
        // log y: the tools can differ by more than ten times (log x too for a count: slope 1 = linear
        // cost); room for the legend at the top
        p.setAxisYLog(true);
        p.setAxisXLog(logX);
        double pad = xMax > xMin ? 0.08 * (xMax - xMin) : 0.5 * xMax;
        if (logX) p.setLimits(xMin / 1.3, xMax * 1.3, yMin / 2, yMax * 4);
        else p.setLimits(Math.max(0, xMin - pad), xMax + pad, yMin / 2, yMax * 4);
        p.setLineWidth(2);
        for (int t = 0; t < TOOLS.length; t++) {
            double[][] xy = curves.get(t);
            if (xy.length == 0) continue;
            p.setColor(COLOURS[t], COLOURS[t]);
            p.add("connected circle", Arrays.stream(xy).mapToDouble(a -> a[0]).toArray(), Arrays.stream(xy).mapToDouble(a -> a[1]).toArray());
            legend.append(legend.length() == 0 ? "" : "\n").append(LEGEND[t]);
        }
        p.setColor(Color.BLACK);
        p.addLegend(legend.toString(), "top-left");
        return p;
    }
}
