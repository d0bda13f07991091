package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.cli.CryoJ;
import org.cryoj.gpu.GpuDevice;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A whole refinement through the refine command with --gpu on a device against the same run on
 * the CPU backend: the log must name the device (no silent fallback), the final maps correlate
 * to 0.9999 and at least 99% of the particles end with the same pose. Tiny data (100 particles,
 * box 32), the CC first iteration included. Run with opencl:0 ({@link RefineOnOpenClTest}, PoCL's
 * CPU device in CI) and cuda:0 ({@link RefineOnCudaTest}).
 */
abstract class RefineOnDeviceContract {
    @TempDir Path dir;

    /** The device to test; skips (an assumption) where there is none. */
    abstract GpuDevice device();

    @Test
    void deviceRunEqualsTheCpuRun() throws Exception {
        GpuDevice device = device();
        String api = device.api().label();
        RefineTestData data = RefineTestData.create(dir, 32, 7.08, 100, 2.0, 5);
        String cpuLog = refine(data, dir.resolve("cpu/run"), null);
        String devLog = refine(data, dir.resolve("device/run"), device.id());
        assertTrue(cpuLog.contains("Expectation backend: CPU"), cpuLog);
        assertTrue(devLog.contains("Compute: " + api + " backend on " + device.id() + " " + device.name()), devLog);
        assertTrue(devLog.contains("Expectation backend: " + api + " on " + device.id() + " " + device.name()), devLog);

        FloatVolume a = MrcFile.read(Path.of(dir.resolve("cpu/run") + "_class001.mrc"));
        FloatVolume b = MrcFile.read(Path.of(dir.resolve("device/run") + "_class001.mrc"));
        double r = correlation(a.data(), b.data());
        StarTable pa = StarFile.read(Path.of(dir.resolve("cpu/run") + "_data.star")).block("particles").table();
        StarTable pb = StarFile.read(Path.of(dir.resolve("device/run") + "_data.star")).block("particles").table();
        assertEquals(pa.rowCount(), pb.rowCount());
        List<Integer> differ = new ArrayList<>();
        for (int i = 0; i < pa.rowCount(); i++)
            if (!samePose(pa, pb, i)) differ.add(i + 1);
        System.out.printf("%s vs CPU refinement: final map correlation %.7f, %d of %d poses differ %s%n",
                device.id(), r, differ.size(), pa.rowCount(), differ);
        assertTrue(r >= 0.9999, "final map correlation " + r);
        assertTrue(differ.size() <= pa.rowCount() / 100, "particles with another pose: " + differ);
    }

    private String refine(RefineTestData data, Path root, String gpu) {
        List<String> args = new ArrayList<>(List.of("refine", "--i", data.input().toString(), "--o", root.toString(),
                "--ref", data.reference().toString(), "--firstiter_cc", "--ini_high", "40", "--sym", "D2", "--particle_diameter", "200",
                "--ctf", "--flatten_solvent", "--zero_mask", "--oversampling", "1", "--healpix_order", "1", "--auto_local_healpix_order", "3",
                "--offset_range", "3", "--offset_step", "1", "--auto_ignore_angles", "--auto_resol_angles", "--max_iter", "30", "--j", "2"));
        if (gpu != null) args.addAll(List.of("--gpu", gpu));
        root.getParent().toFile().mkdirs();
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long t0 = System.nanoTime();
        assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
        String log = out.toString();
        System.out.printf("%s: %.1f s, %s%n", gpu == null ? "CPU" : "--gpu " + gpu, (System.nanoTime() - t0) / 1e9,
                log.lines().filter(l -> l.startsWith("Compute:") || l.contains("Expectation backend:")).toList());
        return log;
    }

    /** Angles to 0.01 degree and origins to 0.01 A: the same sample of the search grids. */
    private static boolean samePose(StarTable a, StarTable b, int row) {
        for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst"})
            if (Math.abs(a.getDouble(row, l) - b.getDouble(row, l)) > 0.01) return false;
        return true;
    }

    private static double correlation(float[] x, float[] y) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; syy += y[i] * y[i]; sxy += x[i] * y[i]; }
        double cov = sxy - sx * sy / n;
        return cov / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    }
}
