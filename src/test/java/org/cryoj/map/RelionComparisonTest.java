package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.cli.ImageHandlerCommand;
import org.cryoj.cli.MaskCreateCommand;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/**
 * Runs relion_image_handler / relion_mask_create and our commands on the same phantom maps and
 * compares the outputs voxel by voxel: same box, same header pixel size, correlation close to 1.
 */
class RelionComparisonTest {

    @TempDir Path dir;

    @ParameterizedTest(name = "image_handler box {0} at {1} A: {2}")
    @CsvSource(delimiter = '|', value = {
            // the tutorial's numbers: 64 -> 182 (Fourier) -> 256 (padded)
            "64|3.54|--angpix 3.54 --rescale_angpix 1.244 --new_box 256",
            "64|3.54|--rescale_angpix 1.244",
            "45|2.0|--rescale_angpix 3.1",
            "40|2.0|--rescale_angpix 1.3",
            "45|2.0|--rescale_angpix 1.5 --new_box 50",
            "64|3.54|--new_box 48",
            "45|2.0|--lowpass 15",
            "64|3.54|--lowpass 20",
            "64|3.54|--highpass 30",
            "45|2.0|--highpass 12 --angpix 2.5",
            "64|3.54|--angpix 3.0 --lowpass 20",
            "48|1.5|--lowpass 8 --rescale_angpix 2.1 --new_box 40",
            // white noise has power up to Nyquist, where windowing conventions show
            "-40|2.0|--rescale_angpix 1.3",
            "-45|2.0|--rescale_angpix 3.1",
            "-44|2.0|--rescale_angpix 2.6 --new_box 30",
            "-33|1.0|--lowpass 4 --highpass 15",
            // symmetrisation: noise and the D2 phantom under groups it does not have
            "-40|2.0|--sym D2",
            "-33|1.0|--sym C3",
            "-32|1.0|--sym D3",
            "64|3.54|--sym O",
            "-30|1.0|--sym I",
            "64|3.54|--rescale_angpix 2.5 --sym C4",
    })
    void imageHandlerMatchesRelion(int boxOrNoise, double angpix, String options) throws Exception {
        // a negative box asks for Gaussian white noise of that size instead of the phantom
        int box = Math.abs(boxOrNoise);
        Path in = dir.resolve("in.mrc");
        FloatVolume map = boxOrNoise > 0 ? Phantoms.d2(box, angpix) : noise(box, angpix);
        MrcFile.write(in, map, MrcMode.FLOAT32, false);
        List<String> opts = List.of(options.trim().split("\\s+"));

        long t0 = System.nanoTime();
        ExternalTools.runOk(dir, 300, concat(List.of("relion_image_handler", "--i", "in.mrc", "--o", "relion.mrc"), opts));
        double relionS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        int rc = run(new ImageHandlerCommand(), List.of(concat(List.of("--i", in.toString(), "--o", dir.resolve("ours.mrc").toString()), opts)));
        double oursS = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, rc);

        Comparison c = compare(dir.resolve("relion.mrc"), dir.resolve("ours.mrc"));
        System.out.printf("image_handler box %d %s: correlation %.7f, max |diff| %.3g (range %.3g), RELION %.2f s, CryoJ %.2f s%n",
                box, options, c.correlation, c.maxAbsDiff, c.range, relionS, oursS);
        assertTrue(c.correlation >= 0.9999, "correlation with RELION " + c.correlation);
    }

    @ParameterizedTest(name = "mask_create {0}")
    @CsvSource(delimiter = '|', value = {
            "--ini_threshold 0.3 --extend_inimask 3 --width_soft_edge 5",
            "--ini_threshold 0.5 --extend_inimask -2 --width_soft_edge 3",
            "--ini_threshold 0.2 --width_soft_edge 6 --invert",
            "--ini_threshold 0.25 --lowpass 15 --angpix 3.54 --extend_inimask 2.5 --width_soft_edge 4.5",
            "--ini_threshold 0.4",
    })
    void maskCreateMatchesRelion(String options) throws Exception {
        Path in = dir.resolve("in.mrc");
        MrcFile.write(in, Phantoms.d2(64, 3.54), MrcMode.FLOAT32, false);
        List<String> opts = List.of(options.trim().split("\\s+"));
        long t0 = System.nanoTime();
        ExternalTools.runOk(dir, 300, concat(List.of("relion_mask_create", "--i", "in.mrc", "--o", "relion.mrc"), opts));
        double relionS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        int rc = run(new MaskCreateCommand(), List.of(concat(List.of("--i", in.toString(), "--o", dir.resolve("ours.mrc").toString()), opts)));
        double oursS = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, rc);
        Comparison c = compare(dir.resolve("relion.mrc"), dir.resolve("ours.mrc"));
        System.out.printf("mask_create %s: correlation %.7f, max |diff| %.3g, RELION %.2f s, CryoJ %.2f s%n",
                options, c.correlation, c.maxAbsDiff, relionS, oursS);
        assertTrue(c.correlation >= 0.999, "correlation with RELION " + c.correlation);
        assertTrue(c.maxAbsDiff <= 1e-3, "max |difference| with RELION " + c.maxAbsDiff);
    }

    static FloatVolume noise(int box, double angpix) {
        java.util.Random r = new java.util.Random(box);
        float[] d = new float[box * box * box];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new FloatVolume(box, box, box, d, angpix);
    }

    record Comparison(double correlation, double maxAbsDiff, double range) {}

    static Comparison compare(Path relion, Path ours) throws Exception {
        FloatVolume r = MrcFile.read(relion), o = MrcFile.read(ours);
        assertEquals(r.nx(), o.nx(), "box x");
        assertEquals(r.ny(), o.ny(), "box y");
        assertEquals(r.nz(), o.nz(), "box z");
        assertEquals(MrcFile.readHeader(relion).pixelSizeX(), MrcFile.readHeader(ours).pixelSizeX(), 1e-4, "header pixel size");
        double max = 0, lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < r.data().length; i++) {
            max = Math.max(max, Math.abs(r.data()[i] - o.data()[i]));
            lo = Math.min(lo, r.data()[i]);
            hi = Math.max(hi, r.data()[i]);
        }
        return new Comparison(ImageAssert.correlation(r.data(), o.data()), max, hi - lo);
    }

    static int run(Object command, List<String> args) {
        CommandLine cl = new CommandLine(command);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args.toArray(String[]::new));
        if (rc != 0) System.out.println(err);
        return rc;
    }

    static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
