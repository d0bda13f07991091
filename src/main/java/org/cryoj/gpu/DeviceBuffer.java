package org.cryoj.gpu;

/** Memory on a device: an OpenCL buffer or a CUDA allocation. Freed once, by its owner. */
interface DeviceBuffer {
    long bytes();

    void free();
}
