package org.cryoj.refine;

/**
 * The sampling of one iteration: coarse HEALPix order, coarse offset search range and step (Å,
 * as RELION 3.1 keeps them), and whether orientations are searched locally with a Gaussian prior
 * of sigmaAngles degrees (0 for a global search).
 */
public record SamplingState(int healpixOrder, double offsetRange, double offsetStep, boolean localSearches, double sigmaAngles)
        implements java.io.Serializable {
    public SamplingState {
        if (healpixOrder < 0 || healpixOrder > 8) throw new IllegalArgumentException("HEALPix order must lie in [0, 8], was " + healpixOrder);
        if (!(offsetStep > 0)) throw new IllegalArgumentException("offset step must be > 0 A, was " + offsetStep);
        if (!(offsetRange >= 0)) throw new IllegalArgumentException("offset range must be >= 0 A, was " + offsetRange);
        if (localSearches && !(sigmaAngles > 0)) throw new IllegalArgumentException("local searches need sigma > 0 degrees");
    }

    /** RELION's getAngularSampling(q): 360 / (6 2^(order + q)) degrees. */
    public double angularStep(int oversampling) { return 360.0 / (6 * Math.pow(2, healpixOrder + oversampling)); }

    /** RELION's getTranslationalSampling(q): step / 2^q, Å. */
    public double offsetStep(int oversampling) { return offsetStep / Math.pow(2, oversampling); }
}
