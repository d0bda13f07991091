package org.cryoj.map.atomic;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.io.AtomicOutput;

/**
 * A symmetric pseudo-atomic test structure made from a seed: one compact chain per asymmetric
 * unit (see {@link ChainBuilder}: ideal backbone geometry, consecutive C-alpha atoms 3.80 Å apart,
 * C-beta and up to two more side-chain atoms, a mix of C, N, O and S) packed into an off-centre
 * ellipsoidal domain (see {@link Domain}), and its copies under every operator of the point group
 * (RELION's operators, {@link SymmetryGroup#operators()}; for D2 the 2-folds along X, Y and Z).
 * Positions are in Å relative to the symmetry centre; the structure's scattering-weighted centre
 * of mass is that centre. It is not a real protein, but at 3 to 4 Å it looks like one: dense,
 * compact, with helix-, strand- and coil-like stretches.
 *
 * <p>The defaults ({@link #standard}) give, for D2, 4 x about 3,000 atoms in a particle about
 * 120 Å across (see test-images/README.md). Immutable; the same arguments give the same model on
 * every JVM.
 */
public final class PseudoAtomicModel {
    /** Seed of the standard structures; changing it changes every simulated data set and test-images map. */
    public static final long DEFAULT_SEED = 40;
    /** Residues per asymmetric unit of the standard structures. */
    public static final int DEFAULT_RESIDUES = 480;
    /** B-factor of every atom of the standard structures, Å². */
    public static final double DEFAULT_BFACTOR = 25;
    /** Ellipsoid volume per residue, Å³, and domain spacing (see {@link Domain}). */
    static final double VOLUME_PER_RESIDUE = 200, SPACING = 0.6;

    private static final String CHAIN_IDS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SymmetryGroup group;
    private final List<Atom> unit;
    private final long seed;

    private PseudoAtomicModel(SymmetryGroup group, List<Atom> unit, long seed) {
        this.group = group;
        this.unit = Collections.unmodifiableList(new ArrayList<>(unit));
        this.seed = seed;
    }

    /**
     * The standard structure of a point group: {@link #DEFAULT_RESIDUES}, {@link #DEFAULT_BFACTOR},
     * {@link #DEFAULT_SEED} (made once per group and kept).
     */
    public static PseudoAtomicModel standard(SymmetryGroup group) {
        return STANDARD.computeIfAbsent(group.name().toUpperCase(Locale.ROOT), k -> generate(group, DEFAULT_RESIDUES, DEFAULT_BFACTOR, DEFAULT_SEED));
    }

    private static final Map<String, PseudoAtomicModel> STANDARD = new ConcurrentHashMap<>();

    /**
     * @param residues residues per asymmetric unit (about 6.4 atoms each)
     * @param bfactor  B-factor of every atom, Å² (at least 0)
     */
    public static PseudoAtomicModel generate(SymmetryGroup group, int residues, double bfactor, long seed) {
        if (residues < 2 || residues > 10000) throw new IllegalArgumentException("--residues must lie in [2, 10000], was " + residues);
        if (!(bfactor >= 0 && bfactor < 1000)) throw new IllegalArgumentException("--bfactor must lie in [0, 1000) Å², was " + bfactor);
        // a group whose cells are narrow (Cn with large n, O, I) may leave too little room: move the domains apart
        double spacing = SPACING;
        for (int attempt = 0; ; attempt++) {
            Random rnd = new Random(seed + attempt * 0x9E3779B97F4A7C15L);
            Domain domain = new Domain(group, residues * VOLUME_PER_RESIDUE, spacing, rnd);
            try {
                List<Atom> chain = new ChainBuilder(domain, bfactor, rnd.nextLong()).build(residues);
                return new PseudoAtomicModel(group, centred(group, chain), seed);
            } catch (IllegalStateException e) {
                if (attempt == 6) throw e;
                spacing *= 1.25;
            }
        }
    }

    /** Moves the unit so that the whole structure's scattering-weighted centre of mass is the symmetry centre. */
    private static List<Atom> centred(SymmetryGroup group, List<Atom> chain) {
        double w = 0, mx = 0, my = 0, mz = 0;
        for (Atom a : chain) {
            double f = a.element().forwardScattering();
            w += f; mx += f * a.x(); my += f * a.y(); mz += f * a.z();
        }
        double[] m = {mx / w, my / w, mz / w}, t = new double[3];
        for (Rotation3 op : group.operators()) {
            double[] r = Domain.apply(op, m);
            for (int k = 0; k < 3; k++) t[k] += r[k] / group.size();
        }
        if (Math.abs(t[0]) + Math.abs(t[1]) + Math.abs(t[2]) < 1e-9) return chain;   // fixed by the symmetry (D2, T, ...)
        List<Atom> out = new ArrayList<>(chain.size());
        for (Atom a : chain)
            out.add(new Atom(a.name(), a.residueName(), a.residueNumber(), a.element(), a.x() - t[0], a.y() - t[1], a.z() - t[2], a.bfactor()));
        return out;
    }

