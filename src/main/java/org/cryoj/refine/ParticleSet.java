package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.mrc.MrcStackReader;
import org.cryoj.io.star.ParticleOptics;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/**
 * The particles of a refinement, read from a RELION 3.1 STAR file: images, CTFs, noise groups
 * (rlnGroupNumber, else rlnGroupName, else rlnMicrographName, else one group, as RELION 3.1; named
 * by rlnGroupName, else rlnMicrographName, else group_N in order of appearance) and
 * the two random halves (rlnRandomSubset when present, otherwise a balanced random split with
 * --random_seed). The input table is kept to write run_data.star with every input column.
 */
public final class ParticleSet {
    private final StarFile file;
    private final String block;
    private final List<RefineParticle> particles;
    private final List<String> groupNames;
    private final double pixelSize;
    private final int box;
    private final Path projectDir;

    private ParticleSet(StarFile file, String block, List<RefineParticle> particles, List<String> groupNames, double pixelSize, int box,
                        Path projectDir) {
        this.file = file;
        this.block = block;
        this.particles = List.copyOf(particles);
        this.groupNames = List.copyOf(groupNames);
        this.pixelSize = pixelSize;
        this.box = box;
        this.projectDir = projectDir;
    }

    /** Reads {@code star}; image names are relative to {@code projectDir}, as RELION's are to the project directory. */
    public static ParticleSet read(Path star, boolean ctf, long seed, Path projectDir) throws IOException {
        StarFile file = StarFile.read(star);
        if (!file.hasBlock("particles") || !file.hasBlock("optics"))
            throw new InputFormatException(star, -1, "data_optics", "auto-refine reads RELION 3.1 particle files (data_optics and data_particles blocks)");
        StarTable t = file.block("particles").table();
        t.requireColumns(StarLabel.IMAGE_NAME);
        if (ctf) t.requireColumns(StarLabel.DEFOCUS_U, StarLabel.DEFOCUS_V, StarLabel.DEFOCUS_ANGLE);
        ParticleOptics optics = ParticleOptics.of(file, "particles");
        if (t.rowCount() < 2) throw new InputFormatException(star, -1, "data_particles", "gold-standard refinement needs at least 2 particles");
        double px = optics.pixelSize(0);
        for (int r = 1; r < t.rowCount(); r++)
            if (Math.abs(optics.pixelSize(r) - px) > 1e-4 * px)
                throw new InputFormatException(star, t.line(r), "rlnImagePixelSize", "all optics groups must share one pixel size (" + px + " A)");
        String groupLabel = t.hasColumn(StarLabel.GROUP_NUMBER) ? StarLabel.GROUP_NUMBER.label()
                : t.hasColumn(StarLabel.GROUP_NAME) ? StarLabel.GROUP_NAME.label()
                : t.hasColumn(StarLabel.MICROGRAPH_NAME) ? StarLabel.MICROGRAPH_NAME.label() : null;
        // run_data.star carries rlnGroupNumber (as RELION's); a run continued from it keeps the names the groups had
        String nameLabel = t.hasColumn(StarLabel.GROUP_NAME) ? StarLabel.GROUP_NAME.label()
                : t.hasColumn(StarLabel.MICROGRAPH_NAME) ? StarLabel.MICROGRAPH_NAME.label() : null;
        Map<String, Integer> groups = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        int[] half = halves(t, star, seed);
        List<RefineParticle> out = new ArrayList<>(t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            ImageReference ref = ImageReference.parse(t.getString(r, StarLabel.IMAGE_NAME), star, t.line(r), "rlnImageName");
            String g = groupLabel == null ? "group_1" : t.getString(r, groupLabel);
            int gi = groups.computeIfAbsent(g, k -> groups.size());
            if (gi == names.size()) names.add(nameLabel != null ? t.getString(r, nameLabel) : "group_" + (gi + 1));
            CtfParameters c = null;
            if (ctf) {
                try {
                    c = new CtfParameters(t.getDouble(r, StarLabel.DEFOCUS_U), t.getDouble(r, StarLabel.DEFOCUS_V),
                            t.getDouble(r, StarLabel.DEFOCUS_ANGLE), optics.voltage(r), optics.sphericalAberration(r),
                            optics.amplitudeContrast(r), optional(t, r, StarLabel.CTF_BFACTOR, 0),
                            optional(t, r, StarLabel.CTF_SCALEFACTOR, 1), optional(t, r, StarLabel.PHASE_SHIFT, 0));
                } catch (IllegalArgumentException e) {
                    throw new InputFormatException(star, t.line(r), "CTF", e.getMessage());
                }
            }
            out.add(new RefineParticle(r, ref, c, gi, half[r]));
        }
        int box;
        try (MrcStackReader reader = MrcStackReader.open(out.get(0).image().resolve(projectDir))) {
            if (reader.header().nx() != reader.header().ny() || reader.header().nx() % 2 != 0)
                throw new InputFormatException(reader.file(), -1, "nx/ny", "particle images must be square with an even size, got "
                        + reader.header().nx() + "x" + reader.header().ny());
            box = reader.header().nx();
        }
        return new ParticleSet(file, "particles", out, names, px, box, projectDir);
    }

    private static int[] halves(StarTable t, Path star, long seed) throws InputFormatException {
        int n = t.rowCount();
        int[] half = new int[n];
        if (t.hasColumn(StarLabel.RANDOM_SUBSET)) {
            for (int r = 0; r < n; r++) {
                half[r] = t.getInt(r, StarLabel.RANDOM_SUBSET);
                if (half[r] != 1 && half[r] != 2)
                    throw new InputFormatException(star, t.line(r), "rlnRandomSubset", "must be 1 or 2, was " + half[r]);
            }
            return half;
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < n; r++) order.add(r);
        Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < n; i++) half[order.get(i)] = i < (n + 1) / 2 ? 1 : 2;
        return half;
    }

    private static double optional(StarTable t, int r, StarLabel label, double fallback) {
        return t.hasColumn(label) ? t.getDouble(r, label) : fallback;
    }

    public List<RefineParticle> particles() { return particles; }
    public int size() { return particles.size(); }
    public double pixelSize() { return pixelSize; }
    public int box() { return box; }
    public int groupCount() { return groupNames.size(); }
    public List<String> groupNames() { return groupNames; }
    public StarFile file() { return file; }
    /** The stack file holding a particle's image. */
    public Path imageFile(RefineParticle p) { return p.image().resolve(projectDir); }
    public StarTable table() throws InputFormatException { return file.block(block).table(); }

    /** Indices (into {@link #particles()}) of one half. */
    public int[] half(int which) {
        return java.util.stream.IntStream.range(0, particles.size()).filter(i -> particles.get(i).half() == which).toArray();
    }

    /** A STAR file with the optics block and this particles table, for run_data.star. */
    public StarFile withParticles(StarTable table) throws InputFormatException {
        return StarFile.of(file.block("optics"), StarBlock.loop("particles", table));
    }
}
