package org.cryoj.gpu;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * CryoJ's kernels built for one OpenCL device, from the source shipped in the jar (the one the
 * CUDA PTX is built from, with the OpenCL prelude), and the device memory the backend's
 * queues may hold at once. OpenCL calls are thread-safe except setting the arguments of one
 * kernel object, so the context and program are shared and each queue makes its own kernels.
 */
final class OpenClProgram implements AutoCloseable {
    private static final String KERNELS = "/org/cryoj/gpu/kernels/";

    final GpuDevice info;
    final cl_device_id device;
    final cl_context context;
    final cl_program program;
    /** Device memory the queues may hold together: three quarters, leaving the driver and other programs room. */
    final long budget;
    /** The projections of the current global search, shared by the queues. */
    final ResidentProjections projections = new ResidentProjections(this);
    private long reserved;

    private OpenClProgram(GpuDevice info, cl_device_id device, cl_context context, cl_program program) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.program = program;
        this.budget = info.totalMemoryBytes() / 4 * 3;
    }

    static OpenClProgram build(GpuDevice info) {
        OpenClDevices.Handle h = OpenClDevices.get(info);
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, h.platform());
        cl_context context = clCreateContext(props, 1, new cl_device_id[] {h.id()}, null, null, null);
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source()}, null, null);
        try {
            // no -cl-fast-relaxed-math: it would let the compiler drop the sums' Kahan compensation
            clBuildProgram(program, 0, null, "", null, null);
        } catch (CLException e) {
            String log = buildLog(program, h.id());
            clReleaseProgram(program);
            clReleaseContext(context);
            throw new IllegalStateException("OpenCL could not build CryoJ's kernels for " + info + ": " + e.getMessage() + "\n" + log, e);
        }
        return new OpenClProgram(info, h.id(), context, program);
    }

    /** opencl_prelude.h then cryoj_kernels.cl. */
    static String source() {
        return resource("opencl_prelude.h") + "\n" + resource("cryoj_kernels.cl");
    }

    private static String resource(String name) {
        try (InputStream in = OpenClProgram.class.getResourceAsStream(KERNELS + name)) {
            if (in == null) throw new IllegalStateException("kernel source " + KERNELS + name + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] b = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, b.length, Pointer.to(b), null);
            return new String(b, StandardCharsets.UTF_8).trim();
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until {@code bytes} of the budget are free and takes them; a step that cannot fit
     * even alone stops with advice ({@link DeviceMemory}) instead of failing in the driver.
     */
    synchronized void reserve(long bytes, String what) throws InterruptedException {
        DeviceMemory.require(bytes, budget, info, what);
        while (reserved + bytes > budget) wait();
        reserved += bytes;
    }

    synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }

    @Override
    public void close() {
        projections.clear();
        clReleaseProgram(program);
        clReleaseContext(context);
    }
}
