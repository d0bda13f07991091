package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cryoj.cli.ImageHandlerCommand;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/**
 * The image_handler operations beyond rescaling, each run by relion_image_handler and by CryoJ
 * on the same small input made here, compared voxel by voxel (or row by row for the printed
 * tables). Inputs: "d2 N" the D2 phantom, "noise NX NY NZ" Gaussian noise (NZ = 1 for an image),
 * "blob N" an off-centre Gaussian blob on weak noise, "nan N" noise with NaN and infinite voxels.
 * A second image of the same size, op.mrc (noise plus part of the input, with a few exact zeros),
 * is there for --multiply/--divide/--add/--subtract/--adjust_power, and a soft sphere, mask.mrc,
 * for --mask_optimise_subtract.
 */
class ImageHandlerOperationsTest {

    @TempDir Path dir;

    @ParameterizedTest(name = "{0} at {1} A: {2}")
    @CsvSource(delimiter = '|', value = {
            "noise 17 17 17|2.0|--multiply_constant 2.5",
            "noise 17 17 17|2.0|--divide_constant 3",
            "noise 17 17 17|2.0|--add_constant 1.25",
            "noise 17 17 17|2.0|--subtract_constant 0.75",
            "noise 17 17 17|2.0|--threshold_above 0.5",
            "noise 17 17 17|2.0|--threshold_below -0.3",
            "noise 16 16 16|2.0|--multiply_constant 2 --threshold_above 0.4 --threshold_below -0.2",
            "noise 17 17 17|2.0|--multiply op.mrc",
            "noise 17 17 17|2.0|--divide op.mrc",
            "noise 17 17 17|2.0|--add op.mrc",
            "noise 17 17 17|2.0|--subtract op.mrc",
            "noise 24 24 1|2.0|--subtract op.mrc",
            "noise 17 17 17|2.0|--flipX",
            "noise 16 16 16|2.0|--flipY",
            "noise 17 17 17|2.0|--flipZ",
            "noise 16 16 16|2.0|--invert_hand",
            "noise 17 17 17|2.0|--invert_hand",
            "noise 20 20 1|2.0|--flipX",
            "noise 21 21 1|2.0|--invert_hand",
            "noise 17 17 17|2.0|--shift_x 1.5 --shift_y -2.25 --shift_z 3",
            "noise 16 16 16|2.0|--shift_x -3",
            "noise 20 20 1|2.0|--shift_x 2.5 --shift_y 1.75",
            "blob 24|2.0|--shift_com",
            "blob 25|2.0|--shift_com",
            "d2 32|3.54|--bfactor 200",
            "noise 17 17 17|2.0|--bfactor -50 --angpix 1.5",
            "noise 24 24 1|2.0|--bfactor 100",
            "noise 20 20 20|2.0|--lowpass 8 --filter_edge_width 5",
            "noise 21 21 21|2.0|--highpass 12 --filter_edge_width 4",
            "noise 20 20 20|2.0|--lowpass 8 --directional X",
            "noise 21 21 21|2.0|--lowpass 8 --directional y",
            "noise 20 20 20|2.0|--lowpass 6 --directional Z --filter_edge_width 6",
            "nan 16|2.0|--remove_nan",
            "nan 17|2.0|--remove_nan --replace_nan 3.5",
            "noise 17 17 17|2.0|--LoG 10",
            "noise 24 24 1|2.0|--LoG 8",
            // the phantom's near-empty outer shells would turn float rounding into large factors: noise instead
            "noise 20 20 20|2.0|--adjust_power op.mrc",
            "noise 21 21 1|2.0|--adjust_power op.mrc",
            "noise 17 17 17|2.0|--subtract op.mrc --optimise_scale_subtract",
            "noise 20 20 20|2.0|--subtract op.mrc --optimise_scale_subtract --mask_optimise_subtract mask.mrc",
            "d2 24|3.54|--subtract op.mrc --optimise_scale_subtract --optimise_bfactor_subtract 50 --mask_optimise_subtract mask.mrc",
            // an odd map: for an even one RELION reads past the end of the filter image at kz = +n/2
            "noise 17 17 17|2.0|--fourier_filter mask.mrc",
            "noise 20 20 1|2.0|--fourier_filter mask.mrc",
            "noise 21 21 1|2.0|--fourier_filter op.mrc",
            "noise 30 20 1|2.0|--add_edge --edge_x0 3 --edge_xF 25 --edge_y0 2 --edge_yF 15",
            "noise 20 20 1|2.0|--add_edge --edge_x0 4 --edge_yF 12 --flipXY",
            "noise 20 20 1|2.0|--flipXY",
            "noise 21 21 1|2.0|--flipmXY",
            "noise 20 20 1|2.0|--flipXY --subtract op.mrc --lowpass 7 --directional X",
            // odd boxes: RELION's Fourier rescale stays even, the real-space window takes any size
            "d2 48|3.54|--rescale_angpix 4.1 --new_box 41",
            "d2 48|3.54|--new_box 41",
            "noise 40 40 40|2.0|--new_box 33",
            "noise 33 33 33|2.0|--new_box 40",
            "noise 33 33 33|2.0|--new_box 27",
            "noise 32 32 1|2.0|--new_box 25",
            "noise 45 45 45|2.0|--rescale_angpix 2.6 --new_box 35",
            "noise 25 25 1|2.0|--rescale_angpix 1.7",
            // non-square images (micrographs): padded to a square for the rescale, then cut to their own sides
            "noise 30 20 1|2.0|--rescale_angpix 2.6",
            "noise 20 31 1|1.5|--rescale_angpix 0.9",
            "noise 30 20 1|2.0|--new_box 16",
            "noise 30 21 1|2.0|--flipX --shift_y 1.5 --threshold_above 1",
            // several steps in RELION's order
            "d2 32|3.54|--multiply_constant -1 --bfactor 100 --lowpass 12 --shift_x 2 --new_box 35 --threshold_below -0.1",
    })
    void matchesRelion(String input, double angpix, String options) throws Exception {
        Path in = dir.resolve("in.mrc");
        FloatVolume map = make(input, angpix);
        MrcFile.write(in, map, MrcMode.FLOAT32, false);
        MrcFile.write(dir.resolve("op.mrc"), operand(map), MrcMode.FLOAT32, false);
        MrcFile.write(dir.resolve("mask.mrc"), softSphere(map), MrcMode.FLOAT32, false);
        List<String> opts = new ArrayList<>(List.of(options.trim().split("\\s+")));
        ExternalTools.runOk(dir, 120, RelionComparisonTest.concat(List.of("relion_image_handler", "--i", "in.mrc", "--o", "relion.mrc"), opts));
        opts.replaceAll(o -> o.endsWith(".mrc") ? dir.resolve(o).toString() : o);
        assertEquals(0, RelionComparisonTest.run(new ImageHandlerCommand(),
                List.of(RelionComparisonTest.concat(List.of("--i", in.toString(), "--o", dir.resolve("ours.mrc").toString()), opts))));

        if (options.contains("XY")) {
            // RELION's --flipXY/--flipmXY write a new image without the input's header: no pixel size
            assertEquals(0, MrcFile.readHeader(dir.resolve("relion.mrc")).pixelSizeX());
            assertEquals(angpix, MrcFile.readHeader(dir.resolve("ours.mrc")).pixelSizeX(), 1e-6);
            MrcFile.write(dir.resolve("relion_px.mrc"), MrcFile.read(dir.resolve("relion.mrc")).withPixelSize(angpix), MrcMode.FLOAT32, false);
            Files.move(dir.resolve("relion_px.mrc"), dir.resolve("relion.mrc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        RelionComparisonTest.Comparison c = RelionComparisonTest.compare(dir.resolve("relion.mrc"), dir.resolve("ours.mrc"));
        System.out.printf("image_handler %s %s: correlation %.8f, max |diff| %.3g (range %.3g)%n", input, options, c.correlation(),
                c.maxAbsDiff(), c.range());
        assertTrue(c.maxAbsDiff() <= 1e-5 * c.range(), "max |difference| with RELION " + c.maxAbsDiff() + " of range " + c.range());
    }

    @ParameterizedTest(name = "--fsc on {0}")
    @CsvSource({"16", "17", "24"})
    void fscTableMatchesRelion(int box) throws Exception {
        FloatVolume a = noise(box, box, box, 2.0, 1);
        FloatVolume b = operand(a);
        float[] d = b.data();
        for (int i = 0; i < d.length; i++) d[i] = 0.7f * a.data()[i] + d[i];   // partly correlated
        MrcFile.write(dir.resolve("a.mrc"), a, MrcMode.FLOAT32, false);
        MrcFile.write(dir.resolve("b.mrc"), b, MrcMode.FLOAT32, false);
        String relion = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "a.mrc", "--fsc", "b.mrc", "--angpix", "1.5");
        String ours = cryoj("--i", dir.resolve("a.mrc").toString(), "--fsc", dir.resolve("b.mrc").toString(), "--angpix", "1.5");
        compareTables(dir, relion, ours, "fsc", "rlnFourierShellCorrelation", box / 2 + 1);
    }

    @ParameterizedTest(name = "--power on {0}")
    @CsvSource({"16 16 16", "17 17 17", "24 24 1", "25 25 1"})
    void powerTableMatchesRelion(String shape) throws Exception {
        String[] s = shape.split(" ");
        int nx = Integer.parseInt(s[0]);
        FloatVolume a = noise(nx, Integer.parseInt(s[1]), Integer.parseInt(s[2]), 2.0, 3);
        MrcFile.write(dir.resolve("a.mrc"), a, MrcMode.FLOAT32, false);
        String relion = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "a.mrc", "--power");
        String ours = cryoj("--i", dir.resolve("a.mrc").toString(), "--power");
        compareTables(dir, relion, ours, "power", "rlnReferenceSpectralPower", nx / 2 + 2);
    }

    @ParameterizedTest(name = "--com on {0}")
    @CsvSource({"blob 24", "blob 25", "noise 20 20 1"})
    void centreOfMassLineMatchesRelion(String input) throws Exception {
        MrcFile.write(dir.resolve("in.mrc"), make(input, 2.0), MrcMode.FLOAT32, false);
        String relion = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "in.mrc", "--com").trim();
        String ours = cryoj("--i", dir.resolve("in.mrc").toString(), "--com").trim().replace(dir.resolve("in.mrc").toString(), "in.mrc");
        assertEquals(relion, ours);
    }

