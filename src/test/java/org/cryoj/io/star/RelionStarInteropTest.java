package org.cryoj.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELION 3.1's relion_star_handler reads what we write, and we read what it writes. */
class RelionStarInteropTest {
    @TempDir Path dir;

    private Path relionCopy(Path in, String out) throws IOException, InterruptedException {
        ExternalTools.runOk(dir, 60, "relion_star_handler", "--i", in.toString(), "--o", out);
        return dir.resolve(out);
    }

    @Test
    void relionReadsOurFileAndWeReadItsCopy() throws Exception {
        StarFile ours = StarFile.read(StarTestFiles.resource("relion31_particles.star"));
        // add rows with values across the ranges RELION writes in fixed and in exponent notation
        StarTable p = ours.block("particles").table();
        int r = p.addRow();
        for (String l : p.labels()) p.setString(r, l, p.getString(0, l));
        p.setDouble(r, StarLabel.ANGLE_ROT, -123.4567891);
        p.setDouble(r, StarLabel.CTF_BFACTOR, 0.000123456);
        p.setDouble(r, StarLabel.DEFOCUS_U, 31234.5678);
        Path mine = dir.resolve("ours.star");
        ours.write(mine, false);
        StarFile theirs = StarFile.read(relionCopy(mine, "copy.star"));

        assertEquals(List.of("optics", "particles"), theirs.blocks().stream().map(StarBlock::name).toList());
        for (String block : List.of("optics", "particles")) {
            StarTable a = ours.block(block).table(), b = theirs.block(block).table();
            assertEquals(new HashSet<>(a.labels()), new HashSet<>(b.labels()), block);
            assertEquals(a.rowCount(), b.rowCount());
            for (String l : a.labels())
                for (int i = 0; i < a.rowCount(); i++) {
                    if (StarLabel.typeOf(l) == StarLabel.Type.DOUBLE) {
                        double x = a.getDouble(i, l);
                        // RELION keeps six decimals, or seven significant digits in exponent notation
                        assertEquals(x, b.getDouble(i, l), Math.max(1e-6, Math.abs(x) * 1e-6), l + " row " + i);
                    } else if (StarLabel.typeOf(l) != StarLabel.Type.STRING) {
                        assertEquals(a.getInt(i, l), b.getInt(i, l), l + " row " + i);
                    } else if (!l.equals("rlnCryojScore")) {
                        // RELION writes the unknown label's text back as read except "-inf"
                        // (it only knows it as a string); names and paths must be identical
                        assertEquals(a.getString(i, l).replace("\"", ""), b.getString(i, l).replace("\"", ""), l);
                    }
                }
        }
    }

    @Test
    void ourRelion30ConversionMatchesRelions() throws Exception {
        Path old = StarTestFiles.resource("relion30_particles.star");
        StarFile theirs = StarFile.read(relionCopy(old, "converted.star"));
        StarFile ours = Relion30Converter.toRelion31(StarFile.read(old), 0);

        StarTable to = theirs.block("optics").table(), oo = ours.block("optics").table();
        assertEquals(to.rowCount(), oo.rowCount());
        for (String l : to.labels()) {
            assertTrue(oo.hasColumn(l), "our optics lack " + l);
            for (int i = 0; i < to.rowCount(); i++)
                assertEquals(to.getString(i, l), oo.getString(i, l), l + " group " + i);
        }
        StarTable tp = theirs.block("particles").table(), op = ours.block("particles").table();
        Set<String> theirLabels = new HashSet<>(tp.labels());
        assertEquals(theirLabels, new HashSet<>(op.labels()));
        for (String l : tp.labels())
            for (int i = 0; i < tp.rowCount(); i++) {
                if (StarLabel.typeOf(l) == StarLabel.Type.DOUBLE)
                    assertEquals(tp.getDouble(i, l), op.getDouble(i, l), 1e-6, l + " row " + i);
                else
                    assertEquals(tp.getString(i, l).replace("\"", ""), op.getString(i, l), l + " row " + i);
            }
        // and RELION reads our converted file as a 3.1 file, without converting it again
        Path mine = dir.resolve("ours31.star");
        ours.write(mine, false);
        String log = ExternalTools.runOk(dir, 60, "relion_star_handler", "--i", mine.toString(), "--o", "again.star");
        assertTrue(!log.contains("previous version"), log);
        StarFileTest.assertSameTable(ours.block("optics").table(),
                StarFile.read(dir.resolve("again.star")).block("optics").table(), 1e-6);
    }

    @Test
    void ourLabelTypesAreRelions() throws Exception {
        String defs = ExternalTools.runOk(dir, 60, "relion_refine", "--print_metadata_labels");
        for (StarLabel l : StarLabel.values()) {
            String type = switch (l.type()) {
                case DOUBLE -> "(double)";
                case INT -> "(int)";
                case BOOL -> "(bool)";
                case STRING -> "(string)";
            };
            assertTrue(defs.matches("(?s).*\\s" + l.label() + " " + java.util.regex.Pattern.quote(type) + ".*"),
                    l.label() + " " + type + " is not in RELION's label list");
        }
    }
}
