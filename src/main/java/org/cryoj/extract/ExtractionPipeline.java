package org.cryoj.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * reads the micrographs in order, in blocks of {@value #BLOCK_ROWS} rows ({@link RowBlocks}),
 * each straight from the file into one of a few reused direct buffers, skipping rows no particle
 * reads; a particle is handed to the workers as soon as every block its box reads is in memory,
 * and a block's buffer is reused once every particle reading it is done. The --j workers cut,
 * rescale, normalise and encode the particles and write each straight to its slot in its
 * micrograph's stack. One more thread finishes stacks (header, flush to disk, rename), which
 * mostly waits on the disk. Each row is read once, with a single copy; in memory are the blocks
 * of one and a half boxes and one set of buffers per worker, whatever the number of particles or
 * the size of the micrographs.
 *
 * <p>Dust noise is drawn from a generator seeded per particle, so the output does not depend on
 * which worker took which particle.
 */
final class ExtractionPipeline {
    static final int BLOCK_ROWS = 32;

    private final ExtractSettings settings;
    private final Path projectDir;
    private final Rescaler rescaler;
    private final List<MicrographJob> jobs;
    private final ProgressListener listener;
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Slab> freeSlabs;
    private final List<MrcSlotStackWriter> opened = new ArrayList<>();
    private final Path[] written;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private ExecutorService committer;

    /** A reusable direct buffer for a block of rows, with its float view. */
    private record Slab(ByteBuffer bytes, FloatBuffer floats) {
        static Slab of(int bytes) {
            ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            return new Slab(b, b.asFloatBuffer());
        }
    }

    /** A block of rows in memory and how many particles still have to read it. */
    private record Block(Slab slab, AtomicInteger readers) {}

    /** A micrograph's stack being filled. */
    private record Output(MicrographJob job, MrcSlotStackWriter stack, AtomicInteger remaining) {}

    /** One particle whose rows are all in memory: blocks[0] is block firstBlock of an nx x ny micrograph. */
    private record Task(Output output, int particle, Block[] blocks, int firstBlock, int blockRows, int nx, int ny) {}

    private static final Task END = new Task(null, -1, null, 0, 0, 0, 0);

    ExtractionPipeline(ExtractSettings settings, Path projectDir, Rescaler rescaler, List<MicrographJob> jobs,
                       ProgressListener listener) {
        this.settings = settings;
        this.projectDir = projectDir;
        this.rescaler = rescaler;
        this.jobs = jobs;
        this.listener = listener;
        this.written = new Path[jobs.size()];
        // one and a half boxes' worth of blocks: the reader fills half a box ahead of the workers
        int span = RowBlocks.span(settings.extractSize(), BLOCK_ROWS), slabs = span + (span + 1) / 2;
        freeSlabs = new ArrayBlockingQueue<>(slabs);
        for (int i = 0; i < slabs; i++) freeSlabs.add(Slab.of(0));   // sized on first use
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

    /** The reader thread: micrographs in job order, block by block, each particle queued once its blocks are in. */
    private void readAll() {
        MrcMode mode = settings.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32;
        int n = settings.outputSize(), box = settings.extractSize();
        try (MrcDataReader mrc = new MrcDataReader()) {
            for (int k = 0; k < jobs.size() && !stopped; k++) {
                MicrographJob job = jobs.get(k);
                MrcHeader h = mrc.header(job.micrographFile());
                if (h.nz() != 1)
                    throw new InputFormatException(job.micrographFile(), -1, "nz",
                            "expected a single 2D micrograph, found " + h.nz() + " sections");
                double[] ys = new double[job.particles()];
                for (int i = 0; i < ys.length; i++) ys[i] = job.positions()[i].coordY();
                int blockRows = Math.min(BLOCK_ROWS, h.ny());
                RowBlocks plan = new RowBlocks(ys, h.ny(), box, blockRows);
                MrcSlotStackWriter stack = MrcSlotStackWriter.create(projectDir.resolve(job.stackName()), n, n,
                        job.particles(), settings.outputPixelSize(job.angpix()), mode, settings.overwrite());
                synchronized (opened) { opened.add(stack); }
                Output output = new Output(job, stack, new AtomicInteger(job.particles()));
                Block[] blocks = new Block[plan.blocks()];
                int next = 0;   // the next particle, in plan.order, to queue
                for (int b = 0; b < plan.blocks(); b++) {
                    if (plan.readers[b] == 0) continue;   // no box reads these rows
                    Slab slab = freeSlabs.take();
                    if (stopped) return;
                    int bytes = Math.multiplyExact(Math.multiplyExact(blockRows, h.nx()), 4);
                    if (slab.bytes().capacity() < bytes) slab = Slab.of(bytes);
                    mrc.read(job.micrographFile(), h, (long) b * blockRows, Math.min(blockRows, h.ny() - b * blockRows), slab.bytes());
                    blocks[b] = new Block(slab, new AtomicInteger(plan.readers[b]));
                    for (; next < plan.order.length && plan.lastBlock[plan.order[next]] <= b; next++) {
                        int p = plan.order[next];
                        tasks.add(new Task(output, p, java.util.Arrays.copyOfRange(blocks, plan.firstBlock[p], plan.lastBlock[p] + 1),
                                plan.firstBlock[p], blockRows, h.nx(), h.ny()));
                    }
                }
            }
        } catch (InterruptedException e) {
            stop(null);
        } catch (Throwable t) {
            stop(t);
        } finally {
            for (int t = 0; t < settings.threads(); t++) tasks.add(END);
        }
    }

    /** A worker: particles in the order they became ready. */
    private void work() {
        try {
            ParticleProcessor processor = new ParticleProcessor(settings, rescaler);
            MrcImageEncoder encoder = new MrcImageEncoder(settings.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32,
                    settings.outputSize() * settings.outputSize());
            boolean dust = settings.whiteDust() > 0 || settings.blackDust() > 0;
            FloatBuffer[] rows = new FloatBuffer[0];
            while (true) {
                Task t = tasks.take();
                if (t == END || stopped) return;
                if (listener.isCancelled()) { stop(null); return; }
                MicrographJob job = t.output().job();
                int p = t.particle();
                if (rows.length != t.blocks().length) rows = new FloatBuffer[t.blocks().length];
                for (int i = 0; i < rows.length; i++) rows[i] = t.blocks()[i].slab().floats();
                Position at = job.positions()[p];
                Random random = dust ? new Random(((long) job.index() << 32) ^ p) : null;
                float[] img;
                try {
                    img = processor.process(rows, t.firstBlock(), t.blockRows(), t.nx(), t.ny(), at.coordX(), at.coordY(), random);
                } catch (IllegalArgumentException e) {
                    throw new InputFormatException(job.micrographFile(), -1, "particle " + (p + 1), e.getMessage());
                }
                t.output().stack().write(p, encoder.encode(img), encoder.statistics());
                for (Block b : t.blocks())
                    if (b.readers().decrementAndGet() == 0) freeSlabs.add(b.slab());
                if (t.output().remaining().decrementAndGet() == 0) commit(t.output());
            }
        } catch (Throwable t) {
            stop(t);
        }
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
        for (int t = 0; t < settings.threads(); t++) tasks.add(END);   // wakes waiting workers
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
