package org.cryoj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.Projector;
import org.cryoj.reconstruct.TestMaps;
import org.cryoj.simulate.RandomRotations;

/**
 * Projections and backprojections per second at box 64/128/256, pad 1 and 2, on 2 threads, with
 * a roofline estimate per projection: an N x N/2 half slice within the N/2 disc holds about
 * pi N²/8 Fourier pixels, each reading 8 complex neighbours (64 bytes) and doing ~30 flops
 * (rotation 9, trilinear 7 complex lerps = 28, sign 2). A backprojection writes 8 complex + 8
 * weights (read-modify-write, 2 x 96 bytes) and ~50 flops per pixel.
 * Run: {@code java -cp target/classes:target/test-classes:<deps> org.cryoj.bench.ProjectorBench [seconds]}.
 */
public final class ProjectorBench {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int threads = 2;
        System.out.println("box pad   proj/s   backproj/s  Fourier-px/slice  flop/proj  bytes/proj  proj GFLOP/s  proj GB/s");
        for (int box : new int[] {64, 128, 256})
            for (int pad : new int[] {1, 2}) {
                FloatVolume map = FloatVolume.zeros(box, box, box, 1.0);
                Random rnd = new Random(1);
                for (int i = 0; i < map.data().length; i++) map.data()[i] = (float) rnd.nextGaussian();
                Projector p = Projector.of(map, pad);
                double proj = rate(threads, seconds, () -> {
                    float[] out = new float[p.projectionLength()];
                    Random r = new Random();
                    return () -> p.project(rotation(r), out);
                });
                double back = rate(threads, seconds, () -> {
                    BackProjector bp = new BackProjector(p.grid());
                    float[] f = new float[p.projectionLength()];
                    p.project(rotation(new Random(2)), f);
                    Random r = new Random();
                    return () -> bp.backproject(f, null, rotation(r));
                });
                double pixels = Math.PI * box * box / 8;
                double flops = 30 * pixels, bytes = 64 * pixels;
                System.out.printf("%3d %3d %9.0f %11.0f %15.0f %11.2e %11.2e %13.2f %10.2f%n", box, pad, proj, back, pixels,
                        flops, bytes, proj * flops / 1e9, proj * bytes / 1e9);
            }
    }

    interface Work { Runnable make(); }

    /** Operations per second over all threads, after a warm-up of a quarter of the time. */
    private static double rate(int threads, double seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            long warm = (long) (seconds * 0.25e9), end = (long) (seconds * 1.25e9);
            for (int t = 0; t < threads; t++)
                fs.add(pool.submit(() -> {
                    Runnable r = work.make(); // allocation (up to ~1 GB at box 256, pad 2) is not timed
                    long t0 = System.nanoTime();
                    while (System.nanoTime() - t0 < warm) r.run();
                    long n = 0;
                    while (System.nanoTime() - t0 < end) { r.run(); n++; }
                    return n;
                }));
            long total = 0;
            for (Future<Long> f : fs) total += f.get();
            return total / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[][] rotation(Random rnd) {
        return TestMaps.matrix(RandomRotations.uniform(rnd));
    }

}
