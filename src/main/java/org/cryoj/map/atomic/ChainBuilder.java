package org.cryoj.map.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Grows one compact pseudo-protein chain inside a {@link Domain}: a backbone built atom by atom
 * from ideal bond lengths and angles (Engh and Huber 1991) with trans peptides and (phi, psi)
 * drawn from helix, strand and coil regions of the Ramachandran plot, so consecutive C-alpha atoms
 * are 3.80 Å apart; a C-beta placed as in an L-amino acid and up to two more side-chain atoms at
 * staggered torsions. Each step draws {@link #CANDIDATES} random continuations of
 * {@link #LOOKAHEAD} residues (mostly continuing the current helix, strand or coil) and keeps the
 * first residue of the one that fits the domain, clashes with nothing and ends nearest the domain
 * centre (in ellipsoidal radius): the globule grows in layers with the chain's end on its surface,
 * where there is room, so it packs densely. A dead end backs up a few residues (more each time the
 * same frontier fails) and tries again.
 *
 * <p>Clash rules: atoms of residues two or more apart stay 3.0 Å apart (N/O pairs, which may
 * hydrogen-bond, 2.5 Å; C-alpha atoms 4.2 Å), non-bonded atoms of the same or adjacent residues
 * 2.2 Å (every 1-3 distance of the ideal geometry is longer). A side-chain atom that would clash is
 * left out (a C-beta that would clash makes the residue a glycine). Deterministic for a given seed
 * on every JVM: java.util.Random and StrictMath only.
 */
final class ChainBuilder {
    // ideal backbone geometry, Å and degrees
    static final double N_CA = 1.458, CA_C = 1.525, C_N = 1.329, C_O = 1.231;
    static final double N_CA_C = 111.2, CA_C_N = 116.2, C_N_CA = 121.7, CA_C_O = 120.1, SIDE_ANGLE = 113.0;
    static final double FAR = 3.0, HBOND = 2.5, NEAR = 2.2, CA_CA = 4.2;
    /** Continuations drawn per residue, and residues each looks ahead. */
    static final int CANDIDATES = 40, LOOKAHEAD = 4;

    /** A residue type: name and side-chain atoms after C-beta (truncated to at most two). */
    private record ResidueType(String name, double weight, String[] names, Element[] elements, double[] bonds) {}

    private static final ResidueType[] TYPES = {
            type("GLY", 7.0), type("ALA", 8.0),
            type("SER", 7.0, "OG", Element.O, 1.417), type("CYS", 2.0, "SG", Element.S, 1.808),
            type("THR", 5.5, "OG1", Element.O, 1.433), type("VAL", 7.0, "CG1", Element.C, 1.524),
            type("LEU", 9.5, "CG", Element.C, 1.530, "CD1", Element.C, 1.521),
            type("ILE", 6.0, "CG1", Element.C, 1.530, "CD1", Element.C, 1.513),
            type("ASP", 5.5, "CG", Element.C, 1.516, "OD1", Element.O, 1.249),
            type("ASN", 4.0, "CG", Element.C, 1.516, "OD1", Element.O, 1.231),
            type("GLU", 6.5, "CG", Element.C, 1.520, "CD", Element.C, 1.516),
            type("GLN", 4.0, "CG", Element.C, 1.520, "CD", Element.C, 1.516),
            type("LYS", 6.0, "CG", Element.C, 1.520, "CD", Element.C, 1.520),
            type("ARG", 5.5, "CG", Element.C, 1.520, "CD", Element.C, 1.520),
            type("MET", 2.5, "CG", Element.C, 1.520, "SD", Element.S, 1.807),
            type("HIS", 2.0, "CG", Element.C, 1.497, "ND1", Element.N, 1.378),
            type("PHE", 4.0, "CG", Element.C, 1.502, "CD1", Element.C, 1.384),
            type("TYR", 3.0, "CG", Element.C, 1.512, "CD1", Element.C, 1.389),
            type("TRP", 1.5, "CG", Element.C, 1.498, "CD1", Element.C, 1.365),
    };

    private static ResidueType type(String name, double weight, Object... atoms) {
        int n = atoms.length / 3;
        String[] names = new String[n];
        Element[] els = new Element[n];
        double[] bonds = new double[n];
        for (int i = 0; i < n; i++) {
            names[i] = (String) atoms[3 * i];
            els[i] = (Element) atoms[3 * i + 1];
            bonds[i] = (Double) atoms[3 * i + 2];
        }
        return new ResidueType(name, weight, names, els, bonds);
    }

    private enum Fold { HELIX, STRAND, COIL }

    private final Domain domain;
    private final Random rnd;
    private final double bfactor;
    private final AtomGrid grid;
    // per residue: type (possibly turned to GLY) and the atom indices of N, CA, C
    private final List<String> residueNames = new ArrayList<>();
    private final List<Fold> folds = new ArrayList<>();
    private final List<int[]> backbone = new ArrayList<>();
    /** Atom count before each residue's step (which adds its O and the next residue). */
    private final List<Integer> stepStart = new ArrayList<>();

    ChainBuilder(Domain domain, double bfactor, long seed) {
        this.domain = domain;
        this.bfactor = bfactor;
        this.rnd = new Random(seed);
        this.grid = new AtomGrid(domain.boundingMin(), domain.boundingMax(), CA_CA);
    }

    /** Builds the chain; atoms in PDB order (N, CA, C, O, side chain per residue). */
    List<Atom> build(int residues) {
        if (residues < 2) throw new IllegalArgumentException("a chain needs at least 2 residues, was " + residues);
        start();
        int best = 1, deadEnds = 0, steps = 0;
        while (backbone.size() < residues) {
            if (++steps > 40 * residues)
                throw new IllegalStateException("could not pack " + residues + " residues into the domain (reached " + best
                        + "); try another seed or fewer residues");
            int i = backbone.size() - 1;
            if (step(i)) {
                if (backbone.size() > best) { best = backbone.size(); deadEnds = 0; }
                continue;
            }
            // dead end: back up further each time the same frontier fails
            deadEnds++;
            int back = Math.min(i, 1 + deadEnds / 2 + rnd.nextInt(2 + deadEnds / 4));
            if (back < 1) throw new IllegalStateException("the domain is too small for a chain; try another seed");
            truncate(i - back);
        }
        closeLastCarbonyl(residues - 1);
        return atoms();
    }

    /** First residue: N at the domain centre, CA and C in random directions. */
    private void start() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            double[] n = domain.centre().clone();
            double[] u = randomUnit();
            double[] ca = add(n, u, N_CA);
            double[] ref = add(n, randomUnit(), 2.0);
            double[] c = place(ref, n, ca, CA_C, N_CA_C, 360 * rnd.nextDouble());
            if (!domain.contains(n) || !domain.contains(ca) || !domain.contains(c)) continue;
            stepStart.add(0);
            residueNames.add(pickType().name());
            folds.add(Fold.COIL);
            int in = grid.add(n, Element.N, "N", 0, -1);
            int ica = grid.add(ca, Element.C, "CA", 0, in);
            int ic = grid.add(c, Element.C, "C", 0, ica);
            backbone.add(new int[] {in, ica, ic});
            sideChain(0);
            return;
        }
        throw new IllegalStateException("no room for the first residue");
    }

    /**
     * Residue i's carbonyl and residue i+1's N, CA, C (and side chain): picks psi_i, phi_(i+1)
     * among candidates. False when none fits.
     */
    private boolean step(int i) {
        int[] bb = backbone.get(i);
        double bestScore = Double.NEGATIVE_INFINITY;
        double[] bestAngles = null;
        Fold bestFold = null;
        for (int k = 0; k < CANDIDATES; k++) {
            // most candidates continue the current stretch; a third may turn anywhere the Ramachandran plot allows
            boolean free = k % 3 == 2;
            Fold[] f = new Fold[LOOKAHEAD + 1];
            f[0] = folds.get(i);
            double[] psi = new double[LOOKAHEAD], phi = new double[LOOKAHEAD];
            for (int j = 0; j < LOOKAHEAD; j++) {
                f[j + 1] = free && j == 0 ? Fold.COIL : nextFold(f[j]);
                psi[j] = sample(free && j == 0 ? Fold.COIL : f[j])[1];
                phi[j] = sample(f[j + 1])[0];
            }
            int mark = grid.size();
            int[] prev = bb;
            double[] last = null;
            for (int j = 0; j < LOOKAHEAD && prev != null; j++) {
                prev = extend(i + j, prev, psi[j], phi[j]);
                if (prev != null) last = grid.position(prev[1]);
            }
            if (prev != null) {
                double score = score(last);
                if (score > bestScore) { bestScore = score; bestAngles = new double[] {psi[0], phi[0]}; bestFold = f[1]; }
            }
            grid.truncate(mark);
        }
        if (bestAngles == null) return false;
        stepStart.add(grid.size());   // residue i+1 starts with O_i
        residueNames.add(pickType().name());
        folds.add(bestFold);
        backbone.add(extend(i, bb, bestAngles[0], bestAngles[1]));
        sideChain(i + 1);
        return true;
    }

    /**
     * Larger is better: the nearest to the domain centre, so the globule grows in ellipsoidal
     * layers and the chain's end stays on its surface, where there is room.
     */
    private double score(double[] alphaCarbon) {
        return -domain.radius(alphaCarbon) + 0.01 * rnd.nextDouble();
    }

    /**
     * Adds residue r's carbonyl O and residue r+1's N, CA, C at the given psi_r and phi_(r+1);
     * returns the new residue's N, CA, C indices, or null (nothing added beyond the first clash).
     */
    private int[] extend(int r, int[] bb, double psi, double phi) {
        double[] n = grid.position(bb[0]), ca = grid.position(bb[1]), c = grid.position(bb[2]);
        double[] o = place(n, ca, c, C_O, CA_C_O, psi + 180);
        if (!fits(o, Element.O, r, bb[2], false)) return null;
        grid.add(o, Element.O, "O", r, bb[2]);
        double[] n1 = place(n, ca, c, C_N, CA_C_N, psi);
        if (!fits(n1, Element.N, r + 1, bb[2], false)) return null;
        int in = grid.add(n1, Element.N, "N", r + 1, bb[2]);
        double[] ca1 = place(ca, c, n1, N_CA, C_N_CA, 180);
        if (!fits(ca1, Element.C, r + 1, in, true)) return null;
        int ica = grid.add(ca1, Element.C, "CA", r + 1, in);
        double[] c1 = place(c, n1, ca1, CA_C, N_CA_C, phi);
        if (!fits(c1, Element.C, r + 1, ica, false)) return null;
        int ic = grid.add(c1, Element.C, "C", r + 1, ica);
        return new int[] {in, ica, ic};
    }

    /** Keeps residues 0..last (without last's carbonyl O). */
    private void truncate(int last) {
        int keep = stepStart.get(last + 1);   // atoms before O_last
        grid.truncate(keep);
        while (backbone.size() > last + 1) {
            backbone.remove(backbone.size() - 1);
            residueNames.remove(residueNames.size() - 1);
            folds.remove(folds.size() - 1);
            stepStart.remove(stepStart.size() - 1);
        }
    }

    /** C-beta of an L-amino acid, then the type's further atoms at staggered torsions; a clash truncates. */
    private void sideChain(int i) {
        String name = residueNames.get(i);
        if (name.equals("GLY")) return;
        ResidueType t = typeNamed(name);
        int[] bb = backbone.get(i);
        double[] n = grid.position(bb[0]), ca = grid.position(bb[1]), c = grid.position(bb[2]);
        // virtual C-beta from ideal geometry: -0.583 (b x c) + 0.568 b - 0.541 c with b = CA - N, c = C - CA
        double[] b = sub(ca, n), cc = sub(c, ca), a = cross(b, cc);
        double[] cb = new double[3];
        for (int d = 0; d < 3; d++) cb[d] = -0.58273431 * a[d] + 0.56802827 * b[d] - 0.54067466 * cc[d] + ca[d];
        if (!fits(cb, Element.C, i, bb[1], false)) { residueNames.set(i, "GLY"); return; }
        int prev2 = bb[0], prev1 = bb[1], prev0 = grid.add(cb, Element.C, "CB", i, bb[1]);
        for (int k = 0; k < t.names().length; k++) {
            double[] chis = {-60, 180, 60};
            int first = rnd.nextInt(3);
            int placed = -1;
            for (int m = 0; m < 3 && placed < 0; m++) {
                double chi = chis[(first + m) % 3] + 10 * rnd.nextGaussian();
                double[] p = place(grid.position(prev2), grid.position(prev1), grid.position(prev0), t.bonds()[k], SIDE_ANGLE, chi);
                if (fits(p, t.elements()[k], i, prev0, false)) placed = grid.add(p, t.elements()[k], t.names()[k], i, prev0);
            }
            if (placed < 0) return;   // truncated side chain
            prev2 = prev1;
            prev1 = prev0;
            prev0 = placed;
        }
    }

    /** The last residue's carbonyl O at a psi that clashes with nothing (or the least bad of 36). */
    private void closeLastCarbonyl(int i) {
        int[] bb = backbone.get(i);
        double[] n = grid.position(bb[0]), ca = grid.position(bb[1]), c = grid.position(bb[2]);
        double start = 360 * rnd.nextDouble();
        for (int k = 0; k < 36; k++) {
            double[] o = place(n, ca, c, C_O, CA_C_O, start + 10 * k);
            if (fits(o, Element.O, i, bb[2], false)) { grid.add(o, Element.O, "O", i, bb[2]); return; }
        }
        // no room: the residue keeps no carbonyl O (a C-terminus without its oxygen)
    }

    /** Inside the domain and clear of every atom except its bonded parent. */
    private boolean fits(double[] p, Element e, int residue, int parent, boolean alphaCarbon) {
        return domain.contains(p) && grid.clear(p, residue, parent, alphaCarbon, e);
    }

    private Fold nextFold(Fold f) {
        double stay = switch (f) { case HELIX -> 0.9; case STRAND -> 0.8; case COIL -> 0.6; };
        if (rnd.nextDouble() < stay) return f;
        double u = rnd.nextDouble();
        return u < 0.45 ? Fold.HELIX : u < 0.75 ? Fold.STRAND : Fold.COIL;
    }

    /** (phi, psi) in degrees from the fold's region of the Ramachandran plot. */
    private double[] sample(Fold f) {
        switch (f) {
            case HELIX: return new double[] {-63 + 7 * rnd.nextGaussian(), -42 + 7 * rnd.nextGaussian()};
            case STRAND: return new double[] {-120 + 12 * rnd.nextGaussian(), 130 + 12 * rnd.nextGaussian()};
            default:
                double u = rnd.nextDouble();
                if (u < 0.4) return new double[] {-70 + 12 * rnd.nextGaussian(), 145 + 12 * rnd.nextGaussian()};
                if (u < 0.7) return new double[] {-85 + 20 * rnd.nextGaussian(), -15 + 20 * rnd.nextGaussian()};
                if (u < 0.9) return new double[] {-105 + 25 * rnd.nextGaussian(), 140 + 20 * rnd.nextGaussian()};
                return new double[] {60 + 10 * rnd.nextGaussian(), 40 + 10 * rnd.nextGaussian()};
        }
    }

    private ResidueType pickType() {
        double total = 0;
        for (ResidueType t : TYPES) total += t.weight();
        double u = total * rnd.nextDouble();
        for (ResidueType t : TYPES) {
            u -= t.weight();
            if (u < 0) return t;
        }
        return TYPES[TYPES.length - 1];
    }

    private static ResidueType typeNamed(String name) {
        for (ResidueType t : TYPES) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException(name);
    }

    private List<Atom> atoms() {
        List<Atom> out = new ArrayList<>(grid.size());
        for (int j = 0; j < grid.size(); j++) {
            int r = grid.residue(j);
            double[] p = grid.position(j);
            out.add(new Atom(grid.name(j), residueNames.get(r), r + 1, grid.element(j), p[0], p[1], p[2], bfactor));
        }
        // PDB order within a residue: N, CA, C, O, then the side chain (the O was added after the side chain)
        out.sort((x, y) -> x.residueNumber() != y.residueNumber() ? Integer.compare(x.residueNumber(), y.residueNumber())
                : Integer.compare(order(x.name()), order(y.name())));
        return out;
    }

    private static int order(String atomName) {
        return switch (atomName) { case "N" -> 0; case "CA" -> 1; case "C" -> 2; case "O" -> 3; case "CB" -> 4; default -> 5 + atomName.length(); };
    }

    private double[] randomUnit() {
        double x = rnd.nextGaussian(), y = rnd.nextGaussian(), z = rnd.nextGaussian(), r = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / r, y / r, z / r};
    }

    /**
     * Natural extension reference frame (Parsons et al. 2005): the point d with |cd| = bond,
     * angle b-c-d = angle and torsion a-b-c-d = torsion (degrees).
     */
    static double[] place(double[] a, double[] b, double[] c, double bond, double angleDeg, double torsionDeg) {
        double[] bc = normalise(sub(c, b));
        double[] nrm = normalise(cross(sub(b, a), bc));
        double[] m = cross(nrm, bc);
        double ang = StrictMath.toRadians(angleDeg), tor = StrictMath.toRadians(torsionDeg);
        double dx = -bond * StrictMath.cos(ang), dy = bond * StrictMath.sin(ang) * StrictMath.cos(tor),
                dz = bond * StrictMath.sin(ang) * StrictMath.sin(tor);
        return new double[] {c[0] + dx * bc[0] + dy * m[0] + dz * nrm[0],
                c[1] + dx * bc[1] + dy * m[1] + dz * nrm[1],
                c[2] + dx * bc[2] + dy * m[2] + dz * nrm[2]};
    }

    static double[] sub(double[] a, double[] b) { return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

    static double[] add(double[] a, double[] u, double s) { return new double[] {a[0] + s * u[0], a[1] + s * u[1], a[2] + s * u[2]}; }

    static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] normalise(double[] a) {
        double r = Math.sqrt(dot(a, a));
        return new double[] {a[0] / r, a[1] / r, a[2] / r};
    }
}
