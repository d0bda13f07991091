package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;

import org.cryoj.cli.SimulateCommand;
import org.cryoj.fourier.FourierFilters;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.map.atomic.AtomicMapRenderer;
import org.cryoj.map.atomic.PseudoAtomicModel;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcValidator;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The CLI, its speed, and RELION reading what it writes (relion_star_handler, relion_preprocess). */
class SimulateCommandTest {
    @TempDir Path dir;

    private int run(StringWriter out, String... args) {
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void twoThousandStackedParticlesInAFewSeconds() throws Exception {
        StringWriter out = new StringWriter();
        String phantom = SimulationTestData.PHANTOM.toString();
        long t0 = System.nanoTime();
        int rc = run(out, "--i", phantom, "--o", dir.resolve("p").toString(), "--sym", "D2", "--nr_particles", "2000",
                "--box", "64", "--mode", "particles", "--snr", "0.05", "--start_angles", "noisy", "--seed", "1", "--j", "2");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, rc, out.toString());
        System.out.printf("simulate --mode particles: 2000 particles of box 64 with --j 2 in %.2f s%n", seconds);
        assertEquals(2000, MrcFile.readHeader(dir.resolve("p/Particles/particles.mrcs")).nz());
        assertTrue(seconds < 20, "took " + seconds + " s");
        // same seed, other thread count: the same data
        assertEquals(0, run(new StringWriter(), "--i", phantom, "--o", dir.resolve("q").toString(), "--sym", "D2", "--nr_particles", "300",
                "--mode", "particles", "--seed", "1", "--j", "1"));
        assertEquals(0, run(new StringWriter(), "--i", phantom, "--o", dir.resolve("r").toString(), "--sym", "D2", "--nr_particles", "300",
                "--mode", "particles", "--seed", "1", "--j", "2"));
        float[] a = MrcFile.read(dir.resolve("q/Particles/particles.mrcs")).data(), b = MrcFile.read(dir.resolve("r/Particles/particles.mrcs")).data();
        assertTrue(Arrays.equals(a, b), "--j changed the data");
        // existing outputs need --force; bad options are refused by their RELION-style name
        StringWriter refused = new StringWriter();
        assertNotEquals(0, run(refused, "--i", phantom, "--o", dir.resolve("q").toString(), "--nr_particles", "10"));
        assertNotEquals(0, run(refused, "--i", phantom, "--o", dir.resolve("s").toString(), "--snr", "0"));
        assertTrue(refused.toString().contains("--snr"), refused.toString());
        assertEquals(0, run(new StringWriter(), "--i", phantom, "--o", dir.resolve("q").toString(), "--nr_particles", "10", "--force"));
    }

