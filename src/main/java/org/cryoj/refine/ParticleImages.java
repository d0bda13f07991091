package org.cryoj.refine;

import java.io.IOException;

import org.cryoj.io.mrc.StackReaders;

/**
 * Particle pixels, read from their stacks when needed (a bounded number of stacks open, read by
 * any thread) or, with --preread_images, all held in memory.
 */
final class ParticleImages implements AutoCloseable {
    private final ParticleSet set;
    private final StackReaders stacks;
    private final float[][] preread;

    ParticleImages(ParticleSet set, boolean readAll) throws IOException {
        this.set = set;
        this.stacks = new StackReaders(set.box(), StackReaders.DEFAULT_MAX_OPEN);
        if (readAll) {
            this.preread = new float[set.size()][];
            for (int i = 0; i < set.size(); i++) preread[i] = readFromDisk(i);
        } else {
            this.preread = null;
        }
    }

    /** The pixels of particle i (a copy the caller may change). */
    float[] read(int i) throws IOException {
        return preread != null ? preread[i].clone() : readFromDisk(i);
    }

    private float[] readFromDisk(int i) throws IOException {
        RefineParticle p = set.particles().get(i);
        return stacks.read(set.imageFile(p), p.image().zeroBasedIndex(), null);
    }

    @Override
    public void close() {
        stacks.close();
    }
}
