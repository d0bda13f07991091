package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The PTX the CUDA backend loads must be built from the kernel source in the tree, the one the
 * OpenCL backend compiles at run time (OpenClScoringTest runs it against the CPU backend).
 */
class KernelSourcesTest {
    private static final Path KERNELS = Path.of("src/main/resources/org/cryoj/gpu/kernels");
    private static final Path PRELUDE = KERNELS.resolve("cuda_prelude.h"), SOURCE = KERNELS.resolve("cryoj_kernels.cl");
    private static final String[] ENTRIES = {"weighted_squares", "cross_all", "pair_dots", "project_slices", "normalise_and_select", "backproject"};

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

    static String shippedPtx() throws Exception {
        try (InputStream in = KernelSourcesTest.class.getResourceAsStream("/org/cryoj/gpu/cryoj_kernels.ptx")) {
            assertTrue(in != null, "cryoj_kernels.ptx is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
