package org.cryoj.map.atomic;

/**
 * One atom of a pseudo-atomic model: its PDB names, element, position in Å relative to the
 * symmetry centre, and isotropic B-factor in Å².
 *
 * @param name          atom name as in a PDB file (N, CA, C, O, CB, OG, ...)
 * @param residueName   three-letter residue name (GLY, ALA, SER, ...)
 * @param residueNumber 1-based residue number within its chain
 */
public record Atom(String name, String residueName, int residueNumber, Element element,
                   double x, double y, double z, double bfactor) {

    /** Distance to another atom, Å. */
    public double distanceTo(Atom o) {
        double dx = x - o.x, dy = y - o.y, dz = z - o.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
