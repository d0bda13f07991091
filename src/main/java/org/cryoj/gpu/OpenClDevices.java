package org.cryoj.gpu;

import static org.jocl.CL.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL devices of this machine, numbered as {@code --gpu opencl:N} counts them: the
 * platforms in the order the ICD loader lists them, each platform's devices of every type in
 * its order. Listed once per run; the handles stay valid for the life of the process.
 */
final class OpenClDevices {
    /** A device and the driver handles to open it. */
    record Handle(GpuDevice info, cl_platform_id platform, cl_device_id id) {}

    /** The usable devices, and why platforms were left unopened. */
    record Listing(List<Handle> devices, List<String> refused) {}

    private static Listing cached;

    private OpenClDevices() {}

    /**
     * @throws UnsatisfiedLinkError     where JOCL's library or libOpenCL.so cannot be loaded
     * @throws org.jocl.CLException     where the loader finds no platform (-1001: no ICD installed)
     */
    static synchronized Listing list() {
        if (cached != null) return cached;
        CL.setExceptionsEnabled(true);
        int[] n = new int[1];
        clGetPlatformIDs(0, null, n);
        cl_platform_id[] platforms = new cl_platform_id[n[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        List<Handle> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            String platform = platformString(p, CL_PLATFORM_NAME);
            // before its devices are listed: listing them is what replaces the handlers
            if (JvmSignalChaining.replacesSignalHandlers(platform) && !JvmSignalChaining.active()) {
                refused.add("OpenCL platform '" + platform + "' left unopened: it replaces the JVM's signal handlers, "
                        + "which crashes Java at random, unless the JVM chains signals; " + JvmSignalChaining.howToEnable());
                continue;
            }
            int[] nd = new int[1];
            try {
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
            } catch (org.jocl.CLException e) {
                continue;   // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            cl_device_id[] ids = new cl_device_id[nd[0]];
            clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id d : ids) {
                long type = deviceLong(d, CL_DEVICE_TYPE);
                boolean gpu = (type & CL_DEVICE_TYPE_GPU) != 0;
                String kind = gpu ? "GPU" : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "accelerator";
                // CL_DEVICE_VERSION is "OpenCL <major.minor> <vendor's text>"
                String[] version = deviceString(d, CL_DEVICE_VERSION).split(" ");
                String detail = String.format(Locale.ROOT, "%s, OpenCL %s, %s", kind, version.length > 1 ? version[1] : "?", platform);
                GpuDevice info = new GpuDevice(GpuDevice.Api.OPENCL, out.size(), deviceString(d, CL_DEVICE_NAME).trim(), gpu,
                        deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE), detail);
                out.add(new Handle(info, p, d));
            }
        }
        cached = new Listing(List.copyOf(out), List.copyOf(refused));
        return cached;
    }

    /** The handle of {@code opencl:N}. */
    static Handle get(GpuDevice device) {
        if (device.api() != GpuDevice.Api.OPENCL) throw new IllegalArgumentException(device + " is not an OpenCL device");
        return list().devices().get(device.index());
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null);
        return v[0];
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] b = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, b.length, Pointer.to(b), null);
        return cString(b);
    }

    private static String cString(byte[] b) {
        int len = 0;
        while (len < b.length && b[len] != 0) len++;
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }
}
