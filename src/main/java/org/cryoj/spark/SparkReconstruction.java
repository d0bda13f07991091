package org.cryoj.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.mrc.StackReaders;
import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.BackprojectionBackend;
import org.cryoj.reconstruct.BackprojectionRunner;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Particle;
import org.cryoj.reconstruct.ParticleReader;
import org.cryoj.reconstruct.Reconstructor;

/**
 * reconstruct's backprojection on a Spark cluster: the particles (angles, origins, CTFs, stacks by
 * absolute path) are broadcast, each of S partitions backprojects its slot (particles t, t + S, ...)
 * with {@link Reconstructor#backprojectSlot}, and one treeAggregate adds the slots in
 * {@link Reconstructor.Sums}' fixed tree: the map equals a local run's with --j S bit for bit.
 * Symmetrisation and the reconstruction stay on the driver.
 */
public final class SparkReconstruction implements BackprojectionRunner {
    private final SparkCluster cluster;
    private final int partitions, depth;
    private String lastLine = "";

    public SparkReconstruction(SparkCluster cluster, int partitions, int depth) {
        if (partitions < 1) throw new IllegalArgumentException("--spark_partitions must be at least 1, was " + partitions);
        this.cluster = cluster;
        this.partitions = partitions;
        this.depth = depth;
    }

    @Override
    public String name() {
        return "Spark " + cluster.master() + ", " + partitions + " partitions (the sums of a local run with --j " + partitions + ")";
    }

    /** What the last run took, for the log. */
    public String lastLine() { return lastLine; }

    @Override
    public BackProjector backprojectAll(ParticleReader.Particles particles, FourierGrid grid) throws IOException {
        JavaSparkContext sc = cluster.context();
        long t0 = System.nanoTime();
        List<Particle> absolute = new ArrayList<>(particles.list().size());
        for (Particle p : particles.list()) {
            Path file = p.image().resolve(Path.of("")).toAbsolutePath().normalize();
            absolute.add(new Particle(new ImageReference(p.image().index(), file.toString()), p.rotation(), p.originX(), p.originY(), p.ctf(),
                    p.pixelSize()));
        }
        Broadcast<ArrayList<Particle>> bc = sc.broadcast(new ArrayList<>(absolute));
        double px = particles.pixelSize();
        int slots = Math.min(partitions, particles.list().size());
        List<Integer> items = new ArrayList<>();
        for (int t = 0; t < slots; t++) items.add(t);
        int mark = cluster.metrics().taskCount();
        Reconstructor.Sums sums;
        try {
            sums = sc.parallelize(items, slots).treeAggregate(new Reconstructor.Sums(slots),
                    (acc, slot) -> {
                        acc.add(slot, backprojectSlot(bc.value(), px, grid, slot, slots));
                        return acc;
                    },
                    (a, b) -> {
                        a.addAll(b);
                        return a;
                    }, depth);
        } catch (Exception e) {
            throw SparkErrors.rethrow(e, "the backprojection");
        } finally {
            bc.destroy();
        }
        long bytes = cluster.metrics().tasksSince(mark).stream().mapToLong(t -> t.resultBytes() + t.shuffleBytes()).sum();
        lastLine = String.format(java.util.Locale.ROOT, "Spark backprojection: %d partitions in %.2f s, %.1f MB of sums aggregated", slots,
                (System.nanoTime() - t0) / 1e9, bytes / 1e6);
        return sums.result();
    }

    /** On an executor: one slot into its own accumulator, the stacks opened for this task only. */
    private static BackProjector backprojectSlot(List<Particle> list, double px, FourierGrid grid, int slot, int slots) throws IOException {
        try (StackReaders stacks = new StackReaders(grid.box(), StackReaders.DEFAULT_MAX_OPEN)) {
            return Reconstructor.backprojectSlot(new ParticleReader.Particles(list, null, px), grid, stacks, slot, slots, BackprojectionBackend.CPU);
        }
    }
}
