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
 * CryoJ's kernels built for one OpenCL device from the source shipped in the jar (the one the
 * CUDA host compiles too, here with the OpenCL prelude). OpenCL calls are thread-safe except
 * setting the arguments of one kernel object, so the context and program are shared and each
 * queue makes its own kernels ({@link OpenClQueue}).
 */
final class OpenClKernels implements DeviceKernels {
    static final String KERNELS = "/org/cryoj/gpu/kernels/";

    private final GpuDevice info;
    final cl_device_id device;
    final cl_context context;
    final cl_program program;
    private final String platform;
    /**
     * PoCL before 7.0 aborts the process ("pocl_release_dlhandle_cache: Assertion
     * `found->ref_count > 0' failed", seen with PoCL 5 on 16 threads) when threads run the same
     * kernel at once with different global sizes: it finds the kernel binary to release by a key
     * that ignores them (fixed upstream by pocl commit c9ac4c0c3). On PoCL, one launch runs at a
     * time and to its end; PoCL spreads each launch over all cores, so little is lost.
     */
    final boolean oneLaunchAtATime;

    private OpenClKernels(GpuDevice info, cl_device_id device, cl_context context, cl_program program, String platform) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.program = program;
        this.platform = platform;
        this.oneLaunchAtATime = JvmSignalChaining.replacesSignalHandlers(platform);
    }

    static OpenClKernels build(GpuDevice info) {
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
        String detail = info.detail();
        return new OpenClKernels(info, h.id(), context, program, detail.substring(detail.lastIndexOf(", ") + 2));
    }

    /** opencl_prelude.h then cryoj_kernels.cl. */
    static String source() {
        return resource("opencl_prelude.h") + "\n" + resource("cryoj_kernels.cl");
    }

    static String resource(String name) {
        try (InputStream in = OpenClKernels.class.getResourceAsStream(KERNELS + name)) {
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

    @Override
    public GpuDevice info() { return info; }

    @Override
    public String origin() { return "OpenCL C source built by " + platform; }

    /** Three quarters of the device's memory. */
    @Override
    public long memoryBudget() { return info.totalMemoryBytes() / 4 * 3; }

    @Override
    public KernelQueue openQueue() { return new OpenClQueue(this); }

    @Override
    public void close() {
        clReleaseProgram(program);
        clReleaseContext(context);
    }
}
