package org.cryoj.refine;

import org.cryoj.image.FloatVolume;

/**
 * One of the two independent half-sets of the gold standard: its particles, its reference and
 * its noise model, and the spectra of its last M-step (for run_itNNN_halfN_model.star). The two
 * halves share nothing but the FSC and, below --low_resol_join_halves, their accumulators.
 *
 * @param number      1 or 2 (rlnRandomSubset)
 * @param members     indices into the particle set
 * @param reference   current reference (after solvent flattening)
 * @param sigma2      noise power per group and shell 0 .. N/2
 * @param sigmaOffset prior stddev of the origins, Å
 * @param spectra     FSC, SSNR, tau2 and reconstruction sigma2 of the last M-step
 * @param logLikelihood sum of the particles' log-likelihood contributions
 * @param averagePmax mean Pmax of the last E-step
 * @param averageNorm mean rlnNormCorrection of its particles (rlnNormCorrectionAverage): images are scaled by averageNorm / norm
 * @param groupScale  per group, the signal's intensity scale relative to the reference (rlnGroupScaleCorrection); multiplies the CTF
 */
public record HalfSet(int number, int[] members, FloatVolume reference, double[][] sigma2, double sigmaOffset,
                      Spectra spectra, double logLikelihood, double averagePmax, double averageNorm, double[] groupScale) {

    /** Per-shell spectra of an M-step, shells 0 .. N/2. */
    public record Spectra(double[] fsc, double[] ssnr, double[] tau2, double[] referenceSigma2) {
        public static Spectra empty(int shells) {
            return new Spectra(new double[shells], new double[shells], new double[shells], new double[shells]);
        }
    }

    public HalfSet withModel(FloatVolume ref, double[][] s2, double sigOff, Spectra sp, double ll, double pmax, double avgNorm, double[] scale) {
        return new HalfSet(number, members, ref, s2, sigOff, sp, ll, pmax, avgNorm, scale);
    }
}
