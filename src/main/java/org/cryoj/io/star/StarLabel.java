package org.cryoj.io.star;

import java.util.HashMap;
import java.util.Map;

/**
 * The RELION metadata labels CryoJ reads or writes, with the value type RELION 3.1 gives them
 * (as listed by {@code relion_refine --print_metadata_labels}). Columns with these labels are
 * parsed and checked when a file is read; any other label is kept as text, unchanged.
 *
 * <pre>{@code
 * double rot = table.getDouble(row, StarLabel.ANGLE_ROT);
 * }</pre>
 */
public enum StarLabel {
    // particles and micrographs
    IMAGE_NAME("rlnImageName", Type.STRING),
    IMAGE_ORIGINAL_NAME("rlnImageOriginalName", Type.STRING),
    MICROGRAPH_NAME("rlnMicrographName", Type.STRING),
    MICROGRAPH_MOVIE_NAME("rlnMicrographMovieName", Type.STRING),
    COORDINATE_X("rlnCoordinateX", Type.DOUBLE),
    COORDINATE_Y("rlnCoordinateY", Type.DOUBLE),
    ORIGIN_X_ANGST("rlnOriginXAngst", Type.DOUBLE),
    ORIGIN_Y_ANGST("rlnOriginYAngst", Type.DOUBLE),
    /** RELION 3.0: origin in pixels. */
    ORIGIN_X("rlnOriginX", Type.DOUBLE),
    /** RELION 3.0: origin in pixels. */
    ORIGIN_Y("rlnOriginY", Type.DOUBLE),
    ORIGIN_X_PRIOR_ANGST("rlnOriginXPriorAngst", Type.DOUBLE),
    ORIGIN_Y_PRIOR_ANGST("rlnOriginYPriorAngst", Type.DOUBLE),
    ORIGIN_X_PRIOR("rlnOriginXPrior", Type.DOUBLE),
    ORIGIN_Y_PRIOR("rlnOriginYPrior", Type.DOUBLE),
    ANGLE_ROT("rlnAngleRot", Type.DOUBLE),
    ANGLE_TILT("rlnAngleTilt", Type.DOUBLE),
    ANGLE_PSI("rlnAnglePsi", Type.DOUBLE),
    ANGLE_TILT_PRIOR("rlnAngleTiltPrior", Type.DOUBLE),
    ANGLE_PSI_PRIOR("rlnAnglePsiPrior", Type.DOUBLE),
    AUTOPICK_FIGURE_OF_MERIT("rlnAutopickFigureOfMerit", Type.DOUBLE),
    CLASS_NUMBER("rlnClassNumber", Type.INT),
    GROUP_NUMBER("rlnGroupNumber", Type.INT),
    GROUP_NAME("rlnGroupName", Type.STRING),
    RANDOM_SUBSET("rlnRandomSubset", Type.INT),
    NORM_CORRECTION("rlnNormCorrection", Type.DOUBLE),
    LOG_LIKELI_CONTRIBUTION("rlnLogLikeliContribution", Type.DOUBLE),
    MAX_VALUE_PROB_DISTRIBUTION("rlnMaxValueProbDistribution", Type.DOUBLE),
    NR_OF_SIGNIFICANT_SAMPLES("rlnNrOfSignificantSamples", Type.INT),
    BEAM_TILT_CLASS("rlnBeamTiltClass", Type.INT),
    HELICAL_TUBE_ID("rlnHelicalTubeID", Type.INT),
    IMAGE_ID("rlnImageId", Type.INT),
    MICROGRAPH_ID("rlnMicrographId", Type.INT),

    // CTF
    DEFOCUS_U("rlnDefocusU", Type.DOUBLE),
    DEFOCUS_V("rlnDefocusV", Type.DOUBLE),
    DEFOCUS_ANGLE("rlnDefocusAngle", Type.DOUBLE),
    PHASE_SHIFT("rlnPhaseShift", Type.DOUBLE),
    CTF_BFACTOR("rlnCtfBfactor", Type.DOUBLE),
    CTF_SCALEFACTOR("rlnCtfScalefactor", Type.DOUBLE),
    CTF_MAX_RESOLUTION("rlnCtfMaxResolution", Type.DOUBLE),
    CTF_FIGURE_OF_MERIT("rlnCtfFigureOfMerit", Type.DOUBLE),
    CTF_IMAGE("rlnCtfImage", Type.STRING),
    CTF_DATA_ARE_PHASE_FLIPPED("rlnCtfDataArePhaseFlipped", Type.BOOL),
    CTF_DATA_ARE_CTF_PREMULTIPLIED("rlnCtfDataAreCtfPremultiplied", Type.BOOL),

