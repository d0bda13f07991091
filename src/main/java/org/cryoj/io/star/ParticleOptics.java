package org.cryoj.io.star;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cryoj.io.InputFormatException;

/**
 * The optics of every row of a particles (or micrographs) block. For a RELION 3.1 file each row
 * is joined with its data_optics row through rlnOpticsGroup; for a RELION 3.0 file (no
 * data_optics) the values are on the rows themselves, the pixel size being
 * rlnDetectorPixelSize [µm] * 10000 / rlnMagnification, and rows with equal optics are gathered
 * into groups numbered from 1 in order of appearance.
 *
 * <pre>{@code
 * ParticleOptics optics = ParticleOptics.of(StarFile.read(path), "particles");
 * double angpix = optics.pixelSize(row);
 * double kV = optics.group(row).voltage();
 * }</pre>
 */
public final class ParticleOptics {
    private final List<OpticsGroup> groups;
    private final int[] groupOfRow;
    private final boolean relion30;

    private ParticleOptics(List<OpticsGroup> groups, int[] groupOfRow, boolean relion30) {
        this.groups = List.copyOf(groups);
        this.groupOfRow = groupOfRow;
        this.relion30 = relion30;
    }

    /**
     * The optics of the rows of {@code data_BLOCK}: from data_optics when the file has one
     * (RELION 3.1), otherwise from the rows (RELION 3.0). Missing columns and unknown optics
     * groups fail with the file, line and label.
     */
    public static ParticleOptics of(StarFile star, String block) throws InputFormatException {
        StarTable data = star.block(block).table();
        return star.hasBlock("optics") ? join(star.block("optics").table(), data) : fromRows(data);
    }

    /** Whether the optics came from the rows of a RELION 3.0 file. */
    public boolean isRelion30() { return relion30; }

    /** The optics groups, in data_optics order (3.1) or order of first appearance (3.0). */
    public List<OpticsGroup> groups() { return groups; }

    public int rowCount() { return groupOfRow.length; }

    public OpticsGroup group(int row) { return groups.get(groupOfRow[row]); }

    public double pixelSize(int row) { return group(row).pixelSize(); }

    public double voltage(int row) { return group(row).voltage(); }

    public double sphericalAberration(int row) { return group(row).sphericalAberration(); }

    public double amplitudeContrast(int row) { return group(row).amplitudeContrast(); }

    /** rlnImageSize of the row's group, or -1 when unknown. */
    public int imageSize(int row) { return group(row).imageSize(); }

    private static StarLabel pixelLabel(StarTable data) {
        return data.hasColumn(StarLabel.IMAGE_NAME) ? StarLabel.IMAGE_PIXEL_SIZE : StarLabel.MICROGRAPH_PIXEL_SIZE;
    }

    private static ParticleOptics join(StarTable optics, StarTable data) throws InputFormatException {
        StarLabel px = pixelLabel(data);
        optics.requireColumns(StarLabel.OPTICS_GROUP, StarLabel.VOLTAGE, StarLabel.SPHERICAL_ABERRATION,
                StarLabel.AMPLITUDE_CONTRAST, px);
        data.requireColumns(StarLabel.OPTICS_GROUP);
        boolean named = optics.hasColumn(StarLabel.OPTICS_GROUP_NAME);
        boolean sized = optics.hasColumn(StarLabel.IMAGE_SIZE);
        List<OpticsGroup> groups = new ArrayList<>();
        Map<Integer, Integer> index = new HashMap<>();
        for (int r = 0; r < optics.rowCount(); r++) {
            int n = optics.getInt(r, StarLabel.OPTICS_GROUP);
            if (index.put(n, r) != null)
                throw new InputFormatException(optics.source(), optics.line(r), StarLabel.OPTICS_GROUP.label(),
                        "optics group " + n + " is defined twice in data_optics");
            groups.add(new OpticsGroup(n, named ? optics.getString(r, StarLabel.OPTICS_GROUP_NAME) : "opticsGroup" + n,
                    optics.getDouble(r, px), optics.getDouble(r, StarLabel.VOLTAGE),
                    optics.getDouble(r, StarLabel.SPHERICAL_ABERRATION), optics.getDouble(r, StarLabel.AMPLITUDE_CONTRAST),
                    sized ? optics.getInt(r, StarLabel.IMAGE_SIZE) : -1));
        }
        int[] of = new int[data.rowCount()];
        for (int r = 0; r < of.length; r++) {
            int n = data.getInt(r, StarLabel.OPTICS_GROUP);
            Integer g = index.get(n);
            if (g == null)
                throw new InputFormatException(data.source(), data.line(r), StarLabel.OPTICS_GROUP.label(),
                        "optics group " + n + " is not in data_optics (groups there: " + index.keySet() + ")");
            of[r] = g;
        }
        return new ParticleOptics(groups, of, false);
    }

    private record Key(double pixelSize, double voltage, double cs, double q0) {}

    private static ParticleOptics fromRows(StarTable data) throws InputFormatException {
        data.requireColumns(StarLabel.VOLTAGE, StarLabel.SPHERICAL_ABERRATION, StarLabel.AMPLITUDE_CONTRAST);
        boolean direct = data.hasColumn(StarLabel.IMAGE_PIXEL_SIZE);
        if (!direct) data.requireColumns(StarLabel.DETECTOR_PIXEL_SIZE, StarLabel.MAGNIFICATION);
        Map<Key, Integer> index = new LinkedHashMap<>();
        int[] of = new int[data.rowCount()];
        for (int r = 0; r < of.length; r++) {
            double px;
            if (direct) {
                px = data.getDouble(r, StarLabel.IMAGE_PIXEL_SIZE);
            } else {
                double mag = data.getDouble(r, StarLabel.MAGNIFICATION);
                if (!(mag > 0))
                    throw new InputFormatException(data.source(), data.line(r), StarLabel.MAGNIFICATION.label(),
                            "magnification " + mag + " must be positive to give a pixel size");
                px = data.getDouble(r, StarLabel.DETECTOR_PIXEL_SIZE) * 10000 / mag;
            }
            Key k = new Key(px, data.getDouble(r, StarLabel.VOLTAGE), data.getDouble(r, StarLabel.SPHERICAL_ABERRATION),
                    data.getDouble(r, StarLabel.AMPLITUDE_CONTRAST));
            Integer g = index.get(k);
            if (g == null) index.put(k, g = index.size());
            of[r] = g;
        }
        List<OpticsGroup> groups = new ArrayList<>();
        for (Key k : index.keySet()) {
            int n = groups.size() + 1;
            groups.add(new OpticsGroup(n, "opticsGroup" + n, k.pixelSize, k.voltage, k.cs, k.q0, -1));
        }
        return new ParticleOptics(groups, of, true);
    }
}