    /**
     * Random phases cannot be compared with RELION's: the analytic properties instead. Beyond
     * the shell (int) (box * angpix / resolution) amplitudes stay and phases decorrelate; below
     * it nothing changes.
     */
    @Test
    void phaseRandomisationKeepsAmplitudesAndLowFrequencies() throws Exception {
        int box = 32;
        FloatVolume a = Phantoms.d2(box, 2.0);
        MrcFile.write(dir.resolve("a.mrc"), a, MrcMode.FLOAT32, false);
        Path o = dir.resolve("r.mrc");
        cryoj("--i", dir.resolve("a.mrc").toString(), "--o", o.toString(), "--phase_randomise", "9");
        FloatVolume r = MrcFile.read(o);
        int shell = (int) (box * 2.0 / 9);   // 7
        org.cryoj.fourier.FourierVolume fa = org.cryoj.fourier.Fft.forward(a), fr = org.cryoj.fourier.Fft.forward(r);
        double[] corr = new double[box], pa = new double[box], pr = new double[box];
        fa.forEach((kx, ky, kz, off) -> {
            // the kx = 0 and Nyquist planes hold conjugate pairs that random phases cannot both keep
            if (kx == 0 || kx == box / 2) return;
            int sh = (int) Math.round(org.cryoj.fourier.FourierVolume.radius(kx, ky, kz));
            double r2 = (double) kx * kx + ky * ky + kz * kz;
            float[] x = fa.data(), y = fr.data();
            double ampA = Math.hypot(x[off], x[off + 1]), ampR = Math.hypot(y[off], y[off + 1]);
            assertEquals(ampA, ampR, 1e-4 * ampA + 1e-7, "amplitude at " + kx + "," + ky + "," + kz);
            if (r2 < (double) shell * shell) {
                assertEquals(x[off], y[off], 1e-4 * ampA + 1e-7);
                assertEquals(x[off + 1], y[off + 1], 1e-4 * ampA + 1e-7);
            }
            corr[sh] += x[off] * y[off] + x[off + 1] * y[off + 1];
            pa[sh] += ampA * ampA;
            pr[sh] += ampR * ampR;
        });
        for (int s = shell + 2; s < box / 2; s++)
            assertTrue(Math.abs(corr[s] / Math.sqrt(pa[s] * pr[s])) < 0.3, "shell " + s + " still correlates: " + corr[s] / Math.sqrt(pa[s] * pr[s]));
    }

