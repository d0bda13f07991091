package org.cryoj.refine;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.io.mrc.ImageReference;

/**
 * One particle of the refinement.
 *
 * @param row   its row in the input particles table (all columns are kept in the outputs)
 * @param image rlnImageName
 * @param ctf   its CTF, or null without --ctf
 * @param group noise group, 0-based
 * @param half  random subset, 1 or 2
 */
public record RefineParticle(int row, ImageReference image, CtfParameters ctf, int group, int half) implements java.io.Serializable {}
