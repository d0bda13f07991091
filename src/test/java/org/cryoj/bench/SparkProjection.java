package org.cryoj.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.gui.Plot;

import org.cryoj.ui.view.PngOutput;

/**
 * For bench/spark_vs_local.sh: from a local run and a Spark run of the same refinement (their
 * rootnames and the Spark run's log), per iteration the wall times (between the iterations'
 * optimiser files) and Spark's overhead, then a projected time per iteration against the number of
 * executors, Amdahl's law with the parts measured here:
 *
 * <pre>T(N) = S + P + (W - P x E) / N</pre>
 *
 * W: the E-step tasks' summed run time; S: all of the Spark iteration that is not the busiest
 * executor's task time (the driver's M-step, accuracy estimate and files, the plan's broadcast,
 * scheduling, sending and merging the sums); P: one executor's time making the half-sets'
 * projectors (each executor makes them once per iteration, so that part does not shrink with N); E:
 * the executors measured. The limit as N grows is S + P. It assumes every executor as fast as those
 * measured and at least N partitions per half-set, and counts the aggregation as measured (its bytes
 * grow with the partitions: the table lists them).
 * Usage: SparkProjection LOCAL_ROOT SPARK_ROOT SPARK_LOG EXECUTORS FIRST_IT LAST_IT CSV PNG
 */
public final class SparkProjection {
    private SparkProjection() {}

    private static final Pattern LINE = Pattern.compile(" Iteration (\\d+): Spark E-step ([\\d.]+) s: (\\d+) tasks \\(longest ([\\d.]+) s, all ([\\d.]+) s, "
            + "busiest executor ([\\d.]+) s, projectors ([\\d.]+) s, CPU ([\\d.]+) s\\), plan broadcast ([\\d.]+) MB in ([\\d.]+) s, job ([\\d.]+) s, "
            + "results ([\\d.]+) MB \\+ shuffle ([\\d.]+) MB, driver merge ([\\d.]+) s");

    record Spark(double estep, int tasks, double longest, double all, double busiest, double projectors, double cpu, double broadcastMb,
                 double broadcastS, double job, double resultsMb, double shuffleMb, double merge) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: SparkProjection LOCAL_ROOT SPARK_ROOT SPARK_LOG EXECUTORS FIRST_IT LAST_IT CSV PNG");
            System.exit(2);
        }
        Path local = Path.of(args[0]), spark = Path.of(args[1]);
        List<String> log = Files.readAllLines(Path.of(args[2]));
        int executors = Integer.parseInt(args[3]), first = Integer.parseInt(args[4]), last = Integer.parseInt(args[5]);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| iteration | local s | Spark s | Spark/local | E-step on Spark s | busiest executor s | tasks' CPU s | "
                + "overhead s (E-step - busiest) | plan broadcast | results + shuffle | driver merge s |%n|---|---|---|---|---|---|---|---|---|---|---|%n"));
        double sumW = 0, sumS = 0, sumP = 0, sumLocal = 0, sumSpark = 0;
        int n = 0;
        for (int k = first; k <= last; k++) {
            double tl = seconds(local, k), ts = seconds(spark, k);
            Spark s = spark(log, k);
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f MB, %.2f s | %.1f + %.1f MB | %.2f |%n", k, tl, ts,
                    ts / tl, s.estep(), s.busiest(), s.cpu(), s.estep() - s.busiest(), s.broadcastMb(), s.broadcastS(), s.resultsMb(), s.shuffleMb(), s.merge()));
            sumW += s.all();
            sumS += ts - s.busiest();
            sumP += s.projectors() / executors;
            sumLocal += tl;
            sumSpark += ts;
            n++;
        }
        double w = sumW / n, serial = sumS / n, p = sumP / n;
        out.append(String.format(Locale.ROOT, "%nMean of iterations %d-%d: local %.2f s, Spark %.2f s (%+.1f%%); W = %.2f s of E-step tasks, S = %.2f s "
                + "outside the busiest executor, P = %.2f s of projectors per executor%n%n", first, last, sumLocal / n, sumSpark / n,
                100 * (sumSpark / sumLocal - 1), w, serial, p));
        out.append("| executors | projected s per iteration | speed-up vs 1 executor |\n|---|---|---|\n");
        int[] ns = {1, 2, 4, 8, 16, 32, 64};
        double[] t = new double[ns.length];
        StringBuilder csv = new StringBuilder("executors,projected_seconds_per_iteration,speedup,amdahl_limit_seconds\n");
        for (int i = 0; i < ns.length; i++) {
            t[i] = serial + p + (w - p * executors) / ns[i];
            out.append(String.format(Locale.ROOT, "| %d | %.2f | %.1f |%n", ns[i], t[i], t[0] / t[i]));
            csv.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f%n", ns[i], t[i], t[0] / t[i], serial + p));
        }
        out.append(String.format(Locale.ROOT, "| limit | %.2f (S + P) | %.1f |%n", serial + p, t[0] / (serial + p)));
        System.out.print(out);
        Files.writeString(Path.of(args[6]), csv);
        plot(ns, t, serial + p, sumLocal / n, Path.of(args[7]));
    }

    /** Wall seconds of iteration k: between the optimiser files of iterations k - 1 and k. */
    static double seconds(Path root, int k) throws IOException {
        Path a = root.resolveSibling(root.getFileName() + String.format("_it%03d_optimiser.star", k - 1));
        Path b = root.resolveSibling(root.getFileName() + String.format("_it%03d_optimiser.star", k));
        return (Files.getLastModifiedTime(b).toMillis() - Files.getLastModifiedTime(a).toMillis()) / 1e3;
    }

    static Spark spark(List<String> log, int k) {
        for (String l : log) {
            Matcher m = LINE.matcher(l);
            if (m.find() && Integer.parseInt(m.group(1)) == k) {
                double[] v = new double[13];
                for (int i = 2; i <= 14; i++) v[i - 2] = Double.parseDouble(m.group(i));
                return new Spark(v[0], (int) v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
            }
        }
        throw new IllegalArgumentException("no Spark E-step line for iteration " + k + " in the log");
    }

    private static void plot(int[] ns, double[] t, double limit, double local, Path png) throws IOException {
        Plot p = new Plot("Projected seconds per iteration", "Spark executors (1 core each; log scale)", "Seconds per iteration (log scale)");
        p.setSize(560, 380);
        double[] x = new double[ns.length];
        for (int i = 0; i < ns.length; i++) x[i] = ns[i];
        p.setAxisXLog(true);
        p.setAxisYLog(true);
        p.setLimits(0.8, 80, Math.min(limit, local) / 2, t[0] * 2);
        p.setLineWidth(2);
        p.setColor(Color.BLUE, Color.BLUE);
        p.add("connected circle", x, t);
        p.setColor(new Color(200, 0, 0));
        p.add("line", new double[] {0.8, 80}, new double[] {limit, limit});
        p.setColor(new Color(0, 140, 0));
        p.add("line", new double[] {0.8, 80}, new double[] {local, local});
        p.setColor(Color.BLACK);
        p.addLegend(String.format(Locale.ROOT, "projected from the 2-executor run%nAmdahl limit (driver part + projectors) %.2f s%n"
                + "measured: local run, --j 2 on 2 cores, %.2f s", limit, local), "top-right");
        PngOutput.write(p.getImagePlus().getBufferedImage(), png, true);
    }
}