    /** One printed table of each tool (RELION's warnings before it are skipped), row by row. */
    static void compareTables(Path dir, String relionOut, String oursOut, String block, String valueLabel, int rows) throws Exception {
        Path rf = dir.resolve("relion.star"), of = dir.resolve("ours.star");
        Files.writeString(rf, relionOut.substring(relionOut.indexOf("\n# version")));
        Files.writeString(of, oursOut);
        StarTable r = StarFile.read(rf).block(block).table(), o = StarFile.read(of).block(block).table();
        assertEquals(rows, r.rowCount(), "RELION's row count");
        assertEquals(r.labels(), o.labels());
        assertEquals(r.rowCount(), o.rowCount());
        for (int i = 0; i < r.rowCount(); i++) {
            assertEquals(r.getInt(i, "rlnSpectralIndex"), o.getInt(i, "rlnSpectralIndex"));
            assertEquals(r.getDouble(i, "rlnResolution"), o.getDouble(i, "rlnResolution"), 1e-6);
            assertEquals(r.getDouble(i, "rlnAngstromResolution"), o.getDouble(i, "rlnAngstromResolution"), 1e-5);
            double rv = r.getDouble(i, valueLabel), ov = o.getDouble(i, valueLabel);
            // RELION prints 6 decimals, or 7 significant digits below 0.001
            assertEquals(rv, ov, Math.max(1.5e-6, 2e-6 * Math.abs(rv)), valueLabel + " of shell " + i);
        }
    }

