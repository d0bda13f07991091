package org.cryoj.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point group as RELION's --sym names it (C1, C4, Ci, Cs, C3v, C3h, S4, D2, D2v, D2h, T, Td, Th,
 * O, Oh, I, I1-I4, Ih, I1h-I4h), with RELION's axis conventions (n-fold along z, Dn 2-fold along x,
 * I2 2-folds along x, y, z, ...) and RELION's operator order: identity first, then the powers of
 * each generator, then products found in RELION's closure order.
 *
 * <p>Each operator is a pair (L, R) as in RELION: R is the 3x3 matrix RELION prints and applies to
 * maps; L is the identity except for operators that contain RELION's "inversion" generator, where
 * it is diag(1, 1, -1). An orientation with matrix A is equivalent to L A R.
 */
public final class SymmetryGroup {
    private static final double PHI = (1 + Math.sqrt(5)) / 2;
    /** Unit vector components of the icosahedral 5-fold axes: (A5, 0, B5) for I2. */
    private static final double A5 = 1 / Math.sqrt(1 + PHI * PHI), B5 = PHI / Math.sqrt(1 + PHI * PHI);
    private static final double SQRT3 = Math.sqrt(3);
    private static final Pattern CYCLIC = Pattern.compile("([CDS])(\\d{1,2})([VH]?)");
    /** RELION's Matrix2D::equal tolerance, used when closing the group. */
    private static final double SAME = 1e-6;

    private final String name;
    private final PointGroup family;
    private final int order;
    private final List<Rotation3> r;
    private final List<Boolean> flipZ;

    private SymmetryGroup(String name, PointGroup family, int order, List<Rotation3> r, List<Boolean> flipZ) {
        this.name = name;
        this.family = family;
        this.order = order;
        this.r = List.copyOf(r);
        this.flipZ = List.copyOf(flipZ);
    }

    /**
     * Parses a --sym value, case-insensitive as RELION's isSymmetryGroup.
     *
     * @throws IllegalArgumentException naming --sym for names RELION does not know, Sn with odd n,
     *                                  order 0, and I5/I5h (which RELION 3.1 does not implement)
     */
    public static SymmetryGroup parse(String sym) {
        if (sym == null) throw new IllegalArgumentException("--sym must name a point group, was null");
        String s = sym.trim().toUpperCase(Locale.ROOT);
        PointGroup family;
        int n = -1;
        Matcher m = CYCLIC.matcher(s);
        if (m.matches()) {
            n = Integer.parseInt(m.group(2));
            if (n < 1) throw new IllegalArgumentException("--sym " + sym + ": the order must be at least 1");
            String kind = m.group(1) + (m.group(3).isEmpty() ? "N" : "N" + m.group(3));
            family = switch (kind) {
                case "CN" -> PointGroup.CN;
                case "CNV" -> PointGroup.CNV;
                case "CNH" -> PointGroup.CNH;
                case "DN" -> PointGroup.DN;
                case "DNV" -> PointGroup.DNV;
                case "DNH" -> PointGroup.DNH;
                case "SN" -> PointGroup.SN;
                default -> throw new IllegalArgumentException("--sym " + sym + " is not a point group RELION knows");
            };
            if (family == PointGroup.SN && n % 2 != 0)
                throw new IllegalArgumentException("--sym " + sym + ": the order of an Sn group must be even (RELION)");
        } else {
            family = switch (s) {
                case "CI" -> PointGroup.CI;
                case "CS" -> PointGroup.CS;
                case "T" -> PointGroup.T;
                case "TD" -> PointGroup.TD;
                case "TH" -> PointGroup.TH;
                case "O" -> PointGroup.O;
                case "OH" -> PointGroup.OH;
                case "I", "I2" -> PointGroup.I2;
                case "I1" -> PointGroup.I1;
                case "I3" -> PointGroup.I3;
                case "I4" -> PointGroup.I4;
                case "IH", "I2H" -> PointGroup.I2H;
                case "I1H" -> PointGroup.I1H;
                case "I3H" -> PointGroup.I3H;
                case "I4H" -> PointGroup.I4H;
                case "I5", "I5H" -> throw new IllegalArgumentException("--sym " + sym + " is not implemented in RELION 3.1, nor here");
                default -> throw new IllegalArgumentException("--sym " + sym + " is not a point group RELION knows");
            };
        }
        return build(sym.trim(), family, n);
    }

