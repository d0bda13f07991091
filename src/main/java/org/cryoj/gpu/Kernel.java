package org.cryoj.gpu;

/**
 * The entry points of cryoj_kernels.cl, one source for OpenCL and CUDA: the hosts name a kernel
 * by this constant and each API looks it up by {@link #entry()} in its build of the source.
 */
enum Kernel {
    WEIGHTED_SQUARES("weighted_squares"),
    CROSS_ALL("cross_all"),
    PAIR_DOTS("pair_dots"),
    BACKPROJECT("backproject"),
    PROJECT_SLICES("project_slices");

    private final String entry;

    Kernel(String entry) { this.entry = entry; }

    /** The kernel's name in the source (extern "C" in CUDA, so also its PTX entry). */
    String entry() { return entry; }
}
