package org.cryoj.map;

import org.cryoj.fourier.FscCurve;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/**
 * The STAR tables relion_image_handler prints for --fsc (data_fsc) and --power (data_power): one
 * row per shell i with rlnSpectralIndex, rlnResolution (1/Å), rlnAngstromResolution
 * (box * angpix / i; 999 for shell 0, as RELION writes it) and the value.
 */
public final class SpectrumTables {
    private SpectrumTables() {}

    /** What RELION writes as the resolution of shell 0. */
    static final double SHELL_ZERO_RESOLUTION = 999;

    /** Shells 0 .. box/2. */
    public static StarFile fsc(FscCurve curve) {
        return table("fsc", StarLabel.FOURIER_SHELL_CORRELATION, curve.fsc(), curve.shells(), curve.box(), curve.angpix());
    }

    /**
     * @param power the mean power per shell ({@link org.cryoj.fourier.RadialSpectrum#power}); shells
     *              0 .. box/2 + 1 are written, as RELION does (the last holds corner frequencies)
     */
    public static StarFile power(double[] power, int box, double angpix) {
        return table("power", StarLabel.REFERENCE_SPECTRAL_POWER, power, Math.min(power.length, box / 2 + 2), box, angpix);
    }

    private static StarFile table(String name, StarLabel valueLabel, double[] values, int rows, int box, double angpix) {
        StarTable t = new StarTable(StarLabel.SPECTRAL_INDEX.label(), StarLabel.RESOLUTION.label(),
                StarLabel.ANGSTROM_RESOLUTION.label(), valueLabel.label());
        for (int i = 0; i < rows; i++) {
            int r = t.addRow();
            double resolution = i > 0 ? box * angpix / i : SHELL_ZERO_RESOLUTION;
            t.setInt(r, StarLabel.SPECTRAL_INDEX, i);
            t.setDouble(r, StarLabel.RESOLUTION, 1 / resolution);
            t.setDouble(r, StarLabel.ANGSTROM_RESOLUTION, resolution);
            t.setDouble(r, valueLabel, values[i]);
        }
        return StarFile.of(StarBlock.loop(name, t));
    }
}
