package org.cryoj.refine;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;

/**
 * One sampled orientation: direction (rot, tilt) of NESTED HEALPix pixel {@code pixel} at
 * {@code order}, in-plane angle psi of step {@code psiStep}; logPrior is the log of its prior
 * weight (0 for a global search). rot, tilt and psi are the grid's; {@code perturbation}, when not
 * null, is the iteration's random turn of the whole grid (RELION's --perturb), applied on the
 * right of the grid's matrix in {@link #matrix()} and {@link #angles()}.
 */
public record Orientation(double rot, double tilt, double psi, int order, long pixel, double psiStep, double logPrior,
                          Rotation3 perturbation) {

    /** A grid orientation without perturbation. */
    public Orientation(double rot, double tilt, double psi, int order, long pixel, double psiStep, double logPrior) {
        this(rot, tilt, psi, order, pixel, psiStep, logPrior, null);
    }

    /** The orientation's Euler angles, perturbation included. */
    public EulerAngles angles() {
        return perturbation == null ? new EulerAngles(rot, tilt, psi) : EulerAngles.fromMatrix(rotation());
    }

    /** RELION's Euler matrix, perturbation included, as the 3x3 array Projector and BackProjector take. */
    public double[][] matrix() {
        Rotation3 r = rotation();
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[i][j] = r.get(i, j);
        return a;
    }

    private Rotation3 rotation() {
        Rotation3 grid = new EulerAngles(rot, tilt, psi).toMatrix();
        return perturbation == null ? grid : grid.multiply(perturbation);
    }
}
