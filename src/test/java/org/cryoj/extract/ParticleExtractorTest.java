package org.cryoj.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.Float16;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** End to end on a simulated project: known particle centres, and relion_preprocess itself. */
class ParticleExtractorTest {
    private static final int BOX = 128, SCALE = 64, BG = 24;

    @TempDir Path dir;

    private static ExtractSettings settings(boolean float16, int threads) {
        return new ExtractSettings(BOX, SCALE, true, true, BG, -1, -1, true, float16,
                true, 0, 0, 0, -1, false, threads, false);
    }

    private ParticleExtractor.Result extract(String out, boolean float16, ProgressListener listener) throws Exception {
        return new ParticleExtractor(dir, settings(float16, 2)).run(
                dir.resolve(SimulatedProject.MICS_STAR), dir.resolve(SimulatedProject.DATA_STAR),
                out, Path.of(out + "particles.star"), listener);
    }

    private static FloatVolume image(Path stack, int oneBased) throws Exception {
        FloatVolume s = MrcFile.read(stack);
        int n = s.nx() * s.ny();
        float[] d = new float[n];
        System.arraycopy(s.data(), (oneBased - 1) * n, d, 0, n);
        return new FloatVolume(s.nx(), s.ny(), 1, d, s.pixelSize());
    }

    private FloatVolume image(String imageName) throws Exception {
        String[] at = imageName.split("@");
        return image(dir.resolve(at[1]), Integer.parseInt(at[0]));
    }

    @Test
    void recentredParticlesHaveTheirTrueCentreAtTheBoxCentre() throws Exception {
        SimulatedProject sim = new SimulatedProject(dir);
        AtomicInteger started = new AtomicInteger(), done = new AtomicInteger();
        ParticleExtractor.Result r = extract("Extract/job018/", false, new ProgressListener() {
            @Override public void started(int total) { started.set(total); }
            @Override public void micrographDone(int index) { done.incrementAndGet(); }
            @Override public boolean isCancelled() { return false; }
        });
        assertEquals(2, started.get());
        assertEquals(2, done.get());
        assertEquals(sim.particles.size(), r.particles());
        StarFile star = StarFile.read(dir.resolve("Extract/job018/particles.star"));
        StarTable p = star.block("particles").table();
        StarTable o = star.block("optics").table();
        double outAngpix = SimulatedProject.MIC_ANGPIX * BOX / SCALE;
        assertEquals(outAngpix, o.getDouble(0, "rlnImagePixelSize"), 1e-9);
        assertEquals(SCALE, o.getInt(0, "rlnImageSize"));
        double worst = 0;
        for (int i = 0; i < p.rowCount(); i++) {
            SimulatedProject.Particle truth = sim.particles.get(i);
            double cx = p.getDouble(i, "rlnCoordinateX"), cy = p.getDouble(i, "rlnCoordinateY");
            double ox = p.getDouble(i, "rlnOriginXAngst"), oy = p.getDouble(i, "rlnOriginYAngst");
            assertEquals(Math.rint(cx), cx, 0, "whole-pixel coordinate");
            assertTrue(Math.abs(ox) <= 0.5 * SimulatedProject.MIC_ANGPIX + 1e-6, "residual origin " + ox);
            assertEquals(truth.trueX(), cx - ox / SimulatedProject.MIC_ANGPIX, 1e-5, "centre x of particle " + i);
            assertEquals(truth.trueY(), cy - oy / SimulatedProject.MIC_ANGPIX, 1e-5, "centre y of particle " + i);
            // the blob (bright after inversion) is centred at box centre - origin / output pixel size
            double[] c = centroid(image(p.getString(i, "rlnImageName")));
            double err = Math.hypot(c[0] - (SCALE / 2 - ox / outAngpix), c[1] - (SCALE / 2 - oy / outAngpix));
            worst = Math.max(worst, err);
        }
        System.out.printf("extract: worst blob centroid error %.3f output px over %d particles%n", worst, p.rowCount());
        assertTrue(worst < 0.1, "blob centroid off by " + worst + " output pixels");
    }