    @Test
    void withoutInputTheTruthIsThePseudoAtomicStructure() throws Exception {
        Path p = dir.resolve("atomic");
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "--o", p.toString(), "--sym", "D2", "--angpix", "2.655", "--box", "64", "--nr_particles", "40",
                "--mode", "particles", "--snr", "0.1", "--seed", "3", "--j", "2"), out.toString());
        assertTrue(out.toString().contains("D2 pseudo-atomic structure, box 64 at 2.655"), out.toString());
        FloatVolume truth = MrcFile.read(p.resolve(Simulation.TRUTH_MAP));
        assertEquals(2.655, truth.pixelSize(), 1e-6);
        ImageAssert.assertImagesEqual(AtomicMapRenderer.render(PseudoAtomicModel.standard(SymmetryGroup.parse("D2")), 64, 2.655, 2), truth, 1e-6);
        assertEquals(64, MrcFile.readHeader(p.resolve("Particles/particles.mrcs")).nx());
        StarTable sim = StarFile.read(p.resolve("truth.star")).block("simulation").table();
        assertEquals(p.resolve(Simulation.TRUTH_MAP).toString(), sim.getString(0, "cryojMap"));
        // the reference is the truth low-passed: it correlates with it at low resolution
        FloatVolume ref = MrcFile.read(p.resolve("reference_lp.mrc"));
        FloatVolume lp = FourierFilters.lowPass(truth, 30, 2.655, FourierFilters.DEFAULT_EDGE_WIDTH);
        assertTrue(ImageAssert.correlation(lp.data(), ref.data()) > 0.999);

        // --force rules for truth_map.mrc too; without --box the box holds 1.25 x the structure (122 Å at 3.54 Å: 44)
        StringWriter refused = new StringWriter();
        assertNotEquals(0, run(refused, "--o", p.toString(), "--sym", "D2", "--angpix", "2.655", "--box", "64", "--nr_particles", "40"));
        assertTrue(refused.toString().contains("--force"), refused.toString());
        assertEquals(0, run(new StringWriter(), "--o", dir.resolve("b").toString(), "--sym", "D2", "--angpix", "3.54",
                "--nr_particles", "10", "--snr", "Infinity"));
        assertEquals(44, MrcFile.read(dir.resolve("b").resolve(Simulation.TRUTH_MAP)).nx());
        assertEquals(44, MrcFile.readHeader(dir.resolve("b/Particles/particles.mrcs")).nx());
        // --angpix is needed to render the structure, and --box must hold it
        refused = new StringWriter();
        assertNotEquals(0, run(refused, "--o", dir.resolve("c").toString(), "--sym", "D2", "--nr_particles", "10"));
        assertTrue(refused.toString().contains("--angpix"), refused.toString());
        refused = new StringWriter();
        assertNotEquals(0, run(refused, "--o", dir.resolve("c").toString(), "--sym", "D2", "--angpix", "2.655", "--box", "32", "--nr_particles", "10"));
        assertTrue(refused.toString().contains("--box 32"), refused.toString());
    }

    @Test
    void relionReadsTheMicrographProject() throws Exception {
        ExternalTools.require("relion_preprocess");
        ExternalTools.require("relion_star_handler");
        Path project = dir.resolve("project");
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "--i", SimulationTestData.PHANTOM.toAbsolutePath().toString(), "--o", project.toString(),
                "--sym", "D2", "--mode", "micrographs", "--nr_particles", "20", "--mic_size", "400", "--parts_per_mic", "10", "--snr", "0.1",
                "--earlier_angpix", "7.08", "--earlier_box", "32", "--seed", "5", "--j", "2"), out.toString());
        for (String f : new String[] {"Micrographs/mic_001.mrc", "Micrographs/mic_002.mrc", "reference_lp.mrc"})
            assertTrue(MrcValidator.validate(project.resolve(f)).isEmpty(), f + ": " + MrcValidator.validate(project.resolve(f)));

        // relion_star_handler reads every RELION-facing STAR file (optics included) and keeps all rows
        for (String[] c : new String[][] {{"micrographs_ctf.star", "micrographs", "2"}, {"particles_picked_refined.star", "particles", "20"}}) {
            ExternalTools.runOk(project, 60, "relion_star_handler", "--i", c[0], "--o", "sel_" + c[0],
                    "--select", "rlnDefocusU", "--minval", "0", "--maxval", "1e9");
            StarFile sel = StarFile.read(project.resolve("sel_" + c[0]));
            assertEquals(Integer.parseInt(c[2]), sel.block(c[1]).table().rowCount(), c[0]);
            assertEquals(StarFile.read(project.resolve(c[0])).block("optics").table().getDouble(0, "rlnMicrographOriginalPixelSize"),
                    sel.block("optics").table().getDouble(0, "rlnMicrographOriginalPixelSize"), 1e-6);
        }

        // relion_preprocess re-extracts with recentring: the centres it records are the true ones
        ExternalTools.runOk(project, 120, "relion_preprocess", "--i", "micrographs_ctf.star",
                "--reextract_data_star", "particles_picked_refined.star", "--recenter",
                "--part_star", "Extract/job019/particles.star", "--part_dir", "Extract/job019/", "--extract",
                "--extract_size", "64", "--norm", "--bg_radius", "24", "--invert_contrast");
        StarTable p = StarFile.read(project.resolve("Extract/job019/particles.star")).block("particles").table();
        StarTable truth = StarFile.read(project.resolve("truth.star")).block("particles").table();
        assertEquals(truth.rowCount(), p.rowCount());
        double worst = 0;
        for (int i = 0; i < p.rowCount(); i++)
            for (String axis : new String[] {"X", "Y"})
                worst = Math.max(worst, Math.abs(p.getDouble(i, "rlnCoordinate" + axis) - p.getDouble(i, "rlnOrigin" + axis + "Angst") / 3.54
                        - truth.getDouble(i, "rlnCoordinate" + axis)));
        System.out.printf("relion_preprocess on simulated micrographs: %d particles, recentred centres within %.1e px of the truth%n",
                p.rowCount(), worst);
        assertTrue(worst < 1e-3, "relion_preprocess centre off the truth by " + worst + " px");
        assertEquals(20, MrcFile.readHeader(project.resolve("Extract/job019/Micrographs/mic_001.mrcs")).nz()
                + MrcFile.readHeader(project.resolve("Extract/job019/Micrographs/mic_002.mrcs")).nz());
    }
}
