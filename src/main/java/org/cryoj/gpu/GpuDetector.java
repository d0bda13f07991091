package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;

import org.jocl.CL;
import org.jocl.CLException;

import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Finds CUDA and OpenCL devices once per run. JCuda and JOCL load their native libraries lazily
 * and fail only at the first driver call, so every failure (no libcuda or libOpenCL, no device,
 * no OpenCL platform, a driver too old) is caught here and turned into a reason, and the caller
 * falls back to the CPU backend.
 */
public final class GpuDetector {
    private static volatile GpuStatus cached;

    private GpuDetector() {}

    /** The devices of this machine, probed on first use. */
    public static GpuStatus status() {
        GpuStatus s = cached;
        if (s == null) {
            synchronized (GpuDetector.class) {
                if (cached == null) cached = probe();
                s = cached;
            }
        }
        return s;
    }

    static GpuStatus probe() {
        List<GpuDevice> devices = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String cuda = probeCuda(devices);
        if (cuda != null) problems.add(cuda);
        String opencl = probeOpenCl(devices);
        if (opencl != null) problems.add(opencl);
        return new GpuStatus(devices, problems);
    }

    /** Adds the CUDA devices; returns why there are none, or null. */
    private static String probeCuda(List<GpuDevice> devices) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (count[0] == 0) return "the CUDA driver reports no device";
            for (int i = 0; i < count[0]; i++) devices.add(describe(i));
            return null;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "no CUDA driver or JCuda native library could be loaded (" + firstLine(e) + ")";
        } catch (CudaException e) {
            return "the CUDA driver failed to start: " + firstLine(e);
        } catch (RuntimeException e) {
            return "CUDA probe failed: " + firstLine(e);
        }
    }

    /** Adds the OpenCL devices; returns why there are none, or null. */
    private static String probeOpenCl(List<GpuDevice> devices) {
        try {
            OpenClDevices.Listing found = OpenClDevices.list();
            found.devices().forEach(h -> devices.add(h.info()));
            if (!found.refused().isEmpty()) return String.join("; ", found.refused());
            return found.devices().isEmpty() ? "OpenCL platforms list no device" : null;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "no OpenCL library (libOpenCL.so) or JOCL native library could be loaded (" + firstLine(e) + ")";
        } catch (CLException e) {
            return e.getStatus() == CL.CL_PLATFORM_NOT_FOUND_KHR ? "no OpenCL platform is installed (an ICD such as pocl-opencl-icd)"
                    : "OpenCL probe failed: " + firstLine(e);
        } catch (RuntimeException e) {
            return "OpenCL probe failed: " + firstLine(e);
        }
    }

    private static GpuDevice describe(int index) {
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, index);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, dev);
        long[] mem = new long[1];
        JCudaDriver.cuDeviceTotalMem(mem, dev);
        int[] major = new int[1], minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        return new GpuDevice(GpuDevice.Api.CUDA, index, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII),
                true, mem[0], mem[0], "compute " + major[0] + "." + minor[0]);
    }

    private static String firstLine(Throwable e) { return reason(e); }

    /**
     * A failure in one line for the log: the message's first line, and where a native library
     * did not load (JCuda's message then runs to a page of stack traces) the library that is missing.
     */
    static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl < 0) return m;
        String first = m.substring(0, nl);
        java.util.regex.Matcher missing = java.util.regex.Pattern.compile("([\\w.+-]+\\.so[\\w.]*): cannot open shared object file").matcher(m);
        return missing.find() ? first + ": " + missing.group(1) + " not found" : first;
    }
}
