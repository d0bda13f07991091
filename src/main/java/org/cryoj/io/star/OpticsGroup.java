package org.cryoj.io.star;

/**
 * The optics shared by a group of particles or micrographs (a row of RELION 3.1's data_optics).
 *
 * @param number              rlnOpticsGroup (1-based)
 * @param name                rlnOpticsGroupName
 * @param pixelSize           Å per pixel of the images in the data block: rlnImagePixelSize for
 *                            particles, rlnMicrographPixelSize for micrographs
 * @param voltage             rlnVoltage, kV
 * @param sphericalAberration rlnSphericalAberration, mm
 * @param amplitudeContrast   rlnAmplitudeContrast, fraction
 * @param imageSize           rlnImageSize in pixels, or -1 when the file does not say
 */
public record OpticsGroup(int number, String name, double pixelSize, double voltage,
                          double sphericalAberration, double amplitudeContrast, int imageSize) {}
