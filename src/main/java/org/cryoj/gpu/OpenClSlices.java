package org.cryoj.gpu;

import static org.jocl.CL.*;

import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.SliceAccumulator;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One thread's backprojection sums on an OpenCL device: the data and weight terms of the
 * padded Fourier grid stay on the device while images are added (kernel backproject, one
 * work-item per Fourier pixel of the image's disc, atomic adds into the grid) and are read back
 * once by {@link #result}. Pixels and their order are those of
 * {@link BackProjector#backproject(float[], float[], double[][])}.
 */
final class OpenClSlices implements SliceAccumulator {
    private static final int WG = 64;

    private final OpenClProgram prog;
    private final FourierGrid grid;
    private final cl_command_queue queue;
    private final cl_kernel kernel;
    private final long bytes;
    /** Per listed pixel: its index in the half-complex image. */
    private final int[] imageIndex;
    private final cl_mem data, weight, pix, ones, trans, shifted, ctf, rot;
    private final float[] shiftedHost, ctfHost, rotHost = new float[6];

    @SuppressWarnings("deprecation")   // clCreateCommandQueue: the OpenCL 1.2 call, which every driver has
    OpenClSlices(OpenClProgram prog, FourierGrid grid) throws InterruptedException {
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
        boolean made = false;
        try {
            queue = clCreateCommandQueue(prog.context, prog.device, 0, null);
            kernel = clCreateKernel(prog.program, "backproject", null);
            data = buffer(8L * grid.size());
            weight = buffer(4L * grid.size());
            pix = buffer(8L * np);
            ones = buffer(4L * np);
            trans = buffer(4);
            shifted = buffer(8L * np);
            ctf = buffer(4L * np);
            rot = buffer(24);
            float[] zero = {0f};
            clEnqueueFillBuffer(queue, data, Pointer.to(zero), Sizeof.cl_float, 0, 8L * grid.size(), 0, null, null);
            clEnqueueFillBuffer(queue, weight, Pointer.to(zero), Sizeof.cl_float, 0, 4L * grid.size(), 0, null, null);
            OpenClCalls.write(queue, pix, kxy, 2 * np);
            float[] one = new float[np];
            java.util.Arrays.fill(one, 1f);
            OpenClCalls.write(queue, ones, one, np);
            OpenClCalls.write(queue, trans, new int[] {0}, 1);
            made = true;
        } finally {
            if (!made) close();   // frees what was made, and the reservation
        }
    }

    private cl_mem buffer(long size) {
        return clCreateBuffer(prog.context, CL_MEM_READ_WRITE, Math.max(4, size), null, null);
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
        OpenClCalls.write(queue, shifted, shiftedHost, 2 * np);
        OpenClCalls.write(queue, ctf, ctfHost, np);
        OpenClCalls.write(queue, rot, rotHost, 6);
        int r = grid.radius();
        // one pose of weight 1 (omega = ones[0]) at translation 0, 1/sigma2 = 1
        OpenClCalls.launch(queue, kernel, new long[] {OpenClCalls.roundUp(np, WG)}, new long[] {WG},
                data, weight, grid.xSize(), grid.ySize(), r + 1, (float) r * r, (float) grid.padding(),
                shifted, ctf, ones, pix, np, rot, trans, ones, 1);
    }

    @Override
    public BackProjector result() {
        BackProjector bp = new BackProjector(grid);
        OpenClCalls.read(queue, data, bp.data(), bp.data().length);
        OpenClCalls.read(queue, weight, bp.weight(), bp.weight().length);
        return bp;
    }

    /** Also after a failed construction: frees whatever was made. */
    @Override
    public void close() {
        for (cl_mem m : new cl_mem[] {data, weight, pix, ones, trans, shifted, ctf, rot}) if (m != null) clReleaseMemObject(m);
        if (kernel != null) clReleaseKernel(kernel);
        if (queue != null) clReleaseCommandQueue(queue);
        prog.release(bytes);
    }
}
