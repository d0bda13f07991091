package org.cryoj.map.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pseudo-atomic model: symmetric, clash-free, protein-like geometry, the promised size, reproducible. */
class PseudoAtomicModelTest {
    @TempDir Path dir;

    @Test
    void standardD2StructureHasTheRequestedSymmetrySizeAndComposition() {
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        PseudoAtomicModel m = PseudoAtomicModel.standard(d2);
        int unit = m.asymmetricUnit().size();
        double diameter = 2 * m.radius();
        Map<Element, Integer> count = new EnumMap<>(Element.class);
        for (Atom a : m.asymmetricUnit()) count.merge(a.element(), 1, Integer::sum);
        System.out.printf("standard D2 structure: 4 x %d atoms %s, %.1f Å across%n", unit, count, diameter);
        assertEquals(4, m.copies());
        assertTrue(unit >= 2500 && unit <= 4000, "atoms per asymmetric unit: " + unit);
        assertTrue(diameter >= 110 && diameter <= 130, "diameter " + diameter);
        for (Element e : Element.values()) assertTrue(count.getOrDefault(e, 0) > 0, "no " + e);
        assertTrue(count.get(Element.C) > unit / 2 && count.get(Element.S) < unit / 20, "composition " + count);
        assertSymmetric(m);
        assertProteinLike(m);
    }

    @Test
    void otherPointGroupsToo() {
        for (String sym : new String[] {"C1", "C3", "D3"}) {
            PseudoAtomicModel m = PseudoAtomicModel.generate(SymmetryGroup.parse(sym), 150, 30, 7);
            assertEquals(SymmetryGroup.parse(sym).size(), m.copies(), sym);
            assertSymmetric(m);
            assertProteinLike(m);
            // the whole structure's scattering-weighted centre of mass is the symmetry centre (also along a Cn axis)
            double w = 0, z = 0;
            for (Atom a : m.atoms()) { w += a.element().forwardScattering(); z += a.element().forwardScattering() * a.z(); }
            assertEquals(0, z / w, 1e-9, sym + " centre of mass along z");
        }
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        SymmetryGroup d2 = SymmetryGroup.parse("D2");
        PseudoAtomicModel a = PseudoAtomicModel.generate(d2, 200, 25, 5), b = PseudoAtomicModel.generate(d2, 200, 25, 5);
        assertEquals(a.asymmetricUnit(), b.asymmetricUnit());
        assertTrue(!a.asymmetricUnit().equals(PseudoAtomicModel.generate(d2, 200, 25, 6).asymmetricUnit()));
        PseudoAtomicModel c = a.withBfactor(40);
        assertEquals(40, c.asymmetricUnit().get(0).bfactor());
        assertEquals(a.asymmetricUnit().get(0).x(), c.asymmetricUnit().get(0).x());
        assertThrows(IllegalArgumentException.class, () -> PseudoAtomicModel.generate(d2, 1, 25, 5));
        assertThrows(IllegalArgumentException.class, () -> PseudoAtomicModel.generate(d2, 100, -1, 5));
    }

