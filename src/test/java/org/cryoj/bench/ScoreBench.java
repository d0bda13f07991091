package org.cryoj.bench;

import java.util.List;
import java.util.Random;

import org.cryoj.refine.CpuExpectationBackend;
import org.cryoj.refine.ScoringImage;

/**
 * Throughput of the CPU backend's coarse pass (scoreAll) on the shape of a global search at
 * HEALPix order 3 with D2 (9216 orientations, 21 translations, a 38-pixel window): products per
 * second, one thread. Usage: java -cp target/classes:target/test-classes org.cryoj.bench.ScoreBench [orientations] [translations] [pixels]
 */
public final class ScoreBench {
    public static void main(String[] args) {
        int no = args.length > 0 ? Integer.parseInt(args[0]) : 9216, nt = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 567;
        Random r = new Random(1);
        float[][] p = new float[no][2 * k], b = new float[nt][2 * k];
        for (float[] a : p) for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (float[] a : b) for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        float[] ctf2w = new float[k];
        java.util.Arrays.fill(ctf2w, 0.5f);
        ScoringImage img = new ScoringImage(b, ctf2w, 1000);
        CpuExpectationBackend be = new CpuExpectationBackend();
        double[] s = new double[no * nt];
        for (int rep = 0; rep < 40; rep++) {
            long t0 = System.nanoTime();
            be.scoreAll(List.of(img), p, false, new double[][] {s});
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("scoreAll %d x %d x %d: %.3f s, %.2f G multiply-adds/s (checksum %.3f)%n", no, nt, 2 * k, sec,
                    (double) no * nt * 2 * k / sec / 1e9, s[s.length / 2]);
        }
    }
}
