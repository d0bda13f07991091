package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One kernel source for both APIs: the PTX the CUDA host loads must be built from the source in
 * the tree, the one the OpenCL host compiles at run time (OpenClScoringTest runs it against the
 * CPU backend), and each prelude must turn the source into its API's language with no word of
 * the other's left. No GPU needed: nvcc and cpp run where they are installed.
 */
class KernelSourcesTest {
    private static final Path KERNELS = Path.of("src/main/resources/org/cryoj/gpu/kernels");
    private static final Path PRELUDE = KERNELS.resolve("cuda_prelude.h"), SOURCE = KERNELS.resolve("cryoj_kernels.cl");
    private static final Path OPENCL_PRELUDE = KERNELS.resolve("opencl_prelude.h");
    private static final String[] ENTRIES = java.util.Arrays.stream(Kernel.values()).map(Kernel::entry).toArray(String[]::new);
    /** Words of OpenCL C that CUDA C lacks. */
    private static final String[] OPENCL_ONLY = {"__kernel", "__global ", "__global\t", "__local", "get_local_id", "get_group_id",
            "get_local_size", "barrier(", "CLK_", "atomic_cmpxchg", "as_uint", "as_float", "INFINITY", "isinf(", "(float2) ("};
    /** Words of CUDA C that OpenCL C lacks. */
    private static final String[] CUDA_ONLY = {"__global__", "__device__", "__shared__", "threadIdx", "blockIdx", "blockDim",
            "__syncthreads", "atomicAdd", "make_float2", "__int_as_float", "__float_as_int", "extern \"C\"", "__restrict__"};

    @Test
    void shippedPtxIsBuiltFromTheCurrentSource() throws Exception {
        String ptx = shippedPtx();
        String firstLine = ptx.substring(0, ptx.indexOf('\n'));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(PRELUDE));
        String sha = HexFormat.of().formatHex(md.digest(Files.readAllBytes(SOURCE)));
        assertEquals("// cuda_prelude.h + cryoj_kernels.cl sha256 " + sha, firstLine,
                "the PTX is stale: run src/main/cuda/build-ptx.sh after changing the kernels");
        for (String e : ENTRIES) assertTrue(ptx.contains(".entry " + e + "("), "PTX lacks kernel " + e);
    }

    @Test
    void sourceCompilesWithNvcc(@TempDir Path dir) throws Exception {
        boolean nvcc = ExternalTools.onPath("nvcc");
        if (!nvcc) System.out.println("SKIPPED: nvcc is not installed; the shipped PTX is checked by hash only");
        assumeTrue(nvcc, "nvcc not installed");
        ExternalTools.runOk(dir, 120, "nvcc", "-ptx", "-arch=compute_80", "-x", "cu",
                "-include", PRELUDE.toAbsolutePath().toString(), "-o", "k.ptx", SOURCE.toAbsolutePath().toString());
        String ptx = Files.readString(dir.resolve("k.ptx"));
        for (String e : ENTRIES) assertTrue(ptx.contains(".entry " + e + "("), "nvcc output lacks " + e);
    }

    /** cuda_prelude.h + the source, preprocessed as C: every kernel a CUDA C __global__ function, no OpenCL C word left. */
    @Test
    void cudaPreludeMakesTheSourceCudaC(@TempDir Path dir) throws Exception {
        String cuda = preprocess(dir, PRELUDE);
        for (String e : ENTRIES) assertTrue(cuda.contains("extern \"C\" __global__ void " + e + "("), "not a CUDA kernel: " + e);
        for (String w : new String[] {"blockIdx.x", "threadIdx.x", "__syncthreads()", "__shared__ float", "atomicAdd(", "make_float2("})
            assertTrue(cuda.contains(w), "CUDA C lacks " + w);
        for (String w : OPENCL_ONLY) assertFalse(has(cuda, w), "OpenCL C word left in the CUDA source: " + w);
    }

    /** The same with opencl_prelude.h: OpenCL C kernels, no CUDA word left. */
    @Test
    void openClPreludeMakesTheSourceOpenClC(@TempDir Path dir) throws Exception {
        String cl = preprocess(dir, OPENCL_PRELUDE);
        for (String e : ENTRIES) assertTrue(cl.contains("__kernel void " + e + "("), "not an OpenCL kernel: " + e);
        for (String w : CUDA_ONLY) assertFalse(has(cl, w), "CUDA word left in the OpenCL source: " + w);
    }

    /** The shipped PTX declares the ISA version build-ptx.sh sets, which every CUDA 12 and 13 driver loads. */
    @Test
    void shippedPtxIsIsa80ForCompute80() throws Exception {
        String ptx = shippedPtx();
        assertTrue(ptx.contains("\n.version 8.0\n") && ptx.contains("\n.target sm_80\n"), CudaModules.ptxVersion(ptx));
        assertEquals("PTX ISA 8.0 for sm_80", CudaModules.ptxVersion(ptx));
    }

    /** {@code word} in {@code text}, not as the end of a longer name (as_float in __int_as_float). */
    private static boolean has(String text, String word) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(word)).matcher(text).find();
    }

    /** prelude + source through the C preprocessor (macros expanded, comments dropped). */
    private static String preprocess(Path dir, Path prelude) throws Exception {
        boolean cpp = ExternalTools.onPath("cpp");
        if (!cpp) System.out.println("SKIPPED: cpp is not installed");
        assumeTrue(cpp, "cpp not installed");
        Path both = dir.resolve("both.c");
        Files.writeString(both, Files.readString(prelude) + "\n" + Files.readString(SOURCE));
        ExternalTools.Result r = ExternalTools.run(dir, 60, "cpp", "-P", "-undef", "-nostdinc", both.toString());
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }

    static String shippedPtx() throws Exception {
        try (InputStream in = KernelSourcesTest.class.getResourceAsStream("/org/cryoj/gpu/cryoj_kernels.ptx")) {
            assertTrue(in != null, "cryoj_kernels.ptx is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
