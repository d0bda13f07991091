package org.cryoj.map.atomic;

import java.util.Arrays;

/**
 * The atoms of a growing chain in a uniform cell grid, for neighbour queries. Atoms are removed
 * only from the end (back-tracking), so each cell is a stack.
 */
final class AtomGrid {
    private final double[] min;
    private final double cell;
    private final int nx, ny, nz;
    private final int[][] cells;
    private final int[] cellCount;

    private double[] xyz = new double[3 * 1024];
    private int[] residue = new int[1024], parent = new int[1024], cellOf = new int[1024];
    private Element[] element = new Element[1024];
    private String[] name = new String[1024];
    private int size;

    AtomGrid(double[] min, double[] max, double cell) {
        this.min = min.clone();
        this.cell = cell;
        nx = Math.max(1, (int) Math.ceil((max[0] - min[0]) / cell));
        ny = Math.max(1, (int) Math.ceil((max[1] - min[1]) / cell));
        nz = Math.max(1, (int) Math.ceil((max[2] - min[2]) / cell));
        cells = new int[nx * ny * nz][];
        cellCount = new int[nx * ny * nz];
    }

    int size() { return size; }

    double[] position(int i) { return new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]}; }

    int residue(int i) { return residue[i]; }

    Element element(int i) { return element[i]; }

    String name(int i) { return name[i]; }

    /** Adds an atom; returns its index. */
    int add(double[] p, Element e, String atomName, int res, int bondedTo) {
        if (size == residue.length) grow();
        int i = size++;
        xyz[3 * i] = p[0];
        xyz[3 * i + 1] = p[1];
        xyz[3 * i + 2] = p[2];
        element[i] = e;
        name[i] = atomName;
        residue[i] = res;
        parent[i] = bondedTo;
        int c = cellIndex(p);
        cellOf[i] = c;
        if (cells[c] == null) cells[c] = new int[8];
        else if (cellCount[c] == cells[c].length) cells[c] = Arrays.copyOf(cells[c], 2 * cellCount[c]);
        cells[c][cellCount[c]++] = i;
        return i;
    }

    /** Removes the atoms from index keep on. */
    void truncate(int keep) {
        while (size > keep) {
            int i = --size;
            cellCount[cellOf[i]]--;
        }
    }

    /**
     * True when p (an atom of residue res bonded to atom bondedTo, -1 for none) keeps the clash
     * distances of {@link ChainBuilder} to every atom.
     */
    boolean clear(double[] p, int res, int bondedTo, boolean alphaCarbon, Element e) {
        boolean polar = e == Element.N || e == Element.O;
        int cx = coord(p[0], 0, nx), cy = coord(p[1], 1, ny), cz = coord(p[2], 2, nz);
        double far2 = ChainBuilder.FAR * ChainBuilder.FAR, near2 = ChainBuilder.NEAR * ChainBuilder.NEAR,
                caca2 = ChainBuilder.CA_CA * ChainBuilder.CA_CA, hbond2 = ChainBuilder.HBOND * ChainBuilder.HBOND;
        for (int z = Math.max(0, cz - 1); z <= Math.min(nz - 1, cz + 1); z++)
            for (int y = Math.max(0, cy - 1); y <= Math.min(ny - 1, cy + 1); y++)
                for (int x = Math.max(0, cx - 1); x <= Math.min(nx - 1, cx + 1); x++) {
                    int c = x + nx * (y + ny * z);
                    int[] list = cells[c];
                    for (int k = 0; k < cellCount[c]; k++) {
                        int j = list[k];
                        if (j == bondedTo) continue;
                        double dx = xyz[3 * j] - p[0], dy = xyz[3 * j + 1] - p[1], dz = xyz[3 * j + 2] - p[2];
                        double d2 = dx * dx + dy * dy + dz * dz;
                        int dr = Math.abs(residue[j] - res);
                        double limit = dr <= 1 ? near2 : alphaCarbon && name[j].equals("CA") ? caca2
                                : polar && (element[j] == Element.N || element[j] == Element.O) ? hbond2 : far2;
                        if (d2 < limit) return false;
                    }
                }
        return true;
    }

    private int cellIndex(double[] p) {
        return coord(p[0], 0, nx) + nx * (coord(p[1], 1, ny) + ny * coord(p[2], 2, nz));
    }

    private int coord(double v, int axis, int n) {
        int c = (int) Math.floor((v - min[axis]) / cell);
        return Math.max(0, Math.min(n - 1, c));
    }

    private void grow() {
        int n = 2 * residue.length;
        xyz = Arrays.copyOf(xyz, 3 * n);
        residue = Arrays.copyOf(residue, n);
        parent = Arrays.copyOf(parent, n);
        cellOf = Arrays.copyOf(cellOf, n);
        element = Arrays.copyOf(element, n);
        name = Arrays.copyOf(name, n);
    }
}