    /** Centroid of the pixels more than 3 background stddevs above the mean, near the box centre. */
    private static double[] centroid(FloatVolume img) {
        double sw = 0, sx = 0, sy = 0;
        for (int y = 0; y < img.ny(); y++)
            for (int x = 0; x < img.nx(); x++) {
                double v = img.get(x, y, 0);
                if (v > 3 && Math.hypot(x - img.nx() / 2.0, y - img.ny() / 2.0) < 10) { sw += v; sx += v * x; sy += v * y; }
            }
        return new double[] {sx / sw, sy / sw};
    }

    @Test
    void matchesRelionPreprocessAndFloat16StaysWithinHalfAnUlp() throws Exception {
        ExternalTools.require("relion_preprocess");
        new SimulatedProject(dir);
        ExternalTools.runOk(dir, 120, "relion_preprocess", "--i", SimulatedProject.MICS_STAR,
                "--reextract_data_star", SimulatedProject.DATA_STAR, "--recenter",
                "--part_star", "Extract/job019/particles.star", "--part_dir", "Extract/job019/", "--extract",
                "--extract_size", "" + BOX, "--scale", "" + SCALE, "--norm", "--bg_radius", "" + BG,
                "--white_dust", "-1", "--black_dust", "-1", "--invert_contrast");
        extract("Extract/job018/", false, ProgressListener.NONE);

        StarFile ours = StarFile.read(dir.resolve("Extract/job018/particles.star"));
        StarFile theirs = StarFile.read(dir.resolve("Extract/job019/particles.star"));
        for (String block : new String[] {"optics", "particles"})
            assertEquals(new HashSet<>(theirs.block(block).table().labels()), new HashSet<>(ours.block(block).table().labels()),
                    "columns of data_" + block);
        StarTable a = ours.block("particles").table(), b = theirs.block("particles").table();
        assertEquals(b.rowCount(), a.rowCount());
        double minCorr = 1, maxOriginDiff = 0;
        for (int i = 0; i < a.rowCount(); i++) {
            assertEquals(b.getString(i, "rlnImageName").replace("job019", "job018"), a.getString(i, "rlnImageName"));
            assertEquals(b.getDouble(i, "rlnCoordinateX"), a.getDouble(i, "rlnCoordinateX"), 0, "rlnCoordinateX row " + i);
            assertEquals(b.getDouble(i, "rlnCoordinateY"), a.getDouble(i, "rlnCoordinateY"), 0, "rlnCoordinateY row " + i);
            for (String l : new String[] {"rlnOriginXAngst", "rlnOriginYAngst"})
                maxOriginDiff = Math.max(maxOriginDiff, Math.abs(b.getDouble(i, l) - a.getDouble(i, l)));
            minCorr = Math.min(minCorr, correlation(image(a.getString(i, "rlnImageName")).data(),
                    image(b.getString(i, "rlnImageName")).data()));
        }
        StarTable oa = ours.block("optics").table(), ob = theirs.block("optics").table();
        assertEquals(ob.getDouble(0, "rlnImagePixelSize"), oa.getDouble(0, "rlnImagePixelSize"), 1e-6);
        assertEquals(ob.getInt(0, "rlnImageSize"), oa.getInt(0, "rlnImageSize"));
        System.out.printf("extract vs relion_preprocess: 1 - min correlation %.2e, max origin difference %.2e A, %d particles%n",
                1 - minCorr, maxOriginDiff, a.rowCount());
        assertTrue(maxOriginDiff <= 0.01, "origins differ by " + maxOriginDiff + " A");
        assertTrue(minCorr >= 0.999, "lowest per-image correlation with RELION " + minCorr);

        // float16: the same numbers rounded once to the nearest half
        extract("Extract/job020/", true, ProgressListener.NONE);
        for (int m = 1; m <= 2; m++) {
            Path h = dir.resolve("Extract/job020/Movies/mic" + m + ".mrcs");
            MrcHeader header = MrcFile.readHeader(h);
            assertEquals(MrcMode.FLOAT16, header.mode());
            float[] half = MrcFile.read(h).data();
            float[] full = MrcFile.read(dir.resolve("Extract/job018/Movies/mic" + m + ".mrcs")).data();
            assertEquals(full.length, half.length);
            for (int i = 0; i < full.length; i++) {
                float rounded = Float16.toFloat(Float16.fromFloat(full[i]));
                assertEquals(rounded, half[i], 0, "pixel " + i + " of " + h);
                assertTrue(Math.abs(half[i] - full[i]) <= halfUlpOfHalf(full[i]), "pixel " + i + " off by more than half an ulp");
            }
        }
        // an independent reader (python mrcfile) sees mode 12 with the same numbers numpy's own
        // float16 rounding gives from the float32 stack
        String out = ExternalTools.python(dir, String.join("\n",
                "import mrcfile, numpy as np",
                "for m in (1, 2):",
                "    h = mrcfile.open('Extract/job020/Movies/mic%d.mrcs' % m, permissive=False)",
                "    f = mrcfile.open('Extract/job018/Movies/mic%d.mrcs' % m)",
                "    assert h.header.mode == 12, h.header.mode",
                "    assert h.data.dtype == np.float16, h.data.dtype",
                "    assert np.array_equal(h.data, f.data.astype(np.float16)), 'values differ from numpy rounding'",
                "    d = h.data.astype(np.float64)",
                "    assert abs(float(h.header.dmean) - d.mean()) < 1e-4 and abs(float(h.header.rms) - d.std()) < 1e-4",
                "print('mrcfile ok')"));
        assertTrue(out.contains("mrcfile ok"), out);
    }

