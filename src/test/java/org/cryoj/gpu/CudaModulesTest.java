package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The device-independent parts of the CUDA host, run on any machine: the shipped PTX assembled to
 * machine code by the PTX compiler in JCuda's natives (what the host does where the driver's JIT
 * refuses the PTX), NVRTC where a CUDA 12 libnvrtc is installed, and the launch arguments.
 * Loading a module and launching need a device: CudaScoringTest and the other Cuda*Test.
 */
class CudaModulesTest {

    /** sm_80 (A100) and sm_90 (H100, H200): machine code with every kernel, from the PTX as shipped. */
    @Test
    void shippedPtxAssemblesForAmpereAndHopper() {
        String ptx = CudaModules.shippedPtx();
        for (int[] cc : new int[][] {{8, 0}, {8, 6}, {9, 0}}) {
            byte[] cubin = CudaModules.assemble(ptx, cc[0], cc[1]);
            assertTrue(cubin.length > 1000 && cubin[0] == 0x7f && cubin[1] == 'E' && cubin[2] == 'L' && cubin[3] == 'F', "not an ELF image");
            String text = new String(cubin, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (Kernel k : Kernel.values()) assertTrue(text.contains(k.entry()), "sm_" + cc[0] + cc[1] + " image lacks " + k.entry());
            System.out.printf("shipped PTX (%s) assembled for sm_%d%d by JCuda's PTX compiler %s: %d bytes%n",
                    CudaModules.ptxVersion(ptx), cc[0], cc[1], CudaModules.ptxCompilerVersion(), cubin.length);
        }
    }

    /** The PTX compiler refuses broken PTX with its log, which the host passes on. */
    @Test
    void aBrokenPtxFailsWithTheCompilersLog() {
        String broken = CudaModules.shippedPtx().replace("ld.global", "ld.bogus");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CudaModules.assemble(broken, 9, 0));
        assertTrue(e.getMessage().contains("nvPTXCompilerCompile") && e.getMessage().contains(".bogus"), e.getMessage());
    }

