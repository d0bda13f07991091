package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;

import org.cryoj.cli.SimulateCommand;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcValidator;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.ExternalTools;
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
