package org.cryoj.gpu;

import static org.jocl.CL.*;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** The OpenCL calls CryoJ's hosts repeat: blocking copies and kernel launches with their arguments. */
final class OpenClCalls {
    private OpenClCalls() {}

    /** Blocking throughout: JOCL cannot pin a Java array for a non-blocking copy. */
    static void write(cl_command_queue queue, cl_mem buffer, float[] data, int floats) {
        clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, 4L * floats, Pointer.to(data), 0, null, null);
    }

    static void write(cl_command_queue queue, cl_mem buffer, int[] data, int ints) {
        clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, 4L * ints, Pointer.to(data), 0, null, null);
    }

    static void read(cl_command_queue queue, cl_mem buffer, float[] data, int floats) {
        clEnqueueReadBuffer(queue, buffer, CL_TRUE, 0, 4L * floats, Pointer.to(data), 0, null, null);
    }

    /** Sets the kernel's arguments (buffers, ints and floats, in order) and enqueues it. */
    static void launch(cl_command_queue queue, cl_kernel kernel, long[] global, long[] local, Object... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof cl_mem m) clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(m));
            else if (args[i] instanceof Float f) clSetKernelArg(kernel, i, Sizeof.cl_float, Pointer.to(new float[] {f}));
            else clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) args[i]}));
        }
        clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
    }

    static long roundUp(long v, int m) { return (v + m - 1) / m * m; }
}
