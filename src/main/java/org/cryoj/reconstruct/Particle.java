package org.cryoj.reconstruct;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.io.mrc.ImageReference;

/**
 * One particle image to backproject.
 *
 * @param image    where the image is (rlnImageName)
 * @param rotation RELION's Euler matrix of (rlnAngleRot, rlnAngleTilt, rlnAnglePsi)
 * @param originX  rlnOriginXAngst in pixels: the particle sits at the box centre minus this
 * @param originY  rlnOriginYAngst in pixels
 * @param ctf      CTF of the image, or null when the STAR file has none
 * @param pixelSize the image's pixel size in Å (its optics group's rlnImagePixelSize)
 */
public record Particle(ImageReference image, double[][] rotation, double originX, double originY, CtfParameters ctf,
                       double pixelSize) implements java.io.Serializable {}