    /** Where libnvrtc.so.12 loads (a CUDA 12 toolkit), the source compiles to sm_90 machine code; elsewhere skipped, saying why. */
    @Test
    void nvrtcCompilesTheSourceWhereInstalled() {
        byte[] cubin;
        try {
            cubin = CudaModules.nvrtcCubin(9, 0);
        } catch (LinkageError e) {
            System.out.println("SKIPPED: NVRTC not loadable (JCuda 12.6 needs libnvrtc.so.12 of a CUDA 12 toolkit): " + GpuDetector.reason(e));
            assumeTrue(false, "no libnvrtc.so.12");
            return;
        }
        String text = new String(cubin, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (Kernel k : Kernel.values()) assertTrue(text.contains(k.entry()), "NVRTC image lacks " + k.entry());
        System.out.println("NVRTC " + CudaModules.nvrtcVersion() + " compiled the kernels for sm_90: " + cubin.length + " bytes");
    }

    @Test
    void modeComesFromTheSettings() {
        String old = System.getProperty("cryoj.cuda.kernels");
        try {
            System.setProperty("cryoj.cuda.kernels", "cubin");
            assertEquals(CudaModules.Mode.CUBIN, CudaModules.Mode.fromSettings());
            System.setProperty("cryoj.cuda.kernels", "metal");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CudaModules.Mode::fromSettings);
            assertTrue(e.getMessage().contains("auto, nvrtc, ptx or cubin"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("cryoj.cuda.kernels"); else System.setProperty("cryoj.cuda.kernels", old);
        }
    }

    /** cuLaunchKernel's parameter array: one pointer per argument, buffers, ints and floats; anything else is refused. */
    @Test
    void launchParametersArePointersToEachArgument() {
        jcuda.driver.CUdeviceptr p = new jcuda.driver.CUdeviceptr();
        CudaQueue.Buffer b = new CudaQueue.Buffer(p, 8, 8, null);
        assertTrue(CudaQueue.parameters(b, 3, 2.5f) != null);
        assertThrows(IllegalArgumentException.class, () -> CudaQueue.parameters(b, 3L));
        assertThrows(IllegalArgumentException.class, () -> CudaQueue.parameters(2.5));
    }

    /** The work sizes DeviceScorer gives cross_all (OpenCL's global and local) become CUDA's grid and block. */
    @Test
    void openClWorkSizesBecomeGridAndBlock() {
        int[][] gb = CudaQueue.gridAndBlock(Kernel.CROSS_ALL, new long[] {KernelQueue.roundUp(25, 16), KernelQueue.roundUp(37, 16)}, new int[] {16, 16});
        assertEquals(java.util.List.of(2, 3, 1), java.util.Arrays.stream(gb[0]).boxed().toList());
        assertEquals(java.util.List.of(16, 16, 1), java.util.Arrays.stream(gb[1]).boxed().toList());
        gb = CudaQueue.gridAndBlock(Kernel.WEIGHTED_SQUARES, new long[] {9L * 64}, new int[] {64});
        assertEquals(java.util.List.of(9, 1, 1), java.util.Arrays.stream(gb[0]).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> CudaQueue.gridAndBlock(Kernel.PAIR_DOTS, new long[] {100}, new int[] {64}));
    }

    @Test
    void budgetLeavesOtherProgramsTheirMemory() {
        assertEquals(60L << 30, CudaKernels.budget(140L << 30, 80L << 30));   // three quarters of 80 GiB
        assertEquals(9L << 30, CudaKernels.budget(10L << 30, 80L << 30));     // nine tenths of the 10 GiB free
        assertEquals(1L << 30, CudaKernels.cacheShare(60L << 30));            // at most 1 GiB for the caches of freed buffers
        assertEquals(128L << 20, CudaKernels.cacheShare(1L << 30));           // an eighth of a small budget
    }

    /**
     * The queue's cache of freed buffers (no device needed: the pointers are never dereferenced):
     * a buffer comes back for a request of half its size up to its size, the smallest that fits;
     * past the shared cap the oldest are freed; after close everything returned is freed.
     */
    @Test
    void cacheReusesBuffersOfTheRightSizeWithinItsCap() {
        java.util.List<CudaQueue.Buffer> freed = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicLong cached = new java.util.concurrent.atomic.AtomicLong();
        CudaBufferCache cache = new CudaBufferCache(1000, cached, freed::addAll);
        CudaQueue.Buffer a = buffer(400), b = buffer(300), c = buffer(100);
        cache.recycle(a);
        cache.recycle(b);
        assertEquals(700, cached.get());
        assertEquals(null, cache.take(500, null), "nothing of 500 bytes or more");
        assertEquals(null, cache.take(100, null), "300 and 400 are more than twice 100");
        CudaQueue.Buffer got = cache.take(250, null);
        assertTrue(got.ptr() == b.ptr() && got.bytes() == 250 && got.capacity() == 300, "the smallest that fits, as 250 bytes");
        assertEquals(400, cached.get());
        cache.recycle(got);
        cache.recycle(c);                          // 800 kept
        cache.recycle(buffer(350));                // 1150 > 1000: the oldest (a, 400) is freed
        assertEquals(java.util.List.of(a.ptr()), freed.stream().map(CudaQueue.Buffer::ptr).toList());
        assertEquals(750, cached.get());
        cache.recycle(buffer(2000));               // larger than the cap: freed at once
        assertEquals(2, freed.size());
        cache.close();
        assertEquals(5, freed.size());
        assertEquals(0, cached.get());
        cache.recycle(buffer(10));                 // returned after close: freed at once
        assertEquals(6, freed.size());
        assertEquals(0, cache.size());
    }

    private static CudaQueue.Buffer buffer(long capacity) {
        return new CudaQueue.Buffer(new jcuda.driver.CUdeviceptr(), capacity, capacity, null);
    }
}
