package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cryoj.io.mrc.MrcStackReader;

/**
 * Particle pixels, read from memory-mapped stacks (stacks opened once, read by any thread) or,
 * with --preread_images, all held in memory.
 */
final class ParticleImages implements AutoCloseable {
    private final ParticleSet set;
    private final Map<Path, MrcStackReader> stacks = new ConcurrentHashMap<>();
    private final float[][] preread;

    ParticleImages(ParticleSet set, boolean readAll) throws IOException {
        this.set = set;
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
        Path file = set.imageFile(p);
        MrcStackReader r = stacks.get(file);
        if (r == null) {
            synchronized (stacks) {
                r = stacks.get(file);
                if (r == null) {
                    r = MrcStackReader.open(file);
                    if (r.header().nx() != set.box() || r.header().ny() != set.box())
                        throw new IOException(file + ": image size " + r.header().nx() + "x" + r.header().ny()
                                + " differs from the first particle's " + set.box());
                    stacks.put(file, r);
                }
            }
        }
        return r.readImage(p.image().zeroBasedIndex(), null);
    }

    @Override
    public void close() {
        for (MrcStackReader r : stacks.values()) r.close();
    }
}
