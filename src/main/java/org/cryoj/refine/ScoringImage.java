package org.cryoj.refine;

/**
 * One experimental image prepared for scoring in a Fourier window of K pixels, for
 * T translations. Maximum likelihood: diff2(o, t) = constant + sum ctf2w |P_o|² - sum Re(conj(B_t) P_o)
 * with B_t = (1/sigma²) CTF X_t, ctf2w = CTF² / (2 sigma²), constant = sum |X|² / (2 sigma²),
 * which is sum |X_t - CTF P_o|² / (2 sigma²). Cross-correlation (--firstiter_cc, first
 * iteration): B_t = CTF X_t, ctf2w = CTF², constant = sum |X|², score -CC.
 *
 * @param shifted  T arrays of 2K floats (B_t, interleaved complex)
 * @param ctf2w    K floats
 * @param constant see above
 */
public record ScoringImage(float[][] shifted, float[] ctf2w, double constant) {
    public int translations() { return shifted.length; }

    /**
     * The score of one pose from the two sums every backend computes: diff2 (likelihood) or
     * -CC, the latter 0 where a projection or the image is empty.
     *
     * @param q     sum ctf2w |P_o|²
     * @param cross sum Re(conj(B_t) P_o) (the dot product of the interleaved arrays)
     */
    public double score(double q, double cross, boolean cc) {
        if (cc) {
            double norm = Math.sqrt(constant * q);
            return norm > 0 ? -cross / norm : 0;
        }
        return constant + q - cross;
    }
}
