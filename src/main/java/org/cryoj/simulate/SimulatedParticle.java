package org.cryoj.simulate;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.EulerAngles;

/**
 * The known answer for one simulated particle and what the earlier job says about it.
 *
 * @param micrograph    1-based micrograph number, 0 for stacked particles
 * @param centreX       true centre on the micrograph, pixels (NaN for stacked particles)
 * @param centreY       true centre on the micrograph, pixels
 * @param pickedX       picked coordinate (whole pixels; NaN for stacked particles)
 * @param pickedY       picked coordinate
 * @param originXAngst  rlnOriginXAngst: the centre is at picked - origin / pixel size on a
 *                      micrograph, at box/2 - origin / pixel size in a stacked image
 * @param originYAngst  rlnOriginYAngst
 * @param pose          true Euler angles (the image was made from pose.toMatrix())
 * @param earlierPose   the earlier job's angles: the true pose plus --angle_noise
 * @param ctf           CTF as written in the STAR files (no B-factor: the envelope is unknown to refinement)
 * @param randomSubset  rlnRandomSubset, 1 or 2 alternately
 * @param group         rlnGroupNumber
 */
public record SimulatedParticle(int micrograph, double centreX, double centreY, double pickedX, double pickedY,
                                double originXAngst, double originYAngst, EulerAngles pose, EulerAngles earlierPose,
                                CtfParameters ctf, int randomSubset, int group) {}
