package org.cryoj.io.star;

import java.util.List;
import java.util.Set;

import org.cryoj.io.InputFormatException;

/**
 * Turns a RELION 3.0 particles or micrographs file (one loop, optics on every row, origins in
 * pixels) into the 3.1 layout, as RELION 3.1 does when it reads an old file: a data_optics block
 * (rlnOpticsGroup, rlnOpticsGroupName, rlnAmplitudeContrast, rlnSphericalAberration, rlnVoltage,
 * the pixel size, and rlnImageSize/rlnImageDimensionality when the caller knows the box) and a
 * data_particles (or data_micrographs) block where the per-row optics columns are replaced by
 * rlnOpticsGroup and rlnOriginX/Y[Prior] in pixels by rlnOriginX/Y[Prior]Angst in Å.
 * For particles RELION also writes the particle pixel size as rlnMicrographPixelSize; so do we.
 *
 * <pre>{@code
 * StarFile v31 = Relion30Converter.toRelion31(StarFile.read(old), boxSize);
 * }</pre>
 */
public final class Relion30Converter {
    private Relion30Converter() {}

    private static final Set<String> MOVED_TO_OPTICS = Set.of(StarLabel.VOLTAGE.label(),
            StarLabel.SPHERICAL_ABERRATION.label(), StarLabel.AMPLITUDE_CONTRAST.label(),
            StarLabel.DETECTOR_PIXEL_SIZE.label(), StarLabel.MAGNIFICATION.label(), StarLabel.IMAGE_PIXEL_SIZE.label());

    private static final List<StarLabel[]> ORIGINS = List.of(
            new StarLabel[] {StarLabel.ORIGIN_X, StarLabel.ORIGIN_X_ANGST},
            new StarLabel[] {StarLabel.ORIGIN_Y, StarLabel.ORIGIN_Y_ANGST},
            new StarLabel[] {StarLabel.ORIGIN_X_PRIOR, StarLabel.ORIGIN_X_PRIOR_ANGST},
            new StarLabel[] {StarLabel.ORIGIN_Y_PRIOR, StarLabel.ORIGIN_Y_PRIOR_ANGST});

    /**
     * @param star      a RELION 3.0 file; a file that already has data_optics is returned as is
     * @param imageSize the particle box in pixels for rlnImageSize, or 0 when unknown
     */
    public static StarFile toRelion31(StarFile star, int imageSize) throws InputFormatException {
        if (star.hasBlock("optics")) return star;
        StarBlock old = null;
        for (StarBlock b : star.blocks()) if (b.loop()) { old = b; break; }
        if (old == null) throw new InputFormatException(star.source(), -1, null, "no loop_ table to convert");
        StarTable in = old.table();
        ParticleOptics optics = ParticleOptics.of(star, old.name());
        boolean particles = in.hasColumn(StarLabel.IMAGE_NAME);

        StarTable o = new StarTable(StarLabel.OPTICS_GROUP.label(), StarLabel.OPTICS_GROUP_NAME.label(),
                StarLabel.AMPLITUDE_CONTRAST.label(), StarLabel.SPHERICAL_ABERRATION.label(), StarLabel.VOLTAGE.label());
        if (particles) o.addColumn(StarLabel.IMAGE_PIXEL_SIZE);
        o.addColumn(StarLabel.MICROGRAPH_PIXEL_SIZE);
        if (particles && imageSize > 0) {
            o.addColumn(StarLabel.IMAGE_SIZE);
            o.addColumn(StarLabel.IMAGE_DIMENSIONALITY);
        }
        for (OpticsGroup g : optics.groups()) {
            int r = o.addRow();
            o.setInt(r, StarLabel.OPTICS_GROUP, g.number());
            o.setString(r, StarLabel.OPTICS_GROUP_NAME, g.name());
            o.setDouble(r, StarLabel.AMPLITUDE_CONTRAST, g.amplitudeContrast());
            o.setDouble(r, StarLabel.SPHERICAL_ABERRATION, g.sphericalAberration());
            o.setDouble(r, StarLabel.VOLTAGE, g.voltage());
            if (particles) o.setDouble(r, StarLabel.IMAGE_PIXEL_SIZE, g.pixelSize());
            o.setDouble(r, StarLabel.MICROGRAPH_PIXEL_SIZE, g.pixelSize());
            if (o.hasColumn(StarLabel.IMAGE_SIZE)) {
                o.setInt(r, StarLabel.IMAGE_SIZE, imageSize);
                o.setInt(r, StarLabel.IMAGE_DIMENSIONALITY, 2);
            }
        }

        // Copy the rows (all columns, text ones unchanged), then reshape the copy's columns.
        int[] all = new int[in.rowCount()];
        for (int r = 0; r < all.length; r++) all[r] = r;
        StarTable p = in.select(all);
        for (String l : MOVED_TO_OPTICS) p.removeColumn(l);
        if (!p.hasColumn(StarLabel.OPTICS_GROUP)) p.addColumn(StarLabel.OPTICS_GROUP);
        for (int r = 0; r < all.length; r++) p.setInt(r, StarLabel.OPTICS_GROUP, optics.group(r).number());
        for (StarLabel[] pair : ORIGINS) {
            if (!in.hasColumn(pair[0])) continue;
            p.removeColumn(pair[0]);
            p.addColumn(pair[1]);
            for (int r = 0; r < all.length; r++)
                p.setDouble(r, pair[1], in.getDouble(r, pair[0]) * optics.pixelSize(r));
        }
        return StarFile.of(StarBlock.loop("optics", o), StarBlock.loop(particles ? "particles" : "micrographs", p));
    }
}
