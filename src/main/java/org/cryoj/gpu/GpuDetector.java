package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;

import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Finds CUDA devices once per run. JCuda loads its native library lazily and fails only at the
 * first driver call, so every failure (no libcuda, no device, a driver too old) is caught here
 * and turned into a reason, and the caller falls back to the CPU backend.
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
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (count[0] == 0) return GpuStatus.unavailable("the CUDA driver reports no device");
            List<GpuDevice> devices = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) devices.add(describe(i));
            return new GpuStatus(devices, null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return GpuStatus.unavailable("no CUDA driver or JCuda native library could be loaded (" + firstLine(e) + ")");
        } catch (CudaException e) {
            return GpuStatus.unavailable("the CUDA driver failed to start: " + firstLine(e));
        } catch (RuntimeException e) {
            return GpuStatus.unavailable("CUDA probe failed: " + firstLine(e));
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
        return new GpuDevice(index, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII),
                mem[0], major[0], minor[0]);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
