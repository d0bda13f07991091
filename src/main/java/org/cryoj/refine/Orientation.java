package org.cryoj.refine;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;

/**
 * One sampled orientation: direction (rot, tilt) of NESTED HEALPix pixel {@code pixel} at
 * {@code order}, in-plane angle psi of step {@code psiStep}; logPrior is the log of its prior
 * weight (0 for a global search).
 */
public record Orientation(double rot, double tilt, double psi, int order, long pixel, double psiStep, double logPrior) {
    public EulerAngles angles() { return new EulerAngles(rot, tilt, psi); }

    /** RELION's Euler matrix as the 3x3 array Projector and BackProjector take. */
    public double[][] matrix() {
        Rotation3 r = angles().toMatrix();
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[i][j] = r.get(i, j);
        return a;
    }
}
