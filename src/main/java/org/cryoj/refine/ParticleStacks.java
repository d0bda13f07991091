package org.cryoj.refine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.io.mrc.StackReaders;

/**
 * The particles of a refinement as another JVM (a cluster's executor) reads them: each particle's
 * description and its stack by absolute path, so that any machine that sees the same file system
 * reads the same pixels. Serializable; {@link #open()} gives a reader with its own open files.
 */
public final class ParticleStacks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RefineParticle[] particles;
    private final String[] files;
    private final int[] fileOf;
    private final int box;

    private ParticleStacks(RefineParticle[] particles, String[] files, int[] fileOf, int box) {
        this.particles = particles;
        this.files = files;
        this.fileOf = fileOf;
        this.box = box;
    }

    /** The particles of {@code set}, their stacks resolved against its project directory and made absolute. */
    public static ParticleStacks of(ParticleSet set) {
        List<RefineParticle> list = set.particles();
        Map<Path, Integer> index = new HashMap<>();
        int[] fileOf = new int[list.size()];
        for (int i = 0; i < fileOf.length; i++)
            fileOf[i] = index.computeIfAbsent(set.imageFile(list.get(i)).toAbsolutePath().normalize(), k -> index.size());
        String[] files = new String[index.size()];
        index.forEach((p, k) -> files[k] = p.toString());
        return new ParticleStacks(list.toArray(new RefineParticle[0]), files, fileOf, set.box());
    }

    /** The number of particles. */
    public int size() { return particles.length; }

    /** The number of distinct stack files. */
    public int stackCount() { return files.length; }

    /** A reader of these particles, which holds up to {@link StackReaders#DEFAULT_MAX_OPEN} stacks open until closed. */
    public Reader open() {
        return new Reader();
    }

    /** Reads the particles' pixels; thread-safe. */
    public final class Reader implements ParticleSource, AutoCloseable {
        private final StackReaders stacks = new StackReaders(box, StackReaders.DEFAULT_MAX_OPEN);

        private Reader() {}

        @Override
        public RefineParticle particle(int i) { return particles[i]; }

        @Override
        public ParticleStacks stacks() { return ParticleStacks.this; }

        /** The pixels of particle {@code i}; a failure names the stack file and the image. */
        @Override
        public float[] read(int i) throws IOException {
            String file = files[fileOf[i]];
            int image = particles[i].image().zeroBasedIndex();
            try {
                return stacks.read(Path.of(file), image, null);
            } catch (IOException | RuntimeException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage() != null ? e.getMessage() : e.toString();
                throw new IOException("cannot read particle stack " + file + " (image " + (image + 1) + "): " + why, e);
            }
        }

        @Override
        public void close() { stacks.close(); }
    }
}