    private String cryoj(String... args) {
        CommandLine cl = new CommandLine(new ImageHandlerCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute(args), err.toString());
        return out.toString();
    }

    static FloatVolume make(String spec, double angpix) {
        String[] s = spec.split(" ");
        int n = Integer.parseInt(s[1]);
        return switch (s[0]) {
            case "d2" -> Phantoms.d2(n, angpix);
            case "noise" -> noise(n, Integer.parseInt(s[2]), Integer.parseInt(s[3]), angpix, n);
            case "blob" -> blob(n, angpix);
            case "nan" -> {
                FloatVolume v = noise(n, n, n, angpix, n);
                v.data()[0] = Float.NaN;
                v.data()[5] = Float.POSITIVE_INFINITY;
                v.data()[n * n + 3] = Float.NEGATIVE_INFINITY;
                v.data()[v.data().length - 1] = Float.NaN;
                yield v;
            }
            default -> throw new IllegalArgumentException(spec);
        };
    }

    static FloatVolume noise(int nx, int ny, int nz, double angpix, long seed) {
        Random r = new Random(seed);
        float[] d = new float[nx * ny * nz];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new FloatVolume(nx, ny, nz, d, angpix);
    }

    /** A Gaussian blob off the centre voxel, on weak noise (negative voxels count for nothing in RELION's centre of mass). */
    static FloatVolume blob(int n, double angpix) {
        FloatVolume v = noise(n, n, n, angpix, 7 * n);
        double cx = n / 2 + 3.3, cy = n / 2 - 2.1, cz = n / 2 + 1.7;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                    v.set(x, y, z, (float) (0.05 * v.get(x, y, z) + Math.exp(-r2 / 8)));
                }
        return v;
    }

    /** A second image of the input's size, partly the input (so a fitted scale means something), with exact zeros where --divide must give 0. */
    static FloatVolume operand(FloatVolume like) {
        FloatVolume v = noise(like.nx(), like.ny(), like.nz(), like.pixelSize(), 99);
        float[] d = v.data(), x = like.data();
        for (int i = 0; i < d.length; i++) d[i] = Float.isFinite(x[i]) ? 0.5f * d[i] + 0.6f * x[i] : d[i];
        for (int i = 0; i < d.length; i += 11) d[i] = 0;
        return v;
    }

    /** Weights from 1 in the middle to 0 at the edge of the box, with a cosine edge. */
    static FloatVolume softSphere(FloatVolume like) {
        int nx = like.nx(), ny = like.ny(), nz = like.nz();
        FloatVolume m = FloatVolume.zeros(nx, ny, nz, like.pixelSize());
        double r0 = 0.25 * nx, r1 = 0.45 * nx;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    double r = Math.sqrt(Math.pow(x - nx / 2, 2) + Math.pow(y - ny / 2, 2) + Math.pow(z - nz / 2, 2));
                    m.set(x, y, z, (float) (r <= r0 ? 1 : r >= r1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * (r - r0) / (r1 - r0))));
                }
        return m;
    }
}