    /** The name as given (e.g. "D2"). */
    public String name() { return name; }

    PointGroup family() { return family; }

    /** n of Cn, Cnv, Cnh, Sn, Dn, Dnv, Dnh; -1 for the other families. */
    int order() { return order; }

    public int size() { return r.size(); }

    /** All R operators, identity first. */
    public List<Rotation3> operators() { return r; }

    /** RELION's L of operator i: identity, or diag(1, 1, -1) for operators built with the inversion generator. */
    public Rotation3 leftOperator(int i) {
        return flipZ.get(i) ? Rotation3.of(1, 0, 0, 0, 1, 0, 0, 0, -1) : Rotation3.IDENTITY;
    }

    /** Symmetry image of a projection direction under operator i, as RELION computes it: L R^T d. */
    public Vector3 directionImage(int i, Vector3 d) {
        Vector3 v = r.get(i).transpose().apply(d);
        return flipZ.get(i) ? new Vector3(v.x(), v.y(), -v.z()) : v;
    }

    /** Orientation A mapped by operator i: L A R (RELION's Euler_apply_transf before its angle round trip). */
    public Rotation3 applyTo(int i, Rotation3 a) { return leftOperator(i).multiply(a).multiply(r.get(i)); }

    @Override public String toString() { return name + " (" + size() + " operators)"; }

    // ---- construction -------------------------------------------------------------------

    private record Op(Rotation3 r, boolean flipZ) {
        Op times(Op o) { return new Op(r.multiply(o.r), flipZ ^ o.flipZ); }
        boolean same(Op o) { return flipZ == o.flipZ && r.maxAbsDifference(o.r) < SAME; }
    }

    private static SymmetryGroup build(String name, PointGroup family, int n) {
        Vector3 x = new Vector3(1, 0, 0), y = new Vector3(0, 1, 0), z = new Vector3(0, 0, 1);
        List<Op> g = new ArrayList<>();
        switch (family) {
            case CN -> axis(g, n, z);
            case CI -> inversion(g);
            case CS -> mirror(g, z);
            case CNV -> { axis(g, n, z); mirror(g, y); }
            case CNH -> { axis(g, n, z); mirror(g, z); }
            // RELION builds Sn from an n/2-fold axis and the inversion centre
            case SN -> { axis(g, n / 2, z); inversion(g); }
            case DN -> { axis(g, n, z); axis(g, 2, x); }
            case DNV -> { axis(g, n, z); axis(g, 2, x); mirror(g, x); }
            case DNH -> { axis(g, n, z); axis(g, 2, x); mirror(g, z); }
            case T -> { axis(g, 3, z); axis(g, 2, new Vector3(0, Math.sqrt(2. / 3), 1 / SQRT3)); }
            case TD -> {
                axis(g, 3, z);
                axis(g, 2, new Vector3(0, Math.sqrt(2. / 3), 1 / SQRT3));
                mirror(g, new Vector3(0.5, SQRT3 / 2, 0));
            }
            case TH -> { axis(g, 3, z); axis(g, 2, new Vector3(0, -Math.sqrt(2. / 3), -1 / SQRT3)); inversion(g); }
            case O -> { axis(g, 3, new Vector3(1, 1, 1)); axis(g, 4, z); }
            case OH -> { axis(g, 3, new Vector3(1, 1, 1)); axis(g, 4, z); mirror(g, new Vector3(0, 1, 1)); }
            case I2 -> icosahedralI2(g);
            case I1 -> icosahedralI1(g);
            case I3 -> icosahedralI3(g);
            case I4 -> icosahedralI4(g);
            case I2H -> { icosahedralI2(g); mirror(g, x); }
            case I1H -> { icosahedralI1(g); mirror(g, new Vector3(0, 0, -1)); }
            case I3H -> { icosahedralI3(g); mirror(g, new Vector3(B5, 0, A5)); }
            case I4H -> { icosahedralI4(g); mirror(g, new Vector3(B5, 0, -A5)); }
        }
        close(g);
        List<Rotation3> rs = new ArrayList<>(g.size() + 1);
        List<Boolean> flips = new ArrayList<>(g.size() + 1);
        rs.add(Rotation3.IDENTITY);
        flips.add(false);
        for (Op op : g) {
            rs.add(op.r.withSmallValuesZeroed());
            flips.add(op.flipZ);
        }
        return new SymmetryGroup(name, family, n, rs, flips);
    }

