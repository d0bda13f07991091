package org.cryoj.reconstruct;

import java.io.IOException;

/**
 * Where reconstruct backprojects all its particles: threads of this JVM ({@link #local}) or a
 * cluster's executors (org.cryoj.spark). Either way the particles are split into slots (slot t:
 * particles t, t + S, t + 2S, ...), each slot fills its own {@link BackProjector}, and the slots are
 * added in {@link Reconstructor.Sums}' fixed tree: S slots give the same map wherever they run.
 */
public interface BackprojectionRunner extends AutoCloseable {
    /** All particles into one accumulator of {@code grid}. */
    BackProjector backprojectAll(ParticleReader.Particles particles, FourierGrid grid) throws IOException;

    /** For the log. */
    String name();

    @Override
    default void close() {}

    /** {@code threads} threads (slots) of this JVM, each thread's sums on {@code backend} (which the caller closes). */
    static BackprojectionRunner local(BackprojectionBackend backend, int threads) {
        return new BackprojectionRunner() {
            @Override
            public BackProjector backprojectAll(ParticleReader.Particles particles, FourierGrid grid) throws IOException {
                return Reconstructor.backprojectAll(particles, grid, threads, backend);
            }

            @Override
            public String name() { return backend.name(); }
        };
    }
}