    public SymmetryGroup symmetry() { return group; }

    public long seed() { return seed; }

    /** The atoms of one asymmetric unit (copy 0, operator 0 = identity). */
    public List<Atom> asymmetricUnit() { return unit; }

    /** Number of copies: the order of the point group. */
    public int copies() { return group.size(); }

    /** Number of atoms in all copies. */
    public int size() { return unit.size() * group.size(); }

    /** Atom i of the unit moved by operator k. */
    public Atom atom(int copy, int i) {
        Atom a = unit.get(i);
        if (copy == 0) return a;
        double[] p = Domain.apply(group.operators().get(copy), new double[] {a.x(), a.y(), a.z()});
        return new Atom(a.name(), a.residueName(), a.residueNumber(), a.element(), p[0], p[1], p[2], a.bfactor());
    }

    /** All atoms, copy by copy. */
    public List<Atom> atoms() {
        List<Atom> all = new ArrayList<>(size());
        for (int k = 0; k < copies(); k++) for (int i = 0; i < unit.size(); i++) all.add(atom(k, i));
        return all;
    }

    /** Largest distance of an atom from the symmetry centre, Å. */
    public double radius() {
        double r2 = 0;
        for (Atom a : unit) r2 = Math.max(r2, a.x() * a.x() + a.y() * a.y() + a.z() * a.z());
        return Math.sqrt(r2);
    }

    /** The same atoms with another B-factor. */
    public PseudoAtomicModel withBfactor(double bfactor) {
        if (!(bfactor >= 0 && bfactor < 1000)) throw new IllegalArgumentException("--bfactor must lie in [0, 1000) Å², was " + bfactor);
        List<Atom> out = new ArrayList<>(unit.size());
        for (Atom a : unit) out.add(new Atom(a.name(), a.residueName(), a.residueNumber(), a.element(), a.x(), a.y(), a.z(), bfactor));
        return new PseudoAtomicModel(group, out, seed);
    }

    /** Smallest even box that holds 1.25 times the structure's diameter at this pixel size. */
    public int fittingBox(double angpix) {
        int n = (int) Math.ceil(1.25 * 2 * radius() / angpix);
        return Math.max(16, n + (n % 2));
    }

    /**
     * Writes a minimal PDB file: ATOM records, one chain (A, B, ...) per symmetry copy, TER after
     * each. Coordinates are shifted by {@code shift} Å on every axis, e.g. box/2 * angpix to lie
     * on a map of that box and pixel size (whose symmetry centre is voxel box/2).
     */
    public void writePdb(Path file, double shift, boolean overwrite) throws IOException {
        if (copies() > CHAIN_IDS.length())
            throw new IllegalArgumentException("a PDB file holds at most " + CHAIN_IDS.length() + " chains; " + group.name() + " has " + copies() + " copies");
        AtomicOutput.write(file, overwrite, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.US_ASCII);
            w.write(String.format(Locale.ROOT, "REMARK   1 CRYOJ PSEUDO-ATOMIC TEST STRUCTURE, NOT A REAL PROTEIN%n"));
            w.write(String.format(Locale.ROOT, "REMARK   1 SYMMETRY %s, SEED %d, %d COPIES OF %d ATOMS%n", group.name(), seed, copies(), unit.size()));
            w.write(String.format(Locale.ROOT, "REMARK   1 SYMMETRY CENTRE AT (%.3f, %.3f, %.3f) A%n", shift, shift, shift));
            int serial = 0;
            for (int k = 0; k < copies(); k++) {
                char chain = CHAIN_IDS.charAt(k);
                Atom last = null;
                for (int i = 0; i < unit.size(); i++) {
                    Atom a = atom(k, i);
                    serial = serial % 99999 + 1;
                    String nm = a.name().length() >= 4 ? a.name() : " " + a.name();
                    w.write(String.format(Locale.ROOT, "ATOM  %5d %-4s %3s %c%4d    %8.3f%8.3f%8.3f%6.2f%6.2f          %2s%n",
                            serial, nm, a.residueName(), chain, a.residueNumber() % 10000, a.x() + shift, a.y() + shift, a.z() + shift,
                            1.0, Math.min(a.bfactor(), 999.99), a.element().name()));
                    last = a;
                }
                serial = serial % 99999 + 1;
                w.write(String.format(Locale.ROOT, "TER   %5d      %3s %c%4d%n", serial, last.residueName(), chain, last.residueNumber() % 10000));
            }
            w.write(String.format(Locale.ROOT, "END%n"));
            w.flush();
        });
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PseudoAtomicModel[%s, %d x %d atoms, radius %.1f Å, seed %d]",
                group.name(), copies(), unit.size(), radius(), seed);
    }
}
