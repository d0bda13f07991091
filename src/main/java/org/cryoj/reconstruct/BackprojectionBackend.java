package org.cryoj.reconstruct;

/** Where reconstruct's backprojection runs: the CPU ({@link #CPU}) or a device (org.cryoj.gpu). */
public interface BackprojectionBackend extends AutoCloseable {
    /** A BackProjector per thread. */
    BackprojectionBackend CPU = new BackprojectionBackend() {
        @Override public SliceAccumulator open(FourierGrid grid) { return new BackProjector(grid); }

        @Override public String name() { return "CPU"; }
    };

    /** Empty sums for {@code grid}, for one thread. */
    SliceAccumulator open(FourierGrid grid);

    /** For the log. */
    String name();

    @Override
    default void close() {}
}
