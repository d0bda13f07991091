package org.cryoj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.gpu.ExpectationBackends;
import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.ScoringImage;
import org.cryoj.testutil.RandomScoringData;

/**
 * E-step throughput of each backend on the same data, the way the refinement calls them: --j
 * threads at once, each scoring its own particles against one shared projection set (the coarse
 * pass of a global search, scoreAll), then listed poses (the fine pass, scorePairs). Prints scores
 * (particle x orientation x translation) per second and the largest difference from the CPU
 * backend's scores. bench/gpu_estep.sh runs it.
 * <p>
 * Usage: EStepBench [--threads N] [--seconds S] [--orientations O] [--translations T] [--pixels K] BACKEND...
 * where BACKEND is {@code cpu} or a --gpu value ({@code opencl:0}, {@code cuda:0}, ...).
 */
public final class EStepBench {
    private record Result(String backend, double coarsePerSecond, double finePerSecond, double worst) {}

    public static void main(String[] args) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors(), no = 4608, nt = 25, k = 567;
        double seconds = 5;
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--orientations" -> no = Integer.parseInt(args[++i]);
                case "--translations" -> nt = Integer.parseInt(args[++i]);
                case "--pixels" -> k = Integer.parseInt(args[++i]);
                default -> backends.add(args[i]);
            }
        }
        if (backends.isEmpty()) backends.add("cpu");
        Random r = new Random(11);
        float[] base = RandomScoringData.gaussian(r, 2 * k, 1);
        float[][] proj = RandomScoringData.projections(r, base, no);
        int perThread = 2;
        List<List<ScoringImage>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<ScoringImage> mine = new ArrayList<>();
            for (int p = 0; p < perThread; p++) mine.add(RandomScoringData.image(r, base, k, nt, false));
            work.add(mine);
        }
        int pairs = 20000;
        int[] po = new int[pairs], pt = new int[pairs];
        for (int i = 0; i < pairs; i++) { po[i] = r.nextInt(Math.min(no, 600)); pt[i] = r.nextInt(nt); }
        System.out.printf(Locale.ROOT, "E-step bench: %d threads, %d orientations x %d translations x %d pixels (window), %d particles per round; fine pass %d poses per particle%n",
                threads, no, nt, k, threads * perThread, pairs);

        double[][][] reference = null;
        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (String name : backends) {
                ExpectationBackend b;
                if (name.equals("cpu")) {
                    b = new CpuExpectationBackend();
                    System.out.println(name + ": Compute: CPU backend");
                } else {
                    ExpectationBackends.Chosen c = ExpectationBackends.choose(name);
                    System.out.println(name + ": " + c.logLine());
                    b = c.backend();
                    if (b instanceof CpuExpectationBackend) {
                        System.out.println(name + ": not available, skipped");
                        continue;
                    }
                }
                try (ExpectationBackend backend = b) {
                    double[][][] scores = round(pool, backend, work, proj, no, nt);   // warm-up; the scores to compare
                    if (reference == null) reference = scores;
                    double worst = worst(reference, scores);
                    long t0 = System.nanoTime();
                    int rounds = 0;
                    while ((System.nanoTime() - t0) / 1e9 < seconds || rounds < 2) {
                        round(pool, backend, work, proj, no, nt);
                        rounds++;
                    }
                    double coarse = (double) rounds * threads * perThread * no * nt / ((System.nanoTime() - t0) / 1e9);
                    fine(pool, backend, work, proj, po, pt);
                    t0 = System.nanoTime();
                    rounds = 0;
                    while ((System.nanoTime() - t0) / 1e9 < seconds / 2 || rounds < 2) {
                        fine(pool, backend, work, proj, po, pt);
                        rounds++;
                    }
                    double fine = (double) rounds * threads * perThread * pairs / ((System.nanoTime() - t0) / 1e9);
                    Result res = new Result(name, coarse, fine, worst);
                    results.add(res);
                    System.out.printf(Locale.ROOT, "%s: coarse pass %.3g scores/s (%.1f G multiply-adds/s), fine pass %.3g scores/s; largest relative difference from %s %.1e%n",
                            name, coarse, coarse * 2 * k / 1e9, fine, backends.get(0), worst);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("backend\tcoarse_scores_per_s\tfine_scores_per_s\tmax_rel_diff");
        for (Result x : results)
            System.out.printf(Locale.ROOT, "%s\t%.4g\t%.4g\t%.2e%n", x.backend(), x.coarsePerSecond(), x.finePerSecond(), x.worst());
    }

    /** Every thread scores its particles against all projections at once; returns the scores. */
    private static double[][][] round(ExecutorService pool, ExpectationBackend b, List<List<ScoringImage>> work, float[][] proj, int no, int nt)
            throws Exception {
        List<Future<double[][]>> fs = new ArrayList<>();
        for (List<ScoringImage> mine : work) fs.add(pool.submit(() -> {
            double[][] out = new double[mine.size()][no * nt];
            b.scoreAll(mine, proj, false, out);
            return out;
        }));
        double[][][] all = new double[fs.size()][][];
        for (int i = 0; i < all.length; i++) all[i] = fs.get(i).get();
        return all;
    }

    private static void fine(ExecutorService pool, ExpectationBackend b, List<List<ScoringImage>> work, float[][] proj, int[] po, int[] pt)
            throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        for (List<ScoringImage> mine : work) fs.add(pool.submit(() -> {
            for (ScoringImage img : mine) b.scorePairs(img, proj, po, pt, false);
            return null;
        }));
        for (Future<?> f : fs) f.get();
    }

    private static double worst(double[][][] want, double[][][] got) {
        double w = 0;
        for (int i = 0; i < want.length; i++)
            for (int j = 0; j < want[i].length; j++)
                for (int s = 0; s < want[i][j].length; s++)
                    w = Math.max(w, Math.abs(got[i][j][s] - want[i][j][s]) / Math.abs(want[i][j][s]));
        return w;
    }
}
