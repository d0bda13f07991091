package org.cryoj.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.cryoj.extract.Recentring.Position;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.MrcDataReader;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.io.mrc.MrcImageEncoder;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.mrc.MrcSlotStackWriter;

/**
 * Runs the extraction of many micrographs in bounded memory with every thread busy. One thread
 * reads the micrographs, in order, band by band ({@link MicrographBands}: the rows a group of
 * particles needs, at most {@value #BAND_BOXES} boxes high) into {@value #BANDS_IN_MEMORY} reused
 * buffers. The --j workers share out the particles of the band in hand and go on to the next
 * band, already read, while the last particles of the previous are finished; each writes its
 * particle straight to its slot in its micrograph's stack. One more thread finishes stacks
 * (header, flush to disk, rename), which mostly waits on the disk. Memory: two bands and one set
 * of buffers per worker, whatever the number of particles or the height of the micrographs.
 *
 * <p>Dust noise is drawn from a generator seeded per particle, so the output does not depend on
 * which worker took which particle.
 */
final class ExtractionPipeline {
    static final int BANDS_IN_MEMORY = 2, BAND_BOXES = 3;

    private final ExtractSettings settings;
    private final Path projectDir;
    private final Rescaler rescaler;
    private final List<MicrographJob> jobs;
    private final ProgressListener listener;
    private final BandSequence sequence = new BandSequence();
    private final BlockingQueue<float[]> freeBuffers = new ArrayBlockingQueue<>(BANDS_IN_MEMORY);
    private final List<MrcSlotStackWriter> opened = new ArrayList<>();
    private final Path[] written;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private ExecutorService committer;

    /** A micrograph's stack being filled, band by band. */
    private record Output(MicrographJob job, MrcSlotStackWriter stack, AtomicInteger remaining) {}

    /** Rows of a micrograph in memory and the particles to cut from them. */
    private static final class Band {
        final Output output;
        final int firstRow, nx, ny;
        final int[] particles;
        final AtomicInteger next = new AtomicInteger(), remaining;
        volatile float[] pixels;   // given back (null) once every particle is done

        Band(Output output, MicrographBands.Band rows, int nx, int ny, float[] pixels) {
            this.output = output;
            this.firstRow = rows.firstRow();
            this.nx = nx;
            this.ny = ny;
            this.particles = rows.particles();
            this.remaining = new AtomicInteger(particles.length);
            this.pixels = pixels;
        }
    }

    /** Bands in reading order, shared by all workers; a worker waits for the next one. */
    private final class BandSequence {
        private final List<Band> bands = new ArrayList<>();
        private boolean complete;

        synchronized void add(Band b) { bands.add(b); notifyAll(); }

        synchronized void finish() { complete = true; notifyAll(); }

        /** Band k, waiting until it is read; null when there is none (all done, or stopped). */
        synchronized Band get(int k) throws InterruptedException {
            while (k >= bands.size() && !complete && !stopped) wait();
            return stopped || k >= bands.size() ? null : bands.get(k);
        }

        synchronized void wake() { notifyAll(); }
    }

    ExtractionPipeline(ExtractSettings settings, Path projectDir, Rescaler rescaler, List<MicrographJob> jobs,
                       ProgressListener listener) {
        this.settings = settings;
        this.projectDir = projectDir;
        this.rescaler = rescaler;
        this.jobs = jobs;
        this.listener = listener;
        this.written = new Path[jobs.size()];
        for (int i = 0; i < BANDS_IN_MEMORY; i++) freeBuffers.add(new float[0]);   // sized on first use
    }

