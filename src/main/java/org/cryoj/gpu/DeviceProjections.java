package org.cryoj.gpu;

import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.Projector;
import org.cryoj.refine.CentralSlices;

/**
 * Projections made on the device (kernel project_slices) from a reference's Fourier grid, which
 * stays there between calls ({@link DeviceProgram#grids}): a call sends six numbers per
 * orientation instead of a whole slice, and the device interpolates what the CPU would have.
 * For one queue, used by one thread at a time.
 */
final class DeviceProjections {
    /** Orientations per launch: one row of work-groups each, and a CUDA grid has at most 65,535 rows. */
    static final int MAX_ORIENTATIONS = 65_535;

    private final DeviceProgram prog;
    private final KernelQueue queue;
    private float[] rotations = new float[0];

    DeviceProjections(DeviceProgram prog, KernelQueue queue) {
        this.prog = prog;
        this.queue = queue;
    }

    /** The device copy of {@code p}'s grid, uploaded on first use and in use by the caller until {@link #release}. */
    ResidentSets.Entry<Projector> grid(Projector p) throws InterruptedException {
        ResidentSets.Entry<Projector> e = prog.grids.hit(p);
        if (e != null) return e;
        float[] data = p.data();
        long bytes = 4L * data.length;
        DeviceMemory.require(bytes, prog.info.maxAllocationBytes(), prog.info, "the reference's Fourier grid (one buffer)");
        prog.reserve(bytes, "the reference's " + p.grid().paddedBox() + "^3 padded Fourier grid");
        try {
            return prog.grids.put(queue, p, data, data.length);
        } catch (RuntimeException ex) {
            prog.release(bytes);
            throw ex;
        }
    }

    void release(ResidentSets.Entry<Projector> grid) { prog.grids.release(grid); }

    /** The window's pixels as the kernel reads them: (kx, ky) pairs. */
    static int[] pixels(CentralSlices s) {
        int[] kx = s.kx(), ky = s.ky(), out = new int[2 * kx.length];
        for (int p = 0; p < kx.length; p++) {
            out[2 * p] = kx[p];
            out[2 * p + 1] = ky[p];
        }
        return out;
    }

    /**
     * Rotations [o0, o0 + m) of {@code s} projected into {@code proj} (m rows of 2K floats, as the
     * CPU's projections), m at most {@link #MAX_ORIENTATIONS}; {@code rot} holds at least 6 m floats,
     * {@code pix} the window's {@link #pixels}.
     */
    void project(ResidentSets.Entry<Projector> grid, CentralSlices s, int o0, int m, DeviceBuffer rot, DeviceBuffer pix, DeviceBuffer proj) {
        if (rotations.length < 6 * m) rotations = new float[6 * m];
        double[][][] a = s.rotations();
        for (int o = 0; o < m; o++)
            for (int c = 0; c < 3; c++) {
                rotations[6 * o + c] = (float) a[o0 + o][0][c];
                rotations[6 * o + 3 + c] = (float) a[o0 + o][1][c];
            }
        queue.write(rot, rotations, 6 * m);
        FourierGrid g = s.projector().grid();
        int r = g.radius(), nPix = s.kx().length;
        queue.launch(Kernel.PROJECT_SLICES, new long[] {KernelQueue.roundUp(nPix, DeviceScorer.WG), m}, new int[] {DeviceScorer.WG, 1},
                grid.buffer, g.xSize(), g.ySize(), r + 1, (float) r * r, (float) g.padding(), rot, m, pix, nPix, proj);
    }
}
