package org.cryoj.gpu;

import static org.jocl.CL.*;

import java.util.EnumMap;
import java.util.Map;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * An in-order OpenCL command queue with kernel objects of its own (a kernel object's arguments
 * are not thread-safe). Copies are blocking: JOCL cannot pin a Java array for a non-blocking one.
 */
final class OpenClQueue implements KernelQueue {
    /** An OpenCL buffer; {@code bytes} as asked for (the buffer holds at least 4). */
    record Buffer(cl_mem mem, long bytes) implements DeviceBuffer {
        @Override public void free() { clReleaseMemObject(mem); }
    }

    private final OpenClKernels kernels;
    private final cl_command_queue queue;
    private final Map<Kernel, cl_kernel> made = new EnumMap<>(Kernel.class);
    /** Held by a launch on a platform where {@link OpenClKernels#oneLaunchAtATime}, across every program. */
    private static final Object ONE_LAUNCH = new Object();

    @SuppressWarnings("deprecation")   // clCreateCommandQueue: the OpenCL 1.2 call, which every driver has
    OpenClQueue(OpenClKernels kernels) {
        this.kernels = kernels;
        this.queue = clCreateCommandQueue(kernels.context, kernels.device, 0, null);
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        return new Buffer(clCreateBuffer(kernels.context, CL_MEM_READ_WRITE, Math.max(4, bytes), null, null), bytes);
    }

    @Override
    public DeviceBuffer upload(float[] data, int floats) {
        long bytes = 4L * floats;
        return new Buffer(clCreateBuffer(kernels.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, Math.max(4, bytes), Pointer.to(data), null), bytes);
    }

    @Override
    public void write(DeviceBuffer buffer, float[] data, int floats) {
        clEnqueueWriteBuffer(queue, mem(buffer), CL_TRUE, 0, 4L * floats, Pointer.to(data), 0, null, null);
    }

    @Override
    public void write(DeviceBuffer buffer, int[] data, int ints) {
        clEnqueueWriteBuffer(queue, mem(buffer), CL_TRUE, 0, 4L * ints, Pointer.to(data), 0, null, null);
    }

    @Override
    public void read(DeviceBuffer buffer, float[] data, int floats) {
        clEnqueueReadBuffer(queue, mem(buffer), CL_TRUE, 0, 4L * floats, Pointer.to(data), 0, null, null);
    }

    @Override
    public void zero(DeviceBuffer buffer) {
        clEnqueueFillBuffer(queue, mem(buffer), Pointer.to(new float[] {0f}), Sizeof.cl_float, 0, buffer.bytes(), 0, null, null);
    }

    @Override
    public void launch(Kernel kernel, long[] global, int[] local, Object... args) {
        cl_kernel k = kernel(kernel);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof DeviceBuffer b) clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(mem(b)));
            else if (args[i] instanceof Float f) clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {f}));
            else clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) args[i]}));
        }
        long[] l = new long[local.length];
        for (int d = 0; d < l.length; d++) l[d] = local[d];
        if (!kernels.oneLaunchAtATime) {
            clEnqueueNDRangeKernel(queue, k, global.length, null, global, l, 0, null, null);
            return;
        }
        synchronized (ONE_LAUNCH) {
            clEnqueueNDRangeKernel(queue, k, global.length, null, global, l, 0, null, null);
            clFinish(queue);
        }
    }

    @Override
    public long maxGroupSize(Kernel kernel) {
        long[] max = new long[1];
        clGetKernelWorkGroupInfo(kernel(kernel), kernels.device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
        return max[0];
    }

    private cl_kernel kernel(Kernel k) {
        return made.computeIfAbsent(k, e -> clCreateKernel(kernels.program, e.entry(), null));
    }

    private static cl_mem mem(DeviceBuffer b) { return ((Buffer) b).mem(); }

    @Override
    public void close() {
        made.values().forEach(org.jocl.CL::clReleaseKernel);
        made.clear();
        clReleaseCommandQueue(queue);
    }
}
