package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class PrintSymmetryOpsCommandTest {

    /** R(k) matrices from relion_refine --print_symmetry_ops output (or ours); L(k) blocks are skipped. */
    static List<Rotation3> parseRelionMatrices(String text) {
        List<Rotation3> ops = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].trim().matches("R\\(\\d+\\)=")) continue;
            double[] m = new double[9];
            for (int r = 0; r < 3; r++) {
                String[] f = lines[i + 1 + r].trim().split("\\s+");
                for (int c = 0; c < 3; c++) m[3 * r + c] = Double.parseDouble(f[c]);
            }
            ops.add(Rotation3.of(m));
        }
        return ops;
    }

    @Test
    void printsEveryOperatorInRelionsLayout() {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new PrintSymmetryOpsCommand());
        cl.setOut(new PrintWriter(sw));
        assertEquals(0, cl.execute("--sym", "D2"));
        String text = sw.toString();
        assertTrue(text.startsWith(" ++++ Using symmetry group D2, with the following 4 transformation matrices:"), text);
        List<Rotation3> printed = parseRelionMatrices(text);
        assertEquals(4, printed.size());
        List<Rotation3> ops = SymmetryGroup.parse("D2").operators();
        for (int i = 0; i < 4; i++) assertTrue(printed.get(i).maxAbsDifference(ops.get(i)) < 1e-6);
        assertTrue(text.contains("     Euler angles: 0 180 180"), text); // R(3) = 2-fold about x
    }

    @Test
    void unknownGroupFailsWithTheOptionName() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new PrintSymmetryOpsCommand());
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println(ex.getMessage());
            return 1;
        });
        assertNotEquals(0, cl.execute("--sym", "Q7"));
        assertTrue(err.toString().contains("--sym Q7"), err.toString());
    }
}
