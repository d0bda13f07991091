package org.cryoj.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.cli.ImageHandlerCommand;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/**
 * image_handler on a stack (.mrcs) and on the images of a STAR file, beside relion_image_handler
 * on the same files: the same stacks, image by image, and the same new STAR file.
 */
class ImageHandlerBatchTest {

    @TempDir Path dir;
    Path s1, s2;

    @BeforeEach
    void stacks() throws Exception {
        s1 = dir.resolve("s1.mrcs");
        s2 = dir.resolve("s2.mrcs");
        MrcFile.writeStack(s1, ImageHandlerOperationsTest.noise(20, 20, 3, 2.0, 5), MrcMode.FLOAT32, false);
        MrcFile.writeStack(s2, ImageHandlerOperationsTest.noise(20, 20, 2, 2.0, 6), MrcMode.FLOAT32, false);
    }

    @ParameterizedTest(name = "stack into one stack: {0}")
    @ValueSource(strings = {"--multiply_constant 2 --lowpass 8", "--rescale_angpix 2.6 --new_box 17", "--flipY --shift_x 1.5"})
    void stackToStackMatchesRelion(String options) throws Exception {
        List<String> opts = List.of(options.split(" "));
        ExternalTools.runOk(dir, 60, RelionComparisonTest.concat(List.of("relion_image_handler", "--i", "s1.mrcs", "--o", "relion.mrcs"), opts));
        cryoj(RelionComparisonTest.concat(List.of("--i", s1.toString(), "--o", dir.resolve("ours.mrcs").toString()), opts));
        assertSameStack(dir.resolve("relion.mrcs"), dir.resolve("ours.mrcs"), 3);
    }