    private static void icosahedralI2(List<Op> g) {
        axis(g, 2, new Vector3(0, 0, 1));
        axis(g, 5, new Vector3(A5, 0, B5));
        axis(g, 3, new Vector3(0, 1 / (PHI * SQRT3), PHI / SQRT3));
    }

    private static void icosahedralI1(List<Op> g) {
        axis(g, 2, new Vector3(1, 0, 0));
        axis(g, 5, new Vector3(B5, 0, -A5));
        axis(g, 3, new Vector3(PHI / SQRT3, 1 / (PHI * SQRT3), 0));
    }

    /** I3 and I4 are I2 turned about y so that a 5-fold lies along z (I3) or the 2-fold ends where I2's 5-fold was (I4). */
    private static void icosahedralI3(List<Op> g) {
        axis(g, 2, new Vector3(-A5, 0, B5));
        axis(g, 5, new Vector3(0, 0, 1));
        axis(g, 3, new Vector3(-PHI / SQRT3 * A5, 1 / (PHI * SQRT3), PHI / SQRT3 * B5));
    }

    private static void icosahedralI4(List<Op> g) {
        axis(g, 2, new Vector3(A5, 0, B5));
        axis(g, 5, new Vector3(2 / Math.sqrt(5), 0, 1 / Math.sqrt(5)));
        axis(g, 3, new Vector3(PHI / SQRT3 * A5, 1 / (PHI * SQRT3), PHI / SQRT3 * B5));
    }

    /** Powers 1..k-1 of a k-fold axis; RELION stores the transpose, i.e. rotations by -360j/k. */
    private static void axis(List<Op> g, int k, Vector3 axis) {
        for (int j = 1; j < k; j++) g.add(new Op(Rotation3.aboutAxis(axis, -360.0 * j / k), false));
    }

    private static void inversion(List<Op> g) {
        g.add(new Op(Rotation3.of(-1, 0, 0, 0, -1, 0, 0, 0, -1), true));
    }

    private static void mirror(List<Op> g, Vector3 normal) {
        g.add(new Op(Rotation3.mirror(normal), false));
    }

    /**
     * Closes the generator list under multiplication. Pairs (i, j) are tried in RELION's order
     * (shell by shell: (0,n), (1,n) ... (n,n), (n,n-1) ... (n,0)); new elements are appended, so
     * the printed order matches RELION's.
     */
    private static void close(List<Op> g) {
        for (int shell = 0; shell < g.size(); shell++) {
            for (int i = 0; i <= shell; i++) tryProduct(g, i, shell);
            for (int j = shell - 1; j >= 0; j--) tryProduct(g, shell, j);
        }
    }

    private static void tryProduct(List<Op> g, int i, int j) {
        Op p = g.get(i).times(g.get(j));
        if (!p.flipZ && p.r.maxAbsDifference(Rotation3.IDENTITY) < SAME) return;
        for (Op o : g) if (o.same(p)) return;
        g.add(p);
    }
}
