package org.cryoj.refine;

import java.io.IOException;

/**
 * The particles an E-step reads: each one's description (CTF, noise group, half-set) and its
 * pixels. The refinement reads them from its own stacks; a cluster's executors from the same
 * stacks by absolute path (org.cryoj.spark). Used by several threads at once.
 */
public interface ParticleSource {
    /** Particle {@code i} (index into the particle set). */
    RefineParticle particle(int i);

    /** The pixels of particle {@code i}, box x box, a copy the caller may change. */
    float[] read(int i) throws IOException;

    /** The same particles as other JVMs read them (stacks by absolute path), to send to a cluster. */
    ParticleStacks stacks();
}
