package org.cryoj.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Random;

import org.cryoj.cli.CryoJ;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.FourierGrid;
import org.cryoj.reconstruct.SimulatedParticles;
import org.cryoj.reconstruct.SliceAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The backproject kernel on a device against the CPU's BackProjector: the same images at random
 * rotations give the same data and weight terms (float sums in another order: 1e-5 of the largest
 * value), and reconstruct --gpu on the device writes the CPU's map. Run on OpenCL
 * ({@link OpenClBackprojectionTest}) and CUDA ({@link CudaBackprojectionTest}).
 */
abstract class DeviceBackprojectionContract {
    @TempDir Path dir;

    /** The device to test; skips (an assumption) where there is none. */
    abstract GpuDevice device();

    @Test
    void sumsEqualTheCpuBackProjector() {
        GpuDevice device = device();
        for (FourierGrid grid : new FourierGrid[] {FourierGrid.full(32, 2), new FourierGrid(24, 1, 9)}) {
            int n = grid.box(), hx = n / 2 + 1;
            Random r = new Random(n);
            BackProjector cpu = new BackProjector(grid);
            try (DeviceBackprojection gpu = new DeviceBackprojection(device); SliceAccumulator acc = gpu.open(grid)) {
                for (int i = 0; i < 12; i++) {
                    float[] f = new float[2 * hx * n], ctf = new float[hx * n];
                    for (int k = 0; k < f.length; k++) f[k] = (float) r.nextGaussian();
                    for (int k = 0; k < ctf.length; k++) ctf[k] = 2 * r.nextFloat() - 1;
                    double[][] a = randomRotation(r);
                    cpu.backproject(f, i % 3 == 0 ? null : ctf, a);
                    acc.backproject(f, i % 3 == 0 ? null : ctf, a);
                }
                BackProjector got = acc.result();
                assertClose(cpu.data(), got.data(), grid, 2, "data term " + grid);
                assertClose(cpu.weight(), got.weight(), grid, 1, "weight term " + grid);
            }
        }
    }

    @Test
    void reconstructOnTheDeviceWritesTheCpuMap() throws Exception {
        GpuDevice device = device();
        Path star = SimulatedParticles.write(dir, Phantoms.d2(32, 3.54), 60, 0.0, 3);
        String cpuLog = reconstruct(star, "cpu.mrc", null);
        String devLog = reconstruct(star, "device.mrc", device.id());
        assertTrue(!cpuLog.contains("Compute:"), cpuLog);
        assertTrue(devLog.contains("Compute: " + device.api().label() + " backprojection on " + device.id() + " " + device.name()), devLog);
        FloatVolume a = MrcFile.read(dir.resolve("cpu.mrc")), b = MrcFile.read(dir.resolve("device.mrc"));
        double c = correlation(a.data(), b.data());
        System.out.printf("reconstruct --gpu %s vs CPU: map correlation %.9f; %s%n", device.id(), c,
                devLog.lines().filter(l -> l.startsWith("Compute:")).findFirst().orElse(""));
        assertTrue(c >= 0.99999, "map correlation " + c);
    }

    private String reconstruct(Path star, String out, String gpu) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] args = gpu == null
                ? new String[] {"reconstruct", "--i", star.toString(), "--o", dir.resolve(out).toString(), "--ctf", "--sym", "D2", "--j", "2"}
                : new String[] {"reconstruct", "--i", star.toString(), "--o", dir.resolve(out).toString(), "--ctf", "--sym", "D2", "--j", "2", "--gpu", gpu};
        assertEquals(0, cl.execute(args), e.toString());
        return o.toString();
    }

    /**
     * Within the radius less 1.5 padded pixels: an image pixel at |k| = rMax (as (rMax, 0)) lands on
     * the grid's radius exactly, kept or dropped by the last bit of its rotated coordinates, which
     * the kernel (float) and the CPU (double) round differently; its splats reach 1 pixel inward.
     */
    private static void assertClose(float[] want, float[] got, FourierGrid g, int perPoint, String what) {
        assertEquals(want.length, got.length);
        double max = 0, worst = 0, edge = 0;
        int c = g.radius() + 1;
        double inner = (g.radius() - 1.5) * (g.radius() - 1.5);
        for (float v : want) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            int o = i / perPoint, x = o % g.xSize(), y = (o / g.xSize()) % g.ySize() - c, z = o / (g.xSize() * g.ySize()) - c;
            double d = Math.abs(got[i] - want[i]);
            if ((double) x * x + y * y + z * z < inner) worst = Math.max(worst, d); else edge = Math.max(edge, d);
        }
        System.out.printf("%s: largest difference %.2e of the largest value %.3g inside, %.2e at the edge%n", what, worst / max, max, edge / max);
        assertTrue(max > 0 && worst <= 1e-5 * max, what + ": largest difference " + worst + " of " + max);
    }

    /** A uniform random rotation from a unit quaternion. */
    private static double[][] randomRotation(Random r) {
        double w = r.nextGaussian(), x = r.nextGaussian(), y = r.nextGaussian(), z = r.nextGaussian();
        double s = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= s; x /= s; y /= s; z /= s;
        return new double[][] {
                {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
                {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
                {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    private static double correlation(float[] x, float[] y) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; sxy += x[i] * y[i]; }
        double cov = sxy - sx * sy / n;
        return cov / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }
}
