package org.cryoj.gpu;

import static jcuda.driver.JCudaDriver.*;

import java.util.EnumMap;
import java.util.Map;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * CryoJ's kernels on one CUDA device through the driver API (JCuda): the device's primary
 * context and a module built from the kernel source shared with OpenCL ({@link CudaModules} says
 * how: NVRTC at run time, or the shipped PTX). CUDA functions take their arguments per launch,
 * so the queues ({@link CudaQueue}, one stream each) share them. Each call makes the context
 * current on its thread first, since the calling threads change.
 */
final class CudaKernels implements DeviceKernels {
    private final GpuDevice info;
    private final CUdevice device;
    final CUcontext context;
    private final CUmodule module;
    private final String origin;
    private final long budget;
    final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
    /** What the queues' caches of freed buffers may keep together ({@link CudaBufferCache}), and keep now. */
    final long cacheBytes;
    final java.util.concurrent.atomic.AtomicLong cached = new java.util.concurrent.atomic.AtomicLong();

    private CudaKernels(GpuDevice info, CUdevice device, CUcontext context, CudaModules.Loaded loaded, long budget) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.module = loaded.module();
        this.origin = loaded.origin();
        this.cacheBytes = cacheShare(budget);
        this.budget = budget - cacheBytes;
        for (Kernel k : Kernel.values()) {
            CUfunction f = new CUfunction();
            cuModuleGetFunction(f, module, k.entry());
            functions.put(k, f);
        }
    }

    static CudaKernels build(GpuDevice info) {
        if (info.api() != GpuDevice.Api.CUDA) throw new IllegalArgumentException(info + " is not a CUDA device");
        setExceptionsEnabled(true);
        cuInit(0);
        CUdevice device = new CUdevice();
        cuDeviceGet(device, info.index());
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        CudaModules.Loaded loaded = null;
        try {
            cuCtxSetCurrent(context);
            int[] major = new int[1], minor = new int[1];
            cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
            cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
            loaded = CudaModules.load(major[0], minor[0], CudaModules.Mode.fromSettings());
            long[] free = new long[1], total = new long[1];
            cuMemGetInfo(free, total);
            return new CudaKernels(info, device, context, loaded, budget(free[0], info.totalMemoryBytes()));
        } catch (RuntimeException | LinkageError e) {
            if (loaded != null) cuModuleUnload(loaded.module());
            cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /** Three quarters of the device's memory (as {@code info} reports it), or nine tenths of what is free now where other programs hold more. */
    static long budget(long free, long total) {
        return Math.min(total / 4 * 3, free - free / 10);
    }

    /** The part of the memory budget the queues' caches of freed buffers may keep: an eighth, at most 1 GiB. */
    static long cacheShare(long budget) {
        return Math.min(1L << 30, budget / 8);
    }

    /** Makes the context current on the calling thread. */
    void bind() { cuCtxSetCurrent(context); }

    @Override
    public GpuDevice info() { return info; }

    @Override
    public String origin() { return origin; }

    @Override
    public long memoryBudget() { return budget; }

    @Override
    public KernelQueue openQueue() { return new CudaQueue(this); }

    @Override
    public void close() {
        bind();
        cuModuleUnload(module);
        cuDevicePrimaryCtxRelease(device);
    }
}