    // optics (per particle in RELION 3.0, per optics group in 3.1)
    OPTICS_GROUP("rlnOpticsGroup", Type.INT),
    OPTICS_GROUP_NAME("rlnOpticsGroupName", Type.STRING),
    VOLTAGE("rlnVoltage", Type.DOUBLE),
    SPHERICAL_ABERRATION("rlnSphericalAberration", Type.DOUBLE),
    AMPLITUDE_CONTRAST("rlnAmplitudeContrast", Type.DOUBLE),
    IMAGE_PIXEL_SIZE("rlnImagePixelSize", Type.DOUBLE),
    IMAGE_SIZE("rlnImageSize", Type.INT),
    IMAGE_DIMENSIONALITY("rlnImageDimensionality", Type.INT),
    MICROGRAPH_ORIGINAL_PIXEL_SIZE("rlnMicrographOriginalPixelSize", Type.DOUBLE),
    MICROGRAPH_PIXEL_SIZE("rlnMicrographPixelSize", Type.DOUBLE),
    BEAM_TILT_X("rlnBeamTiltX", Type.DOUBLE),
    BEAM_TILT_Y("rlnBeamTiltY", Type.DOUBLE),
    /** RELION 3.0: detector pixel size in micrometres (pixel size = this * 10000 / magnification). */
    DETECTOR_PIXEL_SIZE("rlnDetectorPixelSize", Type.DOUBLE),
    /** RELION 3.0: magnification at the detector. */
    MAGNIFICATION("rlnMagnification", Type.DOUBLE),

    // model and optimiser files
    PIXEL_SIZE("rlnPixelSize", Type.DOUBLE),
    ORIGINAL_IMAGE_SIZE("rlnOriginalImageSize", Type.INT),
    CURRENT_IMAGE_SIZE("rlnCurrentImageSize", Type.INT),
    CURRENT_RESOLUTION("rlnCurrentResolution", Type.DOUBLE),
    NR_CLASSES("rlnNrClasses", Type.INT),
    NR_GROUPS("rlnNrGroups", Type.INT),
    NR_BODIES("rlnNrBodies", Type.INT),
    REFERENCE_DIMENSIONALITY("rlnReferenceDimensionality", Type.INT),
    DATA_DIMENSIONALITY("rlnDataDimensionality", Type.INT),
    PADDING_FACTOR("rlnPaddingFactor", Type.DOUBLE),
    TAU2_FUDGE_FACTOR("rlnTau2FudgeFactor", Type.DOUBLE),
    SIGMA_OFFSETS_ANGST("rlnSigmaOffsetsAngst", Type.DOUBLE),
    AVERAGE_PMAX("rlnAveragePmax", Type.DOUBLE),
    LOG_LIKELIHOOD("rlnLogLikelihood", Type.DOUBLE),
    NORM_CORRECTION_AVERAGE("rlnNormCorrectionAverage", Type.DOUBLE),
    REFERENCE_IMAGE("rlnReferenceImage", Type.STRING),
    CLASS_DISTRIBUTION("rlnClassDistribution", Type.DOUBLE),
    ACCURACY_ROTATIONS("rlnAccuracyRotations", Type.DOUBLE),
    ACCURACY_TRANSLATIONS_ANGST("rlnAccuracyTranslationsAngst", Type.DOUBLE),
    ESTIMATED_RESOLUTION("rlnEstimatedResolution", Type.DOUBLE),
    OVERALL_FOURIER_COMPLETENESS("rlnOverallFourierCompleteness", Type.DOUBLE),
    SPECTRAL_INDEX("rlnSpectralIndex", Type.INT),
    RESOLUTION("rlnResolution", Type.DOUBLE),
    ANGSTROM_RESOLUTION("rlnAngstromResolution", Type.DOUBLE),
    SSNR_MAP("rlnSsnrMap", Type.DOUBLE),
    GOLD_STANDARD_FSC("rlnGoldStandardFsc", Type.DOUBLE),
    FOURIER_SHELL_CORRELATION("rlnFourierShellCorrelation", Type.DOUBLE),
    REFERENCE_SPECTRAL_POWER("rlnReferenceSpectralPower", Type.DOUBLE),
    FOURIER_COMPLETENESS("rlnFourierCompleteness", Type.DOUBLE),
    REFERENCE_SIGMA2("rlnReferenceSigma2", Type.DOUBLE),
    REFERENCE_TAU2("rlnReferenceTau2", Type.DOUBLE),
    SPECTRAL_ORIENTABILITY_CONTRIBUTION("rlnSpectralOrientabilityContribution", Type.DOUBLE),
    SIGMA2_NOISE("rlnSigma2Noise", Type.DOUBLE),
    GROUP_NR_PARTICLES("rlnGroupNrParticles", Type.INT),
    GROUP_SCALE_CORRECTION("rlnGroupScaleCorrection", Type.DOUBLE);

    /** How values of a label are stored and checked. RELION writes booleans as 0 or 1. */
    public enum Type { DOUBLE, INT, BOOL, STRING }

    private static final Map<String, StarLabel> BY_NAME = new HashMap<>();
    static {
        for (StarLabel l : values()) BY_NAME.put(l.label, l);
    }

    private final String label;
    private final Type type;

    StarLabel(String label, Type type) {
        this.label = label;
        this.type = type;
    }

    /** The name as written in a STAR file, without the leading underscore, e.g. "rlnAngleRot". */
    public String label() { return label; }

    public Type type() { return type; }

    /** The known label with this name, or null for a label CryoJ keeps as text. */
    public static StarLabel find(String label) { return BY_NAME.get(label); }

    /** The type of any label: STRING for unknown ones. */
    public static Type typeOf(String label) {
        StarLabel l = BY_NAME.get(label);
        return l == null ? Type.STRING : l.type;
    }

    @Override
    public String toString() { return label; }
}
