package org.cryoj.gpu;

/**
 * CryoJ's kernels built for one device through one API: an OpenCL context and program
 * ({@link OpenClKernels}) or a CUDA context and module ({@link CudaKernels}). Thread-safe;
 * each thread works through a queue of its own.
 */
interface DeviceKernels extends AutoCloseable {
    GpuDevice info();

    /** For the log: how the kernels were built ("OpenCL C source built by Portable Computing Language", "compiled at run time by NVRTC 12.6 for sm_90", ...). */
    String origin();

    /** Device memory CryoJ may hold at once, leaving the driver and other programs room. */
    long memoryBudget();

    KernelQueue openQueue();

    @Override
    void close();
}
