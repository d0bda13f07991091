package org.cryoj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.map.atomic.AtomicMapRenderer;
import org.cryoj.map.atomic.PseudoAtomicModel;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code cryoj pseudo_atomic} as a user meets it: through CryoJ's root command and its error handler. */
class PseudoAtomicCommandTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter(), err = new StringWriter();

    int cryoj(String... args) {
        CommandLine cl = CryoJ.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesMapAndModel() throws Exception {
        Path map = dir.resolve("pa.mrc"), pdb = dir.resolve("pa.pdb");
        assertEquals(0, cryoj("pseudo_atomic", "--sym", "D2", "--angpix", "2.655", "--box", "64", "--o", map.toString(),
                "--o_pdb", pdb.toString(), "--j", "2"), err.toString());
        assertTrue(out.toString().contains("pseudo_atomic: D2, 4 x "), out.toString());
        FloatVolume v = MrcFile.read(map);
        assertEquals(64, v.nx());
        assertEquals(2.655, v.pixelSize(), 1e-6);
        ImageAssert.assertImagesEqual(AtomicMapRenderer.render(PseudoAtomicModel.standard(SymmetryGroup.parse("D2")), 64, 2.655, 2), v, 1e-6);
        List<String> lines = Files.readAllLines(pdb);
        assertEquals(PseudoAtomicModel.standard(SymmetryGroup.parse("D2")).size(), lines.stream().filter(l -> l.startsWith("ATOM  ")).count());
        // the first atom lies on the map: centre voxel 32 is at 32 x 2.655 Å
        double x = Double.parseDouble(lines.stream().filter(l -> l.startsWith("ATOM  ")).findFirst().orElseThrow().substring(30, 38));
        assertEquals(PseudoAtomicModel.standard(SymmetryGroup.parse("D2")).asymmetricUnit().get(0).x() + 32 * 2.655, x, 1e-3);

        // other options reach the model: another seed, B-factor, group and size
        Path other = dir.resolve("c3.pdb");
        assertEquals(0, cryoj("pseudo_atomic", "--sym", "C3", "--residues", "100", "--bfactor", "40", "--seed", "3",
                "--o_pdb", other.toString()), err.toString());
        List<String> c3 = Files.readAllLines(other).stream().filter(l -> l.startsWith("ATOM  ")).toList();
        assertEquals(3 * PseudoAtomicModel.generate(SymmetryGroup.parse("C3"), 100, 40, 3).asymmetricUnit().size(), c3.size());
        assertEquals(" 40.00", c3.get(0).substring(60, 66));
    }

    @Test
    void errorsNameTheOption() throws Exception {
        Path map = dir.resolve("pa.mrc");
        String[][] bad = {
                {"pseudo_atomic", "--angpix", "2.655"},                                        // no output
                {"pseudo_atomic", "--o", map.toString(), "--box", "48"},                       // 85 Å: too small
                {"pseudo_atomic", "--o", map.toString(), "--sym", "X5"},
                {"pseudo_atomic", "--o", map.toString(), "--angpix", "0"},
                {"pseudo_atomic", "--o", map.toString(), "--bfactor", "-5"},
                {"pseudo_atomic", "--o", map.toString(), "--residues", "1"},
        };
        String[] named = {"--o", "--box", "--sym", "--angpix", "--bfactor", "--residues"};
        for (int i = 0; i < bad.length; i++) {
            err.getBuffer().setLength(0);
            assertNotEquals(0, cryoj(bad[i]), String.join(" ", bad[i]));
            String e = err.toString();
            assertTrue(e.startsWith("cryoj pseudo_atomic: error: ") && e.contains(named[i]) && e.strip().lines().count() == 1,
                    String.join(" ", bad[i]) + " -> " + e);
        }
        assertFalse(Files.exists(map));
        // an existing output needs --force
        assertEquals(0, cryoj("pseudo_atomic", "--o", map.toString(), "--box", "88"));
        err.getBuffer().setLength(0);
        assertNotEquals(0, cryoj("pseudo_atomic", "--o", map.toString(), "--box", "88"));
        assertTrue(err.toString().contains("--force"), err.toString());
        assertEquals(0, cryoj("pseudo_atomic", "--o", map.toString(), "--box", "88", "--force"));
    }
}
