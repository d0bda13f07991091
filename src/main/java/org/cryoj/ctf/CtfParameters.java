package org.cryoj.ctf;

/**
 * The contrast transfer function of one image, with RELION's STAR labels and units.
 *
 * @param defocusU          rlnDefocusU, Å (positive = underfocus)
 * @param defocusV          rlnDefocusV, Å
 * @param defocusAngle      rlnDefocusAngle, degrees between the x axis and U
 * @param voltage           rlnVoltage, kV
 * @param sphericalAberration rlnSphericalAberration, mm
 * @param amplitudeContrast rlnAmplitudeContrast, fraction in [0, 1]
 * @param bfactor           rlnCtfBfactor, Å² (envelope exp(-B k²/4))
 * @param scale             rlnCtfScalefactor
 * @param phaseShift        rlnPhaseShift, degrees (phase plate)
 */
public record CtfParameters(double defocusU, double defocusV, double defocusAngle,
                            double voltage, double sphericalAberration, double amplitudeContrast,
                            double bfactor, double scale, double phaseShift) implements java.io.Serializable {
    public CtfParameters {
        requireFinite("rlnDefocusU", defocusU);
        requireFinite("rlnDefocusV", defocusV);
        requireFinite("rlnDefocusAngle", defocusAngle);
        requireFinite("rlnSphericalAberration", sphericalAberration);
        requireFinite("rlnCtfBfactor", bfactor);
        requireFinite("rlnCtfScalefactor", scale);
        requireFinite("rlnPhaseShift", phaseShift);
        if (!(voltage > 0) || !Double.isFinite(voltage))
            throw new IllegalArgumentException("rlnVoltage must be a positive number of kV, was " + voltage);
        if (!(amplitudeContrast >= 0 && amplitudeContrast <= 1))
            throw new IllegalArgumentException("rlnAmplitudeContrast must lie in [0, 1], was " + amplitudeContrast);
    }

    /** The usual case: no B-factor, scale 1, no phase plate. */
    public static CtfParameters of(double defocusU, double defocusV, double defocusAngle,
                                   double voltage, double cs, double q0) {
        return new CtfParameters(defocusU, defocusV, defocusAngle, voltage, cs, q0, 0, 1, 0);
    }

    /** Relativistic electron wavelength in Å for an acceleration voltage in kV. */
    public double wavelength() {
        double v = voltage * 1e3;
        return 12.2643247 / Math.sqrt(v * (1 + v * 0.978466e-6));
    }

    private static void requireFinite(String label, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(label + " must be a finite number, was " + v);
    }
}
