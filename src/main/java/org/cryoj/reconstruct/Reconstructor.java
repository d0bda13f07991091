package org.cryoj.reconstruct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.ctf.Ctf;
import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.fourier.PhaseShift;
import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.mrc.MrcStackReader;
import org.cryoj.io.mrc.StackReaders;
import org.cryoj.parallel.SlotTree;

/**
 * relion_reconstruct: backprojects the particles of a STAR file at their angles and origins
 * (optionally CTF-weighted), symmetrises, reconstructs and writes the map. Image names resolve
 * against the working directory, as in RELION. Each thread fills its own accumulator (a
 * {@link BackProjector}, or sums on a device: {@link BackprojectionBackend}); they are merged at the end.
 */
public final class Reconstructor {
    private Reconstructor() {}

    /** Runs the job on the CPU and returns the map it wrote. */
    public static FloatVolume run(ReconstructSettings s) throws IOException {
        return run(s, BackprojectionBackend.CPU);
    }

    /** Runs the job with the backprojection on {@code backend} (--j threads) and returns the map it wrote. */
    public static FloatVolume run(ReconstructSettings s, BackprojectionBackend backend) throws IOException {
        return run(s, BackprojectionRunner.local(backend, s.threads()));
    }

    /** Runs the job with the backprojection wherever {@code runner} puts it (threads, a cluster); the rest here. */
    public static FloatVolume run(ReconstructSettings s, BackprojectionRunner runner) throws IOException {
        AtomicOutput.checkNotInput(s.output(), s.input());
        AtomicOutput.checkWritable(s.output(), s.overwrite());
        SymmetryGroup group = SymmetryGroup.parse(s.symmetry());
        ParticleReader.Particles particles = ParticleReader.read(s.input(), s.angpix(), s.ctf());
        int box = boxOf(particles.list().get(0));
        FourierGrid grid = new FourierGrid(box, s.padding(), s.rMax(box, particles.pixelSize()));
        BackProjector bp = runner.backprojectAll(particles, grid);
        if (group.size() > 1) {
            List<double[][]> ops = new ArrayList<>();
            for (Rotation3 r : group.operators()) ops.add(ParticleReader.matrix(r));
            bp.symmetrise(ops);
        }
        FloatVolume map = s.griddingIterations() > 0 ? bp.reconstructGridded(particles.pixelSize(), s.griddingIterations())
                : bp.reconstruct(particles.pixelSize());
        MrcFile.write(s.output(), map, MrcMode.FLOAT32, s.overwrite());
        return map;
    }

    /** Backprojects every particle on {@code threads} threads into one accumulator, on the CPU. */
    public static BackProjector backprojectAll(ParticleReader.Particles particles, FourierGrid grid, int threads) throws IOException {
        return backprojectAll(particles, grid, threads, BackprojectionBackend.CPU);
    }

    /** The same with each thread's sums on {@code backend}: one slot per thread, added in {@link Sums}' tree. */
    public static BackProjector backprojectAll(ParticleReader.Particles particles, FourierGrid grid, int threads,
                                               BackprojectionBackend backend) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // one pool of open stacks for all threads, so --j never multiplies the number of open files
        try (StackReaders stacks = new StackReaders(grid.box(), StackReaders.DEFAULT_MAX_OPEN)) {
            List<Future<BackProjector>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> backprojectSlot(particles, grid, stacks, first, threads, backend)));
            }
            Sums total = new Sums(threads);
            for (int t = 0; t < threads; t++) total.add(t, parts.get(t).get());
            return total.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while backprojecting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Slot {@code slot} of {@code slots}: particles slot, slot + slots, ... into a new accumulator on
     * {@code backend}, read through {@code stacks} (image names resolved against the working directory).
     */
    public static BackProjector backprojectSlot(ParticleReader.Particles particles, FourierGrid grid, StackReaders stacks,
                                                int slot, int slots, BackprojectionBackend backend) throws IOException {
        return backprojectEvery(particles, grid, stacks, slot, slots, backend);
    }

    /** The slots' accumulators added in a fixed tree (see {@link SlotTree}): the same sums in any order of arrival. */
    public static final class Sums extends SlotTree<BackProjector> {
        private static final long serialVersionUID = 1L;

        public Sums(int slots) { super(slots); }

        @Override
        protected BackProjector merge(BackProjector left, BackProjector right) {
            left.merge(right);
            return left;
        }
    }

    /** Particles first, first + step, ... into a new accumulator. */
    private static BackProjector backprojectEvery(ParticleReader.Particles particles, FourierGrid grid, StackReaders stacks,
                                                  int first, int step, BackprojectionBackend backend) throws IOException {
        try (SliceAccumulator bp = backend.open(grid)) {
            backprojectEvery(particles, grid, stacks, first, step, bp);
            return bp.result();
        }
    }

    private static void backprojectEvery(ParticleReader.Particles particles, FourierGrid grid, StackReaders stacks,
                                         int first, int step, SliceAccumulator bp) throws IOException {
        int n = grid.box();
        float[] pixels = new float[n * n];
        for (int i = first; i < particles.list().size(); i += step) {
            Particle p = particles.list().get(i);
            stacks.read(p.image().resolve(Path.of("")), p.image().zeroBasedIndex(), pixels);
            FourierVolume f = Fft.forward(new FloatVolume(n, n, 1, pixels, p.pixelSize()));
            // RELION's convention: the particle sits at centre - origin, so shifting by +origin centres it
            PhaseShift.shift(f, p.originX(), p.originY(), 0);
            // relion_reconstruct sets each image's F(0, 0) to 0 before backprojecting it (its weight stays)
            f.data()[0] = 0;
            f.data()[1] = 0;
            // the CTF at the image's own pixel size; in a map at another pixel size (--angpix) a frequency
            // lands at (map pixel size / image pixel size) times its image index: RELION scales A by the
            // inverse ratio (ObservationModel::applyScaleDifference) and backprojects with A^-1
            float[] ctf = p.ctf() == null ? null : new Ctf(p.ctf()).halfComplexImage(n, n, p.pixelSize());
            bp.backproject(f.data(), ctf, scaled(p.rotation(), particles.pixelSize() / p.pixelSize()));
        }
    }

    private static double[][] scaled(double[][] a, double factor) {
        if (factor == 1) return a;
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = a[i][j] * factor;
        return m;
    }

    private static int boxOf(Particle first) throws IOException {
        try (MrcStackReader r = MrcStackReader.open(first.image().resolve(Path.of("")))) {
            if (r.header().nx() != r.header().ny())
                throw new IOException(r.file() + ": particle images must be square, got " + r.header().nx() + "x" + r.header().ny());
            return r.header().nx();
        }
    }
}
