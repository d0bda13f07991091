package org.cryoj.gpu;

import static jcuda.driver.JCudaDriver.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jcuda.driver.CUmodule;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Where a CUDA device's module comes from; all three are built from cryoj_kernels.cl with
 * cuda_prelude.h, the source the OpenCL host compiles:
 * <ol>
 * <li>NVRTC: the source compiled at run time for the device's exact architecture (machine code,
 *     so the driver's version does not matter). Needs libnvrtc.so.12 of a CUDA 12 toolkit on the
 *     library path: JCuda 12.6 binds to that version and does not ship it.</li>
 * <li>The shipped PTX (src/main/cuda/build-ptx.sh, PTX ISA 8.0 for compute_80), compiled by the
 *     driver's JIT (any driver of CUDA 12.0 or later).</li>
 * <li>The same PTX assembled to machine code by the PTX compiler inside JCuda's natives (CUDA
 *     12.0's ptxas: architectures up to sm_90), for a driver whose JIT refuses it.</li>
 * </ol>
 * {@code auto} tries them in that order and says in {@link Loaded#origin} which one built the
 * module and why the earlier ones did not. The choice: system property {@code cryoj.cuda.kernels}
 * or variable {@code CRYOJ_CUDA_KERNELS}, one of {@code auto nvrtc ptx cubin}.
 */
final class CudaModules {
    static final String PTX = "/org/cryoj/gpu/cryoj_kernels.ptx";

    /** A module and, for the log, how it was built. */
    record Loaded(CUmodule module, String origin) {}

    enum Mode {
        AUTO, NVRTC, PTX, CUBIN;

        static Mode fromSettings() {
            String v = System.getProperty("cryoj.cuda.kernels", System.getenv().getOrDefault("CRYOJ_CUDA_KERNELS", "auto"));
            try {
                return valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cryoj.cuda.kernels / CRYOJ_CUDA_KERNELS is '" + v + "': use auto, nvrtc, ptx or cubin");
            }
        }
    }

    private CudaModules() {}

    /** Loads the kernels into the current context for a device of compute capability major.minor. */
    static Loaded load(int major, int minor, Mode mode) {
        String arch = "sm_" + major + minor;
        List<String> notUsed = new ArrayList<>();
        if (mode == Mode.AUTO || mode == Mode.NVRTC) {
            try {
                byte[] cubin = nvrtcCubin(major, minor);
                return new Loaded(loadImage(cubin), "compiled at run time by NVRTC " + nvrtcVersion() + " for " + arch);
            } catch (RuntimeException | LinkageError e) {
                if (mode == Mode.NVRTC) throw new IllegalStateException("NVRTC could not build CryoJ's kernels: " + e.getMessage(), e);
                notUsed.add("NVRTC: " + firstLine(e));
            }
        }
        String ptx = shippedPtx();
        if (mode == Mode.AUTO || mode == Mode.PTX) {
            try {
                CUmodule m = new CUmodule();
                cuModuleLoadData(m, ptx);
                return new Loaded(m, "shipped PTX (" + ptxVersion(ptx) + "), compiled by the CUDA " + driverVersion()
                        + " driver for " + arch + since(notUsed));
            } catch (RuntimeException e) {
                if (mode == Mode.PTX) throw new IllegalStateException("the CUDA driver could not compile the shipped PTX: " + e.getMessage(), e);
                notUsed.add("driver JIT: " + firstLine(e));
            }
        }
        try {
            byte[] cubin = assemble(ptx, major, minor);
            return new Loaded(loadImage(cubin), "shipped PTX (" + ptxVersion(ptx) + ") assembled for " + arch + " by JCuda's PTX compiler "
                    + ptxCompilerVersion() + since(notUsed));
        } catch (RuntimeException | LinkageError e) {
            notUsed.add("JCuda's PTX compiler: " + firstLine(e));
            throw new IllegalStateException("no way to build CryoJ's CUDA kernels for " + arch + ": " + String.join("; ", notUsed), e);
        }
    }

    private static CUmodule loadImage(byte[] cubin) {
        CUmodule m = new CUmodule();
        cuModuleLoadData(m, cubin);
        return m;
    }

    /** cuda_prelude.h then cryoj_kernels.cl, as build-ptx.sh compiles them. */
    static String source() {
        return OpenClKernels.resource("cuda_prelude.h") + "\n" + OpenClKernels.resource("cryoj_kernels.cl");
    }

    /** NVRTC's options: machine code for one architecture; no fast maths (it would drop the sums' Kahan compensation). */
    static String[] nvrtcOptions(int major, int minor) {
        return new String[] {"--gpu-architecture=sm_" + major + minor, "--std=c++17"};
    }

    /** The source compiled by NVRTC to machine code (CUBIN) for sm_{major}{minor}. */
    static byte[] nvrtcCubin(int major, int minor) {
        nvrtcProgram program = new nvrtcProgram();
        check(JNvrtc.nvrtcCreateProgram(program, source(), "cryoj_kernels.cu", 0, null, null), "nvrtcCreateProgram", null);
        try {
            String[] options = nvrtcOptions(major, minor);
            check(JNvrtc.nvrtcCompileProgram(program, options.length, options), "nvrtcCompileProgram", program);
            long[] size = new long[1];
            check(JNvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", program);
            byte[] cubin = new byte[Math.toIntExact(size[0])];
            check(JNvrtc.nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN", program);
            return cubin;
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static void check(int result, String call, nvrtcProgram program) {
        if (result == nvrtcResult.NVRTC_SUCCESS) return;
        String log = "";
        if (program != null) {
            long[] size = new long[1];
            String[] text = new String[1];
            if (JNvrtc.nvrtcGetProgramLogSize(program, size) == 0 && size[0] > 1 && JNvrtc.nvrtcGetProgramLog(program, text) == 0)
                log = "\n" + text[0].trim();
        }
        throw new IllegalStateException(call + ": " + nvrtcResult.stringFor(result) + log);
    }

    static String nvrtcVersion() {
        int[] major = new int[1], minor = new int[1];
        JNvrtc.nvrtcVersion(major, minor);
        return major[0] + "." + minor[0];
    }

    /**
     * The PTX assembled to machine code for sm_{major}{minor} by the PTX compiler in JCuda's
     * natives (no GPU, driver or toolkit needed, so it runs in the tests on any machine).
     */
    static byte[] assemble(String ptx, int major, int minor) {
        byte[] text = ptx.getBytes(StandardCharsets.US_ASCII);
        nvPTXCompilerHandle h = new nvPTXCompilerHandle();
        checkPtx(JNvPTXCompiler.nvPTXCompilerCreate(h, text.length, text), "nvPTXCompilerCreate", null);
        try {
            String[] options = {"--gpu-name=sm_" + major + minor};
            checkPtx(JNvPTXCompiler.nvPTXCompilerCompile(h, options.length, options), "nvPTXCompilerCompile", h);
            long[] size = new long[1];
            checkPtx(JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(h, size), "nvPTXCompilerGetCompiledProgramSize", h);
            byte[] image = new byte[Math.toIntExact(size[0])];
            checkPtx(JNvPTXCompiler.nvPTXCompilerGetCompiledProgram(h, image), "nvPTXCompilerGetCompiledProgram", h);
            return image;
        } finally {
            JNvPTXCompiler.nvPTXCompilerDestroy(h);
        }
    }

    private static void checkPtx(int result, String call, nvPTXCompilerHandle h) {
        if (result == 0) return;
        String log = "";
        if (h != null) {
            long[] size = new long[1];
            if (JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(h, size) == 0 && size[0] > 1) {
                byte[] b = new byte[Math.toIntExact(size[0])];
                if (JNvPTXCompiler.nvPTXCompilerGetErrorLog(h, b) == 0) log = "\n" + new String(b, StandardCharsets.US_ASCII).trim();
            }
        }
        throw new IllegalStateException(call + " failed (" + jcuda.nvptxcompiler.nvPTXCompileResult.stringFor(result) + ")" + log);
    }

    static String ptxCompilerVersion() {
        int[] major = new int[1], minor = new int[1];
        JNvPTXCompiler.nvPTXCompilerGetVersion(major, minor);
        return major[0] + "." + minor[0];
    }

    static String driverVersion() {
        int[] v = new int[1];
        cuDriverGetVersion(v);
        return v[0] / 1000 + "." + v[0] % 1000 / 10;
    }

    /** The PTX build-ptx.sh made, shipped in the jar. */
    static String shippedPtx() {
        try (InputStream in = CudaModules.class.getResourceAsStream(PTX)) {
            if (in == null) throw new IllegalStateException(PTX + " is not on the class path (src/main/cuda/build-ptx.sh makes it)");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "PTX ISA 8.0 for sm_80", from the PTX's .version and .target lines. */
    static String ptxVersion(String ptx) {
        String version = "?", target = "?";
        for (String line : ptx.lines().limit(60).toList()) {
            if (line.startsWith(".version ")) version = line.substring(9).trim();
            if (line.startsWith(".target ")) target = line.substring(8).trim();
        }
        return "PTX ISA " + version + " for " + target;
    }

    private static String since(List<String> notUsed) {
        return notUsed.isEmpty() ? "" : "; not used: " + String.join("; ", notUsed);
    }

    private static String firstLine(Throwable e) { return GpuDetector.reason(e); }
}