    /** Half the spacing of float16 numbers around v (normal range; subnormals have a fixed 2^-24 spacing). */
    private static double halfUlpOfHalf(float v) {
        double a = Math.abs(v);
        int e = a < 0x1p-14 ? -14 : Math.getExponent(a);
        return Math.scalb(1.0, e - 10) / 2;
    }

    private static double correlation(float[] x, float[] y) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * (double) x[i]; syy += y[i] * (double) y[i]; sxy += x[i] * (double) y[i]; }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }

    @Test
    void cancellingWritesNoStarFile() throws Exception {
        new SimulatedProject(dir);
        assertThrows(CancellationException.class, () -> extract("Extract/job021/", false, new ProgressListener() {
            @Override public void started(int total) {}
            @Override public void micrographDone(int index) {}
            @Override public boolean isCancelled() { return true; }
        }));
        assertTrue(!Files.exists(dir.resolve("Extract/job021/particles.star")));
    }

    @Test
    void commandLineRunsWithRelionOptionNamesAndRefusesBadOnes() throws Exception {
        new SimulatedProject(dir);
        // the CLI resolves names against the current folder: give it absolute micrograph names
        Path mics = dir.resolve("mics_abs.star");
        Files.writeString(mics, Files.readString(dir.resolve(SimulatedProject.MICS_STAR))
                .replace("MotionCorr/", dir.toAbsolutePath() + "/MotionCorr/"));
        String out = dir.toAbsolutePath() + "/Extract/job022/";
        List<String> args = new ArrayList<>(List.of("--i", mics.toString(), "--reextract_data_star",
                dir.resolve(SimulatedProject.DATA_STAR).toString(), "--o", out, "--extract_size", "64",
                "--norm", "--invert_contrast", "--recenter", "--j", "2"));
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new ExtractCommand());
        cl.setOut(new PrintWriter(sw));
        assertEquals(0, cl.execute(args.toArray(new String[0])), sw.toString());
        StarTable o = StarFile.read(Path.of(out + "particles.star")).block("optics").table();
        assertEquals(64, o.getInt(0, "rlnImageSize"));
        assertEquals(1.0, o.getDouble(0, "rlnImagePixelSize"), 1e-9);
        assertEquals(2, MrcFile.readHeader(Path.of(out + "Movies/mic1.mrcs")).mode().code());
        // without --force the outputs are not replaced
        assertNotEquals(0, new CommandLine(new ExtractCommand()).execute(args.toArray(new String[0])));
        args.set(args.indexOf("64"), "63");
        args.add("--force");
        StringWriter err = new StringWriter();
        CommandLine bad = new CommandLine(new ExtractCommand());
        bad.setErr(new PrintWriter(err));
        assertNotEquals(0, bad.execute(args.toArray(new String[0])));
        assertTrue(err.toString().contains("--extract_size"), err.toString());
    }
}