    @Test
    void pdbFileHasOneChainPerCopy() throws Exception {
        PseudoAtomicModel m = PseudoAtomicModel.generate(SymmetryGroup.parse("D2"), 60, 25, 3);
        Path pdb = dir.resolve("m.pdb");
        m.writePdb(pdb, 100, false);
        List<String> lines = Files.readAllLines(pdb);
        List<String> atoms = lines.stream().filter(l -> l.startsWith("ATOM  ")).toList();
        assertEquals(m.size(), atoms.size());
        assertEquals(4, lines.stream().filter(l -> l.startsWith("TER")).count());
        assertEquals("END", lines.get(lines.size() - 1));
        // fixed columns: name 13-16, residue 18-20, chain 22, x 31-38, element 77-78
        String first = atoms.get(0);
        Atom a = m.asymmetricUnit().get(0);
        assertEquals(" N  ", first.substring(12, 16));
        assertEquals(a.residueName(), first.substring(17, 20));
        assertEquals('A', first.charAt(21));
        assertEquals(a.x() + 100, Double.parseDouble(first.substring(30, 38)), 1e-3);
        assertEquals(" N", first.substring(76, 78));
        assertEquals('D', atoms.get(atoms.size() - 1).charAt(21));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> m.writePdb(pdb, 0, false));
    }

    /** Every operator maps the atom set onto itself, atom for atom of the same element. */
    static void assertSymmetric(PseudoAtomicModel m) {
        List<Atom> all = m.atoms();
        Map<List<Long>, List<Atom>> grid = new HashMap<>();
        for (Atom a : all) grid.computeIfAbsent(key(a.x(), a.y(), a.z()), k -> new ArrayList<>()).add(a);
        for (Rotation3 op : m.symmetry().operators())
            for (Atom a : all) {
                double[] p = Domain.apply(op, new double[] {a.x(), a.y(), a.z()});
                boolean found = false;
                for (long dx = -1; dx <= 1 && !found; dx++) for (long dy = -1; dy <= 1 && !found; dy++) for (long dz = -1; dz <= 1 && !found; dz++) {
                    List<Long> k = key(p[0], p[1], p[2]);
                    for (Atom b : grid.getOrDefault(List.of(k.get(0) + dx, k.get(1) + dy, k.get(2) + dz), List.of()))
                        if (b.element() == a.element() && Math.abs(b.x() - p[0]) + Math.abs(b.y() - p[1]) + Math.abs(b.z() - p[2]) < 1e-6) found = true;
                }
                assertTrue(found, "operator " + op + " moves " + a + " onto no atom");
            }
    }

    private static List<Long> key(double x, double y, double z) {
        return List.of(Math.round(x * 10), Math.round(y * 10), Math.round(z * 10));
    }

    /**
     * No two atoms closer than 1.1 Å (the shortest bond is C=O, 1.23 Å), atoms of different
     * copies at least 3 Å apart, consecutive C-alpha atoms of a chain 3.80 Å apart, peptide
     * bonds C-N 1.33 Å.
     */
    static void assertProteinLike(PseudoAtomicModel m) {
        List<Atom> all = m.atoms();
        int unit = m.asymmetricUnit().size();
        Map<List<Long>, List<Integer>> cells = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Atom a = all.get(i);
            cells.computeIfAbsent(List.of((long) Math.floor(a.x() / 3), (long) Math.floor(a.y() / 3), (long) Math.floor(a.z() / 3)),
                    k -> new ArrayList<>()).add(i);
        }
        double min = Double.POSITIVE_INFINITY, minBetweenCopies = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            Atom a = all.get(i);
            long cx = (long) Math.floor(a.x() / 3), cy = (long) Math.floor(a.y() / 3), cz = (long) Math.floor(a.z() / 3);
            for (long dx = -1; dx <= 1; dx++) for (long dy = -1; dy <= 1; dy++) for (long dz = -1; dz <= 1; dz++)
                for (int j : cells.getOrDefault(List.of(cx + dx, cy + dy, cz + dz), List.of())) {
                    if (j <= i) continue;
                    double d = a.distanceTo(all.get(j));
                    min = Math.min(min, d);
                    if (i / unit != j / unit) minBetweenCopies = Math.min(minBetweenCopies, d);
                }
        }
        assertTrue(min > 1.1, "closest atoms " + min + " Å apart");
        assertTrue(minBetweenCopies >= 3.0, "copies " + minBetweenCopies + " Å apart");
        Atom prevCa = null, prevC = null;
        int residues = 0;
        for (Atom a : m.asymmetricUnit()) {
            if (a.name().equals("CA")) {
                if (prevCa != null) {
                    assertEquals(prevCa.residueNumber() + 1, a.residueNumber());
                    assertEquals(3.80, prevCa.distanceTo(a), 0.01, "CA-CA of residue " + a.residueNumber());
                }
                prevCa = a;
                residues++;
            } else if (a.name().equals("N") && prevC != null) {
                assertEquals(1.329, prevC.distanceTo(a), 1e-6, "peptide bond to residue " + a.residueNumber());
            } else if (a.name().equals("C")) {
                prevC = a;
            }
        }
        assertEquals(m.asymmetricUnit().get(m.asymmetricUnit().size() - 1).residueNumber(), residues);
    }
}
