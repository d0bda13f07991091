package org.cryoj.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cryoj.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarFileTest {
    @TempDir Path dir;

    @Test
    void readsRelion30File() throws IOException {
        StarFile star = StarFile.read(StarTestFiles.resource("relion30_particles.star"));
        assertEquals(1, star.blocks().size());
        StarBlock b = star.block("");
        assertTrue(b.loop());
        StarTable t = b.table();
        assertEquals(3, t.rowCount());
        assertEquals(19, t.columnCount());
        assertEquals("rlnOriginX", t.labels().get(12));
        assertEquals(12, t.columnIndex("rlnOriginX"));
        assertEquals("000002@Extract/mic_001.mrcs", t.getString(1, StarLabel.IMAGE_NAME));
        assertEquals(10512.355469, t.getDouble(0, StarLabel.DEFOCUS_U));
        assertEquals(-170.5, t.getDouble(0, StarLabel.ANGLE_PSI));
        assertEquals(2, t.getInt(1, StarLabel.CLASS_NUMBER));
        assertEquals("0.10000", t.getString(0, "rlnCryojNote"));
        assertEquals(0.1, t.getDouble(0, "rlnCryojNote"));
        assertEquals("two words", t.getString(1, "rlnCryojNote"));
        assertEquals(27, t.line(0));
        assertEquals(29, t.line(2));
    }

    @Test
    void readsRelion31FileWithKeyValueBlocks() throws IOException {
        StarFile star = StarFile.read(StarTestFiles.resource("relion31_particles.star"));
        assertEquals(List.of("optics", "particles"), star.blocks().stream().map(StarBlock::name).toList());
        StarTable optics = star.block("optics").table();
        assertEquals("group two", optics.getString(1, StarLabel.OPTICS_GROUP_NAME));
        assertEquals(48, optics.getInt(1, StarLabel.IMAGE_SIZE));
        StarTable p = star.block("particles").table();
        assertEquals(-5.31, p.getDouble(0, StarLabel.ORIGIN_Y_ANGST));
        assertEquals(Double.NEGATIVE_INFINITY, p.getDouble(2, "rlnCryojScore"));

        StarFile model = StarFile.read(StarTestFiles.resource("relion31_model.star"));
        StarBlock general = model.block("model_general");
        assertFalse(general.loop());
        assertEquals(64, general.table().getInt(0, StarLabel.ORIGINAL_IMAGE_SIZE));
        assertEquals(0.125, general.table().getDouble(0, StarLabel.CURRENT_RESOLUTION));
        assertEquals("hand written", general.table().getString(0, "rlnCryojComment"));
        StarTable fsc = model.block("model_class_1").table();
        assertEquals(3, fsc.rowCount());
        assertEquals(0.998047, fsc.getDouble(2, StarLabel.GOLD_STANDARD_FSC));
        assertEquals(2, fsc.getInt(2, StarLabel.SPECTRAL_INDEX));
    }

    @Test
    void roundTripKeepsValuesAndUnknownTextExactly() throws IOException {
        for (String name : List.of("relion30_particles.star", "relion31_particles.star", "relion31_model.star")) {
            StarFile a = StarFile.read(StarTestFiles.resource(name));
            Path out = dir.resolve(name);
            a.write(out, false);
            StarFile b = StarFile.read(out);
            assertSameContent(a, b, 0);
            // and a second generation is byte-identical to the first
            Path out2 = dir.resolve("again_" + name);
            b.write(out2, false);
            assertEquals(Files.readString(out), Files.readString(out2));
        }
        String text = Files.readString(dir.resolve("relion31_particles.star"));
        assertTrue(text.contains(" 7.250E-01\n"), "unknown label text kept as read");
        assertTrue(text.contains("      +3\n"));
        assertTrue(text.contains("\n# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n"));
        assertTrue(text.contains("\"group two\""));
    }

    @Test
    void writesNewTablesAndRefusesToOverwrite() throws IOException {
        StarTable t = new StarTable(StarLabel.IMAGE_NAME.label(), StarLabel.ANGLE_ROT.label(), "rlnMyLabel");
        for (int i = 0; i < 5; i++) {
            int r = t.addRow();
            t.setString(r, StarLabel.IMAGE_NAME, (i + 1) + "@stack.mrcs");
            t.setDouble(r, StarLabel.ANGLE_ROT, i * 1.0000004 - 2.5e-7);
            t.setDouble(r, "rlnMyLabel", Math.PI * i);
        }
        t.addColumn(StarLabel.RANDOM_SUBSET);
        t.setInt(3, StarLabel.RANDOM_SUBSET, 2);
        assertTrue(t.removeColumn("rlnMyLabel"));
        Path f = dir.resolve("new.star");
        StarFile.of(StarBlock.loop("particles", t)).write(f, false);
        assertThrows(FileAlreadyExistsException.class, () -> StarFile.of(StarBlock.loop("x", t)).write(f, false));
        StarTable back = StarFile.read(f).block("particles").table();
        assertEquals(List.of("rlnImageName", "rlnAngleRot", "rlnRandomSubset"), back.labels());
        for (int i = 0; i < 5; i++)
            assertEquals(i * 1.0000004 - 2.5e-7, back.getDouble(i, StarLabel.ANGLE_ROT), 5e-7);
        assertEquals(2, back.getInt(3, StarLabel.RANDOM_SUBSET));
        assertEquals(-1, back.columnIndex("rlnMyLabel"));
    }

    @Test
    void selectCopiesRows() throws IOException {
        StarTable t = StarFile.read(StarTestFiles.resource("relion30_particles.star")).block("").table();
        StarTable s = t.select(new int[] {2, 0});
        assertEquals(2, s.rowCount());
        assertEquals("000001@Extract/mic_002.mrcs", s.getString(0, StarLabel.IMAGE_NAME));
        assertEquals(29, s.line(0));
        s.setDouble(1, StarLabel.ANGLE_ROT, 1);
        assertEquals(12.0, t.getDouble(0, StarLabel.ANGLE_ROT), "select copies");
    }

    // ---- errors: file, 1-based line and label in the message

    private InputFormatException readBad(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return assertThrows(InputFormatException.class, () -> StarFile.read(f));
    }

    private static final String HEAD = "# version 30001\n\ndata_particles\n\nloop_\n_rlnImageName #1\n_rlnAngleRot #2\n_rlnClassNumber #3\n";

    @Test
    void truncatedLoopAtEndOfFile() throws IOException {
        InputFormatException e = readBad("trunc.star", HEAD + "1@a.mrcs 10.0 1\n2@a.mrcs 11.0");
        assertEquals(10, e.line());
        assertTrue(e.getMessage().contains("trunc.star, line 10: row has 2 values, the loop has 3 columns (truncated row?)"),
                e.getMessage());
    }

    @Test
    void rowAfterBlankLineThatEndedTheLoop() throws IOException {
        InputFormatException e = readBad("gap.star", HEAD + "1@a.mrcs 10.0 1\n# comments between rows are skipped\n"
                + "2@a.mrcs 11.0 1\n\n3@a.mrcs 12.0 1\n");
        assertEquals(13, e.line());
        assertTrue(e.getMessage().contains("gap.star, line 13: data row after the loop of data_particles ended at the blank line 12"),
                e.getMessage());
    }

    @Test
    void tooManyValues() throws IOException {
        InputFormatException e = readBad("many.star", HEAD + "1@a.mrcs 10.0 1 7\n");
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("row has 4 values, the loop has 3 columns"), e.getMessage());
    }

    @Test
    void labelAfterRows() throws IOException {
        InputFormatException e = readBad("late.star", HEAD + "1@a.mrcs 10.0 1\n_rlnAnglePsi #4\n2@a.mrcs 1 2 3\n");
        assertEquals(10, e.line());
        assertEquals("rlnAnglePsi", e.field());
        assertTrue(e.getMessage().contains("late.star, line 10, rlnAnglePsi: label _rlnAnglePsi after the data rows"
                + " of the loop started (line 9)"), e.getMessage());
    }

    @Test
    void nonNumericValueInNumericLabel() throws IOException {
        InputFormatException e = readBad("nan.star", HEAD + "1@a.mrcs 10.0 1\n2@a.mrcs 1O.5 1\n");
        assertEquals(10, e.line());
        assertEquals("rlnAngleRot", e.field());
        assertTrue(e.getMessage().contains("nan.star, line 10, rlnAngleRot: '1O.5' is not a number"), e.getMessage());
        InputFormatException i = readBad("int.star", HEAD + "1@a.mrcs 10.0 1.5\n");
        assertTrue(i.getMessage().contains("line 9, rlnClassNumber: '1.5' is not an integer"), i.getMessage());
        InputFormatException kv = readBad("kv.star", "data_model_general\n_rlnNrClasses   two\n");
        assertTrue(kv.getMessage().contains("line 2, rlnNrClasses: 'two' is not an integer"), kv.getMessage());
    }

    @Test
    void unknownLabelIsParsedOnDemandWithItsLine() throws IOException {
        Path f = dir.resolve("unknown.star");
        Files.writeString(f, "data_\nloop_\n_rlnFoo\n1.5\nabc\n");
        StarTable t = StarFile.read(f).block("").table();
        assertEquals(1.5, t.getDouble(0, "rlnFoo"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> t.getDouble(1, "rlnFoo"));
        InputFormatException cause = (InputFormatException) e.getCause();
        assertEquals(5, cause.line());
        assertTrue(cause.getMessage().contains("unknown.star, line 5, rlnFoo: 'abc' is not a number"), cause.getMessage());
    }

    @Test
    void syntaxErrors() throws IOException {
        assertTrue(readBad("q.star", "data_\nloop_\n_rlnImageName\n\"open quote\n").getMessage()
                .contains("line 4: quote \" not closed"));
        assertTrue(readBad("dup.star", "data_\nloop_\n_rlnImageName\n_rlnImageName\n").getMessage()
                .contains("line 4, rlnImageName: label _rlnImageName appears twice"));
        assertTrue(readBad("nob.star", "loop_\n_rlnImageName\n").getMessage().contains("line 1: loop_ before any data_ block"));
        assertTrue(readBad("two.star", "data_\nloop_\n_rlnImageName\na\nloop_\n").getMessage()
                .contains("line 5: second table in data_"));
        assertTrue(readBad("kvv.star", "data_x\n_rlnImageName\n").getMessage().contains("line 2, rlnImageName: no value"));
    }

    @Test
    void missingBlockListsTheBlocks() throws IOException {
        StarFile star = StarFile.read(StarTestFiles.resource("relion30_particles.star"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> star.block("particles"));
        assertTrue(e.getMessage().endsWith("no data_particles block in relion30_particles.star; blocks are: data_"),
                e.getMessage());
        StarFile v31 = StarFile.read(StarTestFiles.resource("relion31_particles.star"));
        assertTrue(assertThrows(InputFormatException.class, () -> v31.block("micrographs")).getMessage()
                .endsWith("blocks are: data_optics, data_particles"));
    }

    @Test
    void missingColumn() throws IOException {
        StarTable t = StarFile.read(StarTestFiles.resource("relion31_particles.star")).block("particles").table();
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> t.requireColumns(StarLabel.IMAGE_NAME, StarLabel.NORM_CORRECTION));
        assertEquals("rlnNormCorrection", e.field());
        assertTrue(e.getMessage().contains("relion31_particles.star, rlnNormCorrection: data_particles has no column rlnNormCorrection"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.getDouble(0, "rlnNormCorrection"));
    }

    /** Same blocks, labels and values (doubles within tol; text and ints exactly). */
    static void assertSameContent(StarFile a, StarFile b, double tol) {
        assertEquals(a.blocks().size(), b.blocks().size());
        for (int k = 0; k < a.blocks().size(); k++) {
            StarBlock x = a.blocks().get(k), y = b.blocks().get(k);
            assertEquals(x.name(), y.name());
            assertEquals(x.loop(), y.loop());
            assertSameTable(x.table(), y.table(), tol);
        }
    }

    static void assertSameTable(StarTable x, StarTable y, double tol) {
        assertEquals(x.labels(), y.labels());
        assertEquals(x.rowCount(), y.rowCount());
        for (String l : x.labels())
            for (int r = 0; r < x.rowCount(); r++) {
                if (StarLabel.typeOf(l) == StarLabel.Type.DOUBLE)
                    assertEquals(x.getDouble(r, l), y.getDouble(r, l), tol, l + " row " + r);
                else
                    assertEquals(x.getString(r, l), y.getString(r, l), l + " row " + r);
            }
    }
}
