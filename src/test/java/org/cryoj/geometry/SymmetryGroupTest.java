package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetryGroupTest {
    private static final String[] GROUPS = {"C1", "C2", "C4", "C7", "C12", "Ci", "Cs", "C3v", "C2v", "C3h", "C4h", "S2", "S4", "S6",
            "D1", "D2", "D3", "D5", "D2v", "D3v", "D2h", "D3h", "T", "Td", "Th", "O", "Oh", "I", "I1", "I2", "I3", "I4",
            "Ih", "I1h", "I2h", "I3h", "I4h"};

    @Test
    void groupSizesAreTheTextbookOrders() {
        Map<String, Integer> expected = Map.ofEntries(Map.entry("C1", 1), Map.entry("C4", 4), Map.entry("C12", 12),
                Map.entry("Ci", 2), Map.entry("Cs", 2), Map.entry("C3v", 6), Map.entry("C3h", 6), Map.entry("S4", 4),
                Map.entry("D2", 4), Map.entry("D5", 10), Map.entry("D3v", 12), Map.entry("D3h", 12), Map.entry("D4h", 16),
                Map.entry("T", 12), Map.entry("Td", 24), Map.entry("Th", 24), Map.entry("O", 24), Map.entry("Oh", 48),
                Map.entry("I", 60), Map.entry("I1", 60), Map.entry("I3", 60), Map.entry("I4", 60), Map.entry("Ih", 120),
                Map.entry("I1h", 120), Map.entry("I3h", 120), Map.entry("I4h", 120));
        expected.forEach((name, size) -> assertEquals(size, SymmetryGroup.parse(name).size(), name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1", "C5", "Ci", "Cs", "C3v", "C3h", "S4", "D2", "D4v", "D3h", "T", "Td", "Th", "O", "Oh", "I", "I1", "I3", "I4", "Ih", "I3h", "I4h"})
    void operatorsAreOrthonormalAndClosedUnderMultiplication(String name) {
        SymmetryGroup g = SymmetryGroup.parse(name);
        List<Rotation3> ops = g.operators();
        assertEquals(0, ops.get(0).maxAbsDifference(Rotation3.IDENTITY), 0, "identity first");
        for (Rotation3 a : ops) {
            assertEquals(1, Math.abs(a.determinant()), 1e-12);
            assertTrue(a.multiply(a.transpose()).maxAbsDifference(Rotation3.IDENTITY) < 1e-12);
            for (Rotation3 b : ops) assertTrue(indexOf(ops, a.multiply(b)) >= 0, name + ": product not in the group");
        }
        for (int i = 0; i < ops.size(); i++)
            for (int j = 0; j < i; j++) assertTrue(ops.get(i).maxAbsDifference(ops.get(j)) > 1e-6, name + ": duplicate");
        // pure rotation groups have only proper rotations; the others have as many improper as proper
        long improper = ops.stream().filter(a -> a.determinant() < 0).count();
        boolean chiral = name.matches("C\\d+|D\\d+|T|O|I\\d?");
        assertEquals(chiral ? 0 : ops.size() / 2, improper, name);
    }

    @Test
    void axisConventionsFollowRelion() {
        // Dn: the 2-fold is along x
        assertTrue(indexOf(SymmetryGroup.parse("D2").operators(), Rotation3.of(1, 0, 0, 0, -1, 0, 0, 0, -1)) >= 0);
        // C4: 90 degrees about z
        assertTrue(indexOf(SymmetryGroup.parse("C4").operators(), Rotation3.of(0, 1, 0, -1, 0, 0, 0, 0, 1)) >= 0);
        // I2: 2-folds along x, y and z
        List<Rotation3> i2 = SymmetryGroup.parse("I2").operators();
        assertTrue(indexOf(i2, Rotation3.of(1, 0, 0, 0, -1, 0, 0, 0, -1)) >= 0);
        assertTrue(indexOf(i2, Rotation3.of(-1, 0, 0, 0, 1, 0, 0, 0, -1)) >= 0);
        // I3: a 5-fold along z
        assertTrue(indexOf(SymmetryGroup.parse("I3").operators(), Rotation3.aboutAxis(new Vector3(0, 0, 1), 72)) >= 0);
    }

    @Test
    void rejectsWhatRelionRejects() {
        for (String bad : new String[] {"S3", "I5", "X1", "D", "C0", "C123"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetryGroup.parse(bad));
            assertTrue(e.getMessage().contains("--sym"), e.getMessage());
        }
        assertEquals(4, SymmetryGroup.parse("d2").size(), "case-insensitive like RELION");
    }

    /** Every group RELION 3.1 implements: its printed operators equal ours, as sets and in order. */
    @Test
    void operatorsMatchRelionPrintSymmetryOps(@TempDir Path dir) throws Exception {
        ExternalTools.require("relion_refine");
        for (String name : GROUPS) {
            String out = ExternalTools.runOk(dir, 60, "relion_refine", "--sym", name, "--print_symmetry_ops", "--o", dir.resolve("x").toString());
            List<Rotation3> relion = PrintSymmetryOpsCommandTest.parseRelionMatrices(out);
            List<Rotation3> ours = SymmetryGroup.parse(name).operators();
            assertEquals(relion.size(), ours.size(), name + " size");
            for (int i = 0; i < relion.size(); i++) {
                Rotation3 a = relion.get(i);
                if (indexOf(ours, a, 1e-5) < 0) fail(name + ": RELION's R(" + (i + 1) + ") = " + a + " is not one of ours");
                assertTrue(a.maxAbsDifference(ours.get(i)) < 1e-5, name + ": R(" + (i + 1) + ") in a different order");
            }
        }
    }

    static int indexOf(List<Rotation3> ops, Rotation3 a) { return indexOf(ops, a, 1e-9); }

    static int indexOf(List<Rotation3> ops, Rotation3 a, double tol) {
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).maxAbsDifference(a) < tol) return i;
        return -1;
    }
}
