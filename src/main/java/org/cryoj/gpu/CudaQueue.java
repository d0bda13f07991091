package org.cryoj.gpu;

import static jcuda.driver.JCudaDriver.*;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * A CUDA stream of one device's primary context. Copies run on the stream, so they are ordered
 * with its kernels and never with other threads' streams (non-blocking streams; the legacy
 * default stream is not used). With Java arrays (pageable memory) a host-to-device copy returns
 * once the array has been staged and a device-to-host copy once it has landed, as the driver API
 * documents for pageable memory; reads also wait for the stream. Launch sizes are OpenCL's:
 * grid = global / local, block = local.
 * <p>
 * cuMemAlloc and cuMemFree synchronise the whole device, which would serialise the threads'
 * streams at every call, so freed buffers go back to this queue's cache ({@link CudaBufferCache})
 * and are handed out again by this stream only (stream order makes that safe even while an
 * earlier kernel of the stream still runs).
 */
final class CudaQueue implements KernelQueue {
    /** A device allocation; {@code bytes} as asked for, {@code capacity} allocated (at least 4). */
    record Buffer(CUdeviceptr ptr, long bytes, long capacity, CudaQueue owner) implements DeviceBuffer {
        @Override
        public void free() { owner.cache.recycle(this); }
    }

    private final CudaKernels kernels;
    private final CUstream stream = new CUstream();
    final CudaBufferCache cache;

    CudaQueue(CudaKernels kernels) {
        this.kernels = kernels;
        this.cache = new CudaBufferCache(kernels.cacheBytes, kernels.cached, buffers -> {
            kernels.bind();
            for (Buffer b : buffers) cuMemFree(b.ptr());
        });
        kernels.bind();
        cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        Buffer cached = cache.take(bytes, this);
        if (cached != null) return cached;
        kernels.bind();
        CUdeviceptr p = new CUdeviceptr();
        long capacity = Math.max(4, bytes);
        try {
            cuMemAlloc(p, capacity);
        } catch (CudaException e) {
            if (!e.getMessage().contains(CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY))) throw e;
            cache.clear();   // give back what this queue keeps, then try once more
            try {
                cuMemAlloc(p, capacity);
            } catch (CudaException again) {
                // another program took the memory CryoJ had planned with: say so, with DeviceMemory's advice
                long[] free = new long[1], total = new long[1];
                cuMemGetInfo(free, total);
                DeviceMemory.require(bytes, free[0], kernels.info(), "an allocation the driver refused");
                throw again;   // enough is free in all, but not in one piece
            }
        }
        return new Buffer(p, bytes, capacity, this);
    }

    @Override
    public DeviceBuffer upload(float[] data, int floats) {
        DeviceBuffer b = allocate(4L * floats);
        write(b, data, floats);
        cuStreamSynchronize(stream);   // on the device before another stream reads it
        return b;
    }

    @Override
    public void write(DeviceBuffer buffer, float[] data, int floats) {
        kernels.bind();
        cuMemcpyHtoDAsync(ptr(buffer), Pointer.to(data), 4L * floats, stream);
    }

    @Override
    public void write(DeviceBuffer buffer, int[] data, int ints) {
        kernels.bind();
        cuMemcpyHtoDAsync(ptr(buffer), Pointer.to(data), 4L * ints, stream);
    }

    @Override
    public void read(DeviceBuffer buffer, float[] data, int floats) {
        kernels.bind();
        cuMemcpyDtoHAsync(Pointer.to(data), ptr(buffer), 4L * floats, stream);
        cuStreamSynchronize(stream);
    }

    @Override
    public void zero(DeviceBuffer buffer) {
        kernels.bind();
        cuMemsetD32Async(ptr(buffer), 0, (buffer.bytes() + 3) / 4, stream);
    }

    @Override
    public void launch(Kernel kernel, long[] global, int[] local, Object... args) {
        kernels.bind();
        int[][] gb = gridAndBlock(kernel, global, local);
        int[] grid = gb[0], block = gb[1];
        cuLaunchKernel(kernels.functions.get(kernel), grid[0], grid[1], grid[2], block[0], block[1], block[2], 0, stream,
                parameters(args), null);
    }

    /** OpenCL's work sizes as CUDA's: {grid, block}, three dimensions each, grid = global / local. */
    static int[][] gridAndBlock(Kernel kernel, long[] global, int[] local) {
        if (global.length != local.length || global.length > 3) throw new IllegalArgumentException(kernel + ": " + global.length + " global and " + local.length + " local sizes");
        int[] grid = {1, 1, 1}, block = {1, 1, 1};
        for (int d = 0; d < global.length; d++) {
            if (global[d] % local[d] != 0) throw new IllegalArgumentException(kernel + ": global size " + global[d] + " is not a multiple of " + local[d]);
            grid[d] = Math.toIntExact(global[d] / local[d]);
            block[d] = local[d];
        }
        return new int[][] {grid, block};
    }

    /** cuLaunchKernel's kernelParams: a pointer to each argument's value. */
    static Pointer parameters(Object... args) {
        Pointer[] p = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Buffer b) p[i] = Pointer.to(b.ptr());
            else if (args[i] instanceof Float f) p[i] = Pointer.to(new float[] {f});
            else if (args[i] instanceof Integer n) p[i] = Pointer.to(new int[] {n});
            else throw new IllegalArgumentException("kernel argument " + i + " is a " + (args[i] == null ? "null" : args[i].getClass().getSimpleName()));
        }
        return Pointer.to(p);
    }

    @Override
    public long maxGroupSize(Kernel kernel) {
        kernels.bind();
        int[] max = new int[1];
        cuFuncGetAttribute(max, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, kernels.functions.get(kernel));
        return max[0];
    }

    private static CUdeviceptr ptr(DeviceBuffer b) { return ((Buffer) b).ptr(); }

    /** Frees the cache's buffers and the stream; buffers still out are freed when returned. */
    @Override
    public void close() {
        cache.close();
        kernels.bind();
        cuStreamDestroy(stream);
    }
}
