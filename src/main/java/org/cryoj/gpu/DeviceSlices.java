package org.cryoj.gpu;

import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.SliceAccumulator;

/**
 * One thread's backprojection sums on a device, through a queue of its own: the data and weight
 * terms of the padded Fourier grid stay on the device while images are added (kernel
 * backproject, one work-item per Fourier pixel of the image's disc, atomic adds into the grid)
 * and are read back once by {@link #result}. Pixels and their order are those of
 * {@link BackProjector#backproject(float[], float[], double[][])}.
 */
final class DeviceSlices implements SliceAccumulator {
    private static final int WG = 64;

    private final DeviceProgram prog;
    private final FourierGrid grid;
    private final KernelQueue queue;
    private final long bytes;
    /** Per listed pixel: its index in the half-complex image. */
    private final int[] imageIndex;
    private DeviceBuffer data, weight, pix, ones, trans, shifted, ctf, rot;
    private final float[] shiftedHost, ctfHost, rotHost = new float[6];

    DeviceSlices(DeviceProgram prog, FourierGrid grid) throws InterruptedException {
        this.prog = prog;
        this.grid = grid;
        int n = grid.box(), hx = n / 2 + 1;
        int[] kxy = new int[2 * hx * n], index = new int[hx * n];
        int np = 0;
        for (int i = 0; i < n; i++) {
            int ky = i <= n / 2 ? i : i - n;
            // every pixel, as BackProjector.WHOLE_IMAGE: the kernel keeps those within the grid's radius
            int xMax = n / 2;
            // the x = 0 column's ky < 0 half is the Friedel mate of its other half
            for (int kx = ky < 0 ? 1 : 0; kx <= xMax; kx++) {
                kxy[2 * np] = kx;
                kxy[2 * np + 1] = ky;
                index[np++] = kx + hx * i;
            }
        }
        imageIndex = java.util.Arrays.copyOf(index, np);
        shiftedHost = new float[2 * np];
        ctfHost = new float[np];
        long gridBytes = 12L * grid.size();
        DeviceMemory.require(8L * grid.size(), prog.info.maxAllocationBytes(), prog.info, "the Fourier grid's data term (one buffer)");
        bytes = gridBytes + 28L * np + 64;
        prog.reserve(bytes, "backprojection sums of a " + grid.paddedBox() + "^3 padded grid");
        KernelQueue q = null;
        boolean made = false;
        try {
            q = prog.kernels.openQueue();
            data = q.allocate(8L * grid.size());
            weight = q.allocate(4L * grid.size());
            pix = q.allocate(8L * np);
            ones = q.allocate(4L * np);
            trans = q.allocate(4);
            shifted = q.allocate(8L * np);
            ctf = q.allocate(4L * np);
            rot = q.allocate(24);
            q.zero(data);
            q.zero(weight);
            q.write(pix, kxy, 2 * np);
            float[] one = new float[np];
            java.util.Arrays.fill(one, 1f);
            q.write(ones, one, np);
            q.write(trans, new int[] {0}, 1);
            made = true;
        } finally {
            this.queue = q;
            if (!made) close();   // frees what was made, and the reservation
        }
    }

    @Override
    public void backproject(float[] f, float[] ctfImage, double[][] a) {
        int np = imageIndex.length;
        for (int p = 0; p < np; p++) {
            int q = imageIndex[p];
            shiftedHost[2 * p] = f[2 * q];
            shiftedHost[2 * p + 1] = f[2 * q + 1];
            ctfHost[p] = ctfImage == null ? 1f : ctfImage[q];
        }
        for (int k = 0; k < 3; k++) {
            rotHost[k] = (float) a[0][k];
            rotHost[3 + k] = (float) a[1][k];
        }
        queue.write(shifted, shiftedHost, 2 * np);
        queue.write(ctf, ctfHost, np);
        queue.write(rot, rotHost, 6);
        int r = grid.radius();
        // one pose of weight 1 (omega = ones[0]) at translation 0, 1/sigma2 = 1
        queue.launch(Kernel.BACKPROJECT, new long[] {KernelQueue.roundUp(np, WG)}, new int[] {WG},
                data, weight, grid.xSize(), grid.ySize(), r + 1, (float) r * r, (float) grid.padding(),
                shifted, ctf, ones, pix, np, rot, trans, ones, 1);
    }

    @Override
    public BackProjector result() {
        BackProjector bp = new BackProjector(grid);
        queue.read(data, bp.data(), bp.data().length);
        queue.read(weight, bp.weight(), bp.weight().length);
        return bp;
    }

    /** Also after a failed construction: frees whatever was made. */
    @Override
    public void close() {
        for (DeviceBuffer m : new DeviceBuffer[] {data, weight, pix, ones, trans, shifted, ctf, rot}) if (m != null) m.free();
        if (queue != null) queue.close();
        prog.release(bytes);
    }
}
