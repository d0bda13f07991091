package org.cryoj.refine;

import org.cryoj.geometry.EulerAngles;

/**
 * A particle's orientation and origin: RELION's rlnAngleRot/Tilt/Psi (degrees) and
 * rlnOriginX/YAngst expressed in pixels (the particle sits at the box centre minus the origin).
 */
public record Pose(double rot, double tilt, double psi, double originX, double originY) implements java.io.Serializable {
    public EulerAngles angles() { return new EulerAngles(rot, tilt, psi); }

    /** RELION's Euler matrix as the 3x3 array Projector and BackProjector take. */
    public double[][] matrix() {
        return new Orientation(rot, tilt, psi, 0, 0, 1, 0).matrix();
    }
}