    @Test
    void stackWithSuffixMatchesRelion() throws Exception {
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "s1.mrcs", "--o", "small", "--rescale_angpix", "3.1");
        Files.move(dir.resolve("s1_small.mrcs"), dir.resolve("relion.mrcs"));
        cryoj("--i", s1.toString(), "--o", "small", "--rescale_angpix", "3.1");
        assertSameStack(dir.resolve("relion.mrcs"), dir.resolve("s1_small.mrcs"), 3);
    }

    /** Rows out of stack order and from two stacks; names absolute so both tools read them from any directory. */
    @Test
    void starIntoOneStackMatchesRelion() throws Exception {
        writeStar(dir.resolve("p.star"), List.of("000002@" + s1, "000001@" + s2, "000003@" + s1, "000001@" + s1));
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "p.star", "--o", "relion.mrcs", "--rescale_angpix", "2.5");
        cryoj("--i", dir.resolve("p.star").toString(), "--o", dir.resolve("ours.mrcs").toString(), "--rescale_angpix", "2.5");
        assertSameStack(dir.resolve("relion.mrcs"), dir.resolve("ours.mrcs"), 4);

        StarFile relion = StarFile.read(dir.resolve("p_relion.mrcs.star")), ours = StarFile.read(dir.resolve("p_ours.mrcs.star"));
        StarTable ro = relion.block("optics").table(), oo = ours.block("optics").table();
        assertEquals(ro.getInt(0, "rlnImageSize"), oo.getInt(0, "rlnImageSize"));
        assertEquals(16, oo.getInt(0, "rlnImageSize"));
        assertEquals(ro.getDouble(0, "rlnImagePixelSize"), oo.getDouble(0, "rlnImagePixelSize"), 1e-6);
        StarTable rp = relion.block("particles").table(), op = ours.block("particles").table();
        assertEquals(rp.rowCount(), op.rowCount());
        for (int r = 0; r < rp.rowCount(); r++) {
            ImageReference a = ImageReference.parse(rp.getString(r, "rlnImageName")), b = ImageReference.parse(op.getString(r, "rlnImageName"));
            assertEquals(a.index(), b.index(), "row " + r);
            assertEquals("relion.mrcs", a.file());
            assertEquals(dir.resolve("ours.mrcs").toString(), b.file());
            assertEquals(rp.getDouble(r, "rlnAnglePsi"), op.getDouble(r, "rlnAnglePsi"));
        }
    }

    /** With a suffix each stack gets its own output; RELION is right when the rows list each stack in order. */
    @Test
    void starWithSuffixMatchesRelion() throws Exception {
        writeStar(dir.resolve("p.star"), List.of("000001@" + s1, "000002@" + s1, "000003@" + s1, "000001@" + s2, "000002@" + s2));
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "p.star", "--o", "inv", "--multiply_constant", "-1");
        for (String f : new String[]{"s1_inv.mrcs", "s2_inv.mrcs", "p_inv.star"}) Files.move(dir.resolve(f), dir.resolve("relion_" + f));
        cryoj("--i", dir.resolve("p.star").toString(), "--o", "inv", "--multiply_constant", "-1");
        assertSameStack(dir.resolve("relion_s1_inv.mrcs"), dir.resolve("s1_inv.mrcs"), 3);
        assertSameStack(dir.resolve("relion_s2_inv.mrcs"), dir.resolve("s2_inv.mrcs"), 2);
        StarTable rp = StarFile.read(dir.resolve("relion_p_inv.star")).block("particles").table();
        StarTable op = StarFile.read(dir.resolve("p_inv.star")).block("particles").table();
        for (int r = 0; r < rp.rowCount(); r++) assertEquals(rp.getString(r, "rlnImageName"), op.getString(r, "rlnImageName"));
    }

    /** RELION writes no pixel size into the average's header (cella 0); the voxels are compared. */
    @Test
    void averageMatchesRelion() throws Exception {
        writeStar(dir.resolve("p.star"), List.of("000002@" + s1, "000001@" + s2, "000003@" + s1));
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "p.star", "--o", "relion.mrc", "--average");
        cryoj("--i", dir.resolve("p.star").toString(), "--o", dir.resolve("ours.mrc").toString(), "--average");
        FloatVolume r = MrcFile.read(dir.resolve("relion.mrc")), o = MrcFile.read(dir.resolve("ours.mrc"));
        assertEquals(2.0, o.pixelSize(), 1e-6);
        assertEquals(r.nx(), o.nx());
        assertEquals(1, o.nz());
        for (int i = 0; i < r.data().length; i++) assertEquals(r.data()[i], o.data()[i], 1e-6, "voxel " + i);
    }

    /** Movie frames: sums of a range, or of every N frames (the leftover dropped); RELION writes pixel size 1. */
    @ParameterizedTest(name = "movie frames: {0}")
    @ValueSource(strings = {"sum.mrc --avg_first 2 --avg_last 4", "sum.mrc --avg_first 0 --avg_last 2", "bins.mrcs --avg_bin 2"})
    void movieFrameSumsMatchRelion(String args) throws Exception {
        Path movie = dir.resolve("movie.mrcs");
        MrcFile.writeStack(movie, ImageHandlerOperationsTest.noise(14, 10, 5, 1.5, 8), MrcMode.FLOAT32, false);   // frames need not be square
        String[] a = args.split(" ");
        List<String> opts = List.of(a).subList(1, a.length);
        ExternalTools.runOk(dir, 60, RelionComparisonTest.concat(List.of("relion_image_handler", "--i", "movie.mrcs", "--o", "relion_" + a[0]), opts));
        cryoj(RelionComparisonTest.concat(List.of("--i", movie.toString(), "--o", dir.resolve(a[0]).toString()), opts));
        FloatVolume r = MrcFile.read(dir.resolve("relion_" + a[0])), o = MrcFile.read(dir.resolve(a[0]));
        assertEquals(1.5, o.pixelSize(), 1e-6);
        assertEquals(a[0].endsWith("mrcs") ? 2 : 1, o.nz());
        assertEquals(r.nz(), o.nz());
        for (int i = 0; i < r.data().length; i++) assertEquals(r.data()[i], o.data()[i], 1e-5, "voxel " + i);
    }

    /** The half transform's mean |F| or |F|^2, (nx/2 + 1) x ny x nz in FFTW order; RELION writes pixel size 1. */
    @ParameterizedTest(name = "spectrum average: {0}")
    @ValueSource(strings = {"s1.mrcs --avg_ampl", "s1.mrcs --avg_ampl2", "map.mrc --avg_ampl2", "map.mrc --avg_ampl"})
    void spectrumAveragesMatchRelion(String args) throws Exception {
        MrcFile.write(dir.resolve("map.mrc"), ImageHandlerOperationsTest.noise(9, 9, 9, 2.0, 4), MrcMode.FLOAT32, false);
        String[] a = args.split(" ");
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", a[0], "--o", "relion.mrc", a[1]);
        cryoj("--i", dir.resolve(a[0]).toString(), "--o", dir.resolve("ours.mrc").toString(), a[1]);
        FloatVolume r = MrcFile.read(dir.resolve("relion.mrc")), o = MrcFile.read(dir.resolve("ours.mrc"));
        assertEquals(a[0].endsWith("mrcs") ? List.of(11, 20, 1) : List.of(5, 9, 9), List.of(o.nx(), o.ny(), o.nz()));
        assertEquals(List.of(r.nx(), r.ny(), r.nz()), List.of(o.nx(), o.ny(), o.nz()));
        float max = 0;
        for (float x : r.data()) max = Math.max(max, Math.abs(x));
        for (int i = 0; i < r.data().length; i++) assertEquals(r.data()[i], o.data()[i], 1e-5 * max, "voxel " + i);
    }

    @Test
    void averageOfAllMovieFramesMatchesRelion() throws Exception {
        Path m1 = dir.resolve("m1.mrcs"), m2 = dir.resolve("m2.mrcs");
        MrcFile.writeStack(m1, ImageHandlerOperationsTest.noise(12, 10, 3, 1.5, 11), MrcMode.FLOAT32, false);
        MrcFile.writeStack(m2, ImageHandlerOperationsTest.noise(12, 10, 3, 1.5, 12), MrcMode.FLOAT32, false);
        Files.writeString(dir.resolve("movies.star"), "\ndata_movies\n\nloop_\n_rlnMicrographMovieName #1\n" + m1 + "\n" + m2 + "\n\n");
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "movies.star", "--o", "relion.mrc", "--average_all_movie_frames");
        cryoj("--i", dir.resolve("movies.star").toString(), "--o", dir.resolve("ours.mrc").toString(), "--average_all_movie_frames");
        FloatVolume r = MrcFile.read(dir.resolve("relion.mrc")), o = MrcFile.read(dir.resolve("ours.mrc"));
        assertEquals(List.of(12, 10, 1), List.of(o.nx(), o.ny(), o.nz()));
        assertEquals(List.of(r.nx(), r.ny(), r.nz()), List.of(o.nx(), o.ny(), o.nz()));
        for (int i = 0; i < r.data().length; i++) assertEquals(r.data()[i], o.data()[i], 1e-6, "voxel " + i);
    }

    /** Divided by the normalised mean amplitudes of the same stack (RELION also writes test.mrc, the normalised image). */
    @ParameterizedTest(name = "--correct_avg_ampl, --minr_ampl_corr {0}")
    @ValueSource(ints = {0, 3})
    void amplitudeCorrectionMatchesRelion(int minr) throws Exception {
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "s1.mrcs", "--o", "ampl.mrc", "--avg_ampl");
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "s1.mrcs", "--o", "relion.mrcs", "--correct_avg_ampl", "ampl.mrc",
                "--minr_ampl_corr", String.valueOf(minr));
        cryoj("--i", s1.toString(), "--o", dir.resolve("ours.mrcs").toString(), "--correct_avg_ampl", dir.resolve("ampl.mrc").toString(),
                "--minr_ampl_corr", String.valueOf(minr));
        assertSameStack(dir.resolve("relion.mrcs"), dir.resolve("ours.mrcs"), 3);
    }

    @Test
    void oneImageOfAStackMatchesRelion() throws Exception {
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "2@s1.mrcs", "--o", "relion.mrc", "--multiply_constant", "3", "--lowpass", "9");
        cryoj("--i", "2@" + s1, "--o", dir.resolve("ours.mrc").toString(), "--multiply_constant", "3", "--lowpass", "9");
        assertEquals(1, MrcFile.readHeader(dir.resolve("ours.mrc")).nz());
        assertSameStack(dir.resolve("relion.mrc"), dir.resolve("ours.mrc"), 1);
    }

    /** --fourier_filter turns the filter by each row's rlnAnglePsi (10, 20, 30, 40 degrees here): an anisotropic filter shows it. */
    @Test
    void fourierFilterTurnsWithPsiAsRelion() throws Exception {
        FloatVolume filter = FloatVolume.zeros(20, 20, 1, 2.0);
        for (int y = 0; y < 20; y++)
            for (int x = 0; x < 20; x++)
                filter.set(x, y, 0, (float) Math.exp(-Math.pow((x - 10) / 6.0, 2) - Math.pow((y - 10) / 2.5, 2)));
        MrcFile.write(dir.resolve("filter.mrc"), filter, MrcMode.FLOAT32, false);
        writeStar(dir.resolve("p.star"), List.of("000001@" + s1, "000002@" + s1, "000003@" + s1, "000001@" + s2));
        ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "p.star", "--o", "relion.mrcs", "--fourier_filter", "filter.mrc");
        cryoj("--i", dir.resolve("p.star").toString(), "--o", dir.resolve("ours.mrcs").toString(), "--fourier_filter",
                dir.resolve("filter.mrc").toString());
        assertSameStack(dir.resolve("relion.mrcs"), dir.resolve("ours.mrcs"), 4);
    }

    /** RELION prints one table per image of a stack. */
    @Test
    void powerPerImageMatchesRelion() throws Exception {
        String relion = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "s1.mrcs", "--power", "--angpix", "2");
        String ours = cryoj("--i", s1.toString(), "--power", "--angpix", "2");
        String[] r = relion.split("\n(?=\n# version)"), o = ours.split("\n(?=\n# version)");
        List<String> rt = java.util.Arrays.stream(r).filter(t -> t.contains("data_power")).toList();
        List<String> ot = java.util.Arrays.stream(o).filter(t -> t.contains("data_power")).toList();
        assertEquals(3, rt.size(), relion);
        assertEquals(3, ot.size(), ours);
        for (int i = 0; i < 3; i++)
            ImageHandlerOperationsTest.compareTables(dir, rt.get(i), ot.get(i), "power", "rlnReferenceSpectralPower", 20 / 2 + 2);
    }

    @Test
    void statsPerImageMatchRelion() throws Exception {
        String relion = ExternalTools.runOk(dir, 60, "relion_image_handler", "--i", "s1.mrcs", "--stats").trim();
        String ours = cryoj("--i", s1.toString(), "--stats").trim();
        assertEquals(3, relion.lines().count());
        assertEquals(relion, ours.replace(dir + "/", ""));
    }

    @Test
    void refusesToOverwriteItsInputs() throws Exception {
        writeStar(dir.resolve("p.star"), List.of("000001@" + s1));
        byte[] before = Files.readAllBytes(s1);
        CommandLine cl = new CommandLine(new ImageHandlerCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("--i", dir.resolve("p.star").toString(), "--o", s1.toString(), "--invert", "--force"));
        assertTrue(err.toString().contains("would overwrite an input"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(s1));
        assertFalse(Files.exists(dir.resolve("p_s1.mrcs.star")));
    }

    private void assertSameStack(Path relion, Path ours, int images) throws Exception {
        assertEquals(images, MrcFile.readHeader(relion).nz());
        RelionComparisonTest.Comparison c = RelionComparisonTest.compare(relion, ours);
        assertTrue(c.maxAbsDiff() <= 1e-5 * c.range(), "max |difference| with RELION " + c.maxAbsDiff() + " of range " + c.range());
    }

    private static void writeStar(Path file, List<String> names) throws Exception {
        StringBuilder b = new StringBuilder("\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n_rlnImagePixelSize #3\n"
                + "_rlnImageSize #4\n_rlnImageDimensionality #5\n_rlnVoltage #6\n_rlnSphericalAberration #7\n_rlnAmplitudeContrast #8\n"
                + "opticsGroup1 1 2.000000 20 2 300.000000 2.700000 0.100000\n\n\ndata_particles\n\nloop_\n_rlnImageName #1\n"
                + "_rlnOpticsGroup #2\n_rlnAnglePsi #3\n");
        for (int i = 0; i < names.size(); i++) b.append(names.get(i)).append(" 1 ").append(10.0 * (i + 1)).append('\n');
        Files.writeString(file, b.append('\n').toString());
    }

    private String cryoj(String... args) {
        CommandLine cl = new CommandLine(new ImageHandlerCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute(args), err.toString());
        return out.toString();
    }
}