    /** @return the stacks written, in job order (fewer when cancelled) */
    List<Path> run() throws IOException {
        listener.started(jobs.size());
        ExecutorService reader = Executors.newSingleThreadExecutor(named("cryoj-extract-read"));
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), named("cryoj-extract"));
        committer = Executors.newSingleThreadExecutor(named("cryoj-extract-write"));
        try {
            reader.execute(this::readAll);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < settings.threads(); t++) running.add(workers.submit(this::work));
            for (Future<?> f : running) f.get();
            committer.shutdown();
            committer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            stop(null);
            Thread.currentThread().interrupt();
            throw new CancellationException("extraction interrupted");
        } catch (ExecutionException e) {
            stop(e.getCause());   // workers catch everything; only an Error gets here
        } finally {
            stop(null);
            reader.shutdownNow();
            workers.shutdownNow();
            committer.shutdownNow();
            // no thread may still open or commit a stack while the others are discarded
            awaitQuietly(reader, workers, committer);
            closeAll();
        }
        rethrow(failure.get());
        List<Path> out = new ArrayList<>();
        for (Path p : written) if (p != null) out.add(p);
        return out;
    }

    /** The reader thread: micrographs in job order, band by band, each into a free buffer. */
    private void readAll() {
        MrcDataReader mrc = new MrcDataReader();
        MrcMode mode = settings.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32;
        int n = settings.outputSize(), box = settings.extractSize();
        try {
            for (int k = 0; k < jobs.size() && !stopped; k++) {
                MicrographJob job = jobs.get(k);
                MrcHeader h = mrc.header(job.micrographFile());
                if (h.nz() != 1)
                    throw new InputFormatException(job.micrographFile(), -1, "nz",
                            "expected a single 2D micrograph, found " + h.nz() + " sections");
                double[] ys = new double[job.particles()];
                for (int i = 0; i < ys.length; i++) ys[i] = job.positions()[i].coordY();
                List<MicrographBands.Band> bands = MicrographBands.of(ys, h.ny(), box, Math.min(h.ny(), BAND_BOXES * box));
                MrcSlotStackWriter stack = MrcSlotStackWriter.create(projectDir.resolve(job.stackName()), n, n,
                        job.particles(), settings.outputPixelSize(job.angpix()), mode, settings.overwrite());
                synchronized (opened) { opened.add(stack); }
                Output output = new Output(job, stack, new AtomicInteger(job.particles()));
                for (MicrographBands.Band b : bands) {
                    float[] buffer = freeBuffers.take();
                    if (stopped) return;
                    int pixels = Math.multiplyExact(b.rows(), h.nx());
                    if (buffer.length < pixels) buffer = new float[Math.multiplyExact(Math.min(h.ny(), BAND_BOXES * box), h.nx())];
                    mrc.read(job.micrographFile(), h, b.firstRow(), b.rows(), buffer);
                    sequence.add(new Band(output, b, h.nx(), h.ny(), buffer));
                }
            }
            sequence.finish();
        } catch (InterruptedException e) {
            stop(null);
        } catch (Throwable t) {
            stop(t);
        }
    }

    /** A worker: the particles of each band in turn, shared with the other workers. */
    private void work() {
        try {
            ParticleProcessor processor = new ParticleProcessor(settings, rescaler);
            MrcImageEncoder encoder = new MrcImageEncoder(settings.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32,
                    settings.outputSize() * settings.outputSize());
            boolean dust = settings.whiteDust() > 0 || settings.blackDust() > 0;
            for (int k = 0; ; k++) {
                Band b = sequence.get(k);
                if (b == null) return;
                MicrographJob job = b.output.job();
                for (int i = b.next.getAndIncrement(); i < b.particles.length; i = b.next.getAndIncrement()) {
                    if (stopped) return;
                    if (listener.isCancelled()) { stop(null); return; }
                    int p = b.particles[i];
                    Position at = job.positions()[p];
                    Random random = dust ? new Random(((long) job.index() << 32) ^ p) : null;
                    float[] img;
                    try {
                        img = processor.process(b.pixels, b.firstRow, b.nx, b.ny, at.coordX(), at.coordY(), random);
                    } catch (IllegalArgumentException e) {
                        throw new InputFormatException(job.micrographFile(), -1, "particle " + (p + 1), e.getMessage());
                    }
                    b.output.stack().write(p, encoder.encode(img), encoder.statistics());
                    if (b.remaining.decrementAndGet() == 0) release(b);
                    if (b.output.remaining().decrementAndGet() == 0) commit(b.output);
                }
            }
        } catch (Throwable t) {
            stop(t);
        }
    }

    /** Every particle of b is written: its buffer goes back to the reader. */
    private void release(Band b) {
        float[] pixels = b.pixels;
        b.pixels = null;
        freeBuffers.add(pixels);
    }

    /** Every particle of a micrograph is written: the committer finishes its stack. */
    private void commit(Output o) {
        try {
            committer.execute(() -> {
                try {
                    if (stopped) return;
                    // a cancel after the last particle was cut still keeps this stack from being written
                    if (listener.isCancelled()) { stop(null); return; }
                    o.stack().commit();
                    written[o.job().index()] = o.stack().target();
                    listener.micrographDone(o.job().index());
                } catch (Throwable t) {
                    stop(t);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: the stack is discarded with the others
        }
    }

    /** Stops every thread at its next check; the first cause is kept (null: a cancel, or the end). */
    private void stop(Throwable cause) {
        // what fails after a stop (an interrupted read, a closed channel) is its consequence
        if (cause != null && !stopped) failure.compareAndSet(null, cause);
        stopped = true;
        sequence.wake();
    }

    /** Discards every stack not committed (closing a committed one does nothing). */
    private void closeAll() throws IOException {
        IOException first = null;
        synchronized (opened) {
            for (MrcSlotStackWriter s : opened)
                try { s.close(); } catch (IOException e) { if (first == null) first = e; }
        }
        if (first != null && failure.get() == null) throw first;
    }

    private static void awaitQuietly(ExecutorService... pools) {
        boolean interrupted = false;
        for (ExecutorService p : pools)
            while (true) {
                try {
                    if (p.awaitTermination(1, TimeUnit.MINUTES)) break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) return;
        if (t instanceof IOException io) throw io;
        if (t instanceof UncheckedIOException u) throw u.getCause();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IOException(t);
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
