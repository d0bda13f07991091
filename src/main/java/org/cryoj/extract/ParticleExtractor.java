package org.cryoj.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import org.cryoj.extract.Recentring.Position;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Vector3;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.star.ParticleOptics;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/**
 * {@code relion_preprocess --extract --reextract_data_star}: re-extracts refined particles from
 * their micrographs, one .mrcs stack per micrograph (mirroring the micrograph's path under the
 * output folder) and one particles STAR file in RELION 3.1 form.
 *
 * <p>Relative names in the STAR files (micrographs, output folder) are taken relative to the
 * project folder, as RELION takes them relative to where it runs; rlnImageName is written with
 * the output folder exactly as given, so the STAR file reads from the project folder.
 */
public final class ParticleExtractor {
    private static final String MIC = "rlnMicrographName", X = "rlnCoordinateX", Y = "rlnCoordinateY",
            OX = "rlnOriginXAngst", OY = "rlnOriginYAngst", GROUP_NAME = "rlnOpticsGroupName";
    /** CTF columns RELION fills from the micrographs when the particles have none, with its defaults. */
    private static final Map<String, Double> MIC_CTF = new LinkedHashMap<>();
    static {
        MIC_CTF.put("rlnDefocusU", null); MIC_CTF.put("rlnDefocusV", null); MIC_CTF.put("rlnDefocusAngle", null);
        MIC_CTF.put("rlnCtfBfactor", 0.0); MIC_CTF.put("rlnCtfScalefactor", 1.0); MIC_CTF.put("rlnPhaseShift", 0.0);
    }

    private final Path projectDir;
    private final ExtractSettings settings;
    private final Rescaler rescaler;

    /** With RELION's Fourier rescaling. */
    public ParticleExtractor(Path projectDir, ExtractSettings settings) {
        this(projectDir, settings, Rescaler.FOURIER);
    }

    public ParticleExtractor(Path projectDir, ExtractSettings settings, Rescaler rescaler) {
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rescaler = Objects.requireNonNull(rescaler, "rescaler");
    }

    /** What was written. */
    public record Result(int micrographs, int particles, List<Path> stacks, Path particlesStar) {}

    /**
     * @param micrographsStar  --i
     * @param particlesStar    --reextract_data_star
     * @param outputDir        --o, e.g. "Extract/job018/"
     * @param partStar         --part_star
     */
    public Result run(Path micrographsStar, Path particlesStar, String outputDir, Path partStar,
                      ProgressListener listener) throws IOException {
        String outPrefix = outputDir.endsWith("/") ? outputDir : outputDir + "/";
        StarFile micStar = StarFile.read(micrographsStar);
        StarTable mics = micStar.block("micrographs").table();
        mics.requireColumns(MIC);
        ParticleOptics micOptics = ParticleOptics.of(micStar, "micrographs");

        StarFile partStarIn = StarFile.read(particlesStar);
        StarTable parts = partStarIn.block("particles").table();
        StarTable partOpticsTable = partStarIn.block("optics").table();
        ParticleOptics partOptics = ParticleOptics.of(partStarIn, "particles");
        parts.requireColumns(MIC, X, Y);
        if (settings.recenter() && !settings.resetOffsets()) parts.requireColumns(OX, OY);
        if (settings.hasRecentreVector() && !settings.resetOffsets())
            parts.requireColumns("rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi");

        List<MicrographJob> jobs = plan(mics, micOptics, parts, partOptics, outPrefix);
        if (jobs.isEmpty())
            throw new InputFormatException(particlesStar, -1, MIC,
                    "no particle belongs to a micrograph of " + micrographsStar);
        Path partStarAbs = projectDir.resolve(partStar);
        AtomicOutput.checkWritable(partStarAbs, settings.overwrite());
        AtomicOutput.checkNotInput(partStarAbs, micrographsStar, particlesStar);
        for (MicrographJob j : jobs) AtomicOutput.checkWritable(projectDir.resolve(j.stackName()), settings.overwrite());

        List<Path> stacks = new ExtractionPipeline(settings, projectDir, rescaler, jobs, listener).run();
        if (listener.isCancelled()) throw new CancellationException("extraction cancelled; no STAR file written");

        StarTable outParts = particleTable(jobs, parts, mics);
        StarTable outOptics = opticsTable(partOpticsTable, outParts, micStar);
        StarFile out = StarFile.of(StarBlock.loop("optics", outOptics), StarBlock.loop("particles", outParts));
        out.write(partStarAbs, settings.overwrite());
        return new Result(jobs.size(), outParts.rowCount(), stacks, partStarAbs);
    }

    /** Groups particles by micrograph (RELION: rlnMicrographName contains the name after the job folder). */
    private List<MicrographJob> plan(StarTable mics, ParticleOptics micOptics, StarTable parts, ParticleOptics partOptics,
                           String outPrefix) {
        // the particles' distinct micrograph names, each with its rows in file order: the names are
        // matched (substring test) once per name, not once per particle
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int p = 0; p < parts.rowCount(); p++)
            byName.computeIfAbsent(parts.getString(p, MIC), k -> new ArrayList<>()).add(p);
        List<MicrographJob> jobs = new ArrayList<>();
        // one call per micrograph, in plain loops: compiled as one loop with streams inlined, this
        // planning took the JIT 26 MB of memory at 16,000 particles, a quarter of the run's peak RSS
        for (int m = 0; m < mics.rowCount(); m++) {
            MicrographJob job = job(jobs.size(), mics.getString(m, MIC), micOptics.pixelSize(m), byName, parts, partOptics, outPrefix);
            if (job != null) jobs.add(job);
        }
        return jobs;
    }

    /** The job of one micrograph, or null when no particle is on it. */
    private MicrographJob job(int index, String micName, double micAngpix, Map<String, List<Integer>> byName,
                              StarTable parts, ParticleOptics partOptics, String outPrefix) {
        PipelineName pn = PipelineName.of(micName);
        int count = 0;
        List<List<Integer>> matching = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byName.entrySet())
            if (e.getKey().contains(pn.rest())) {
                matching.add(e.getValue());
                count += e.getValue().size();
            }
        if (count == 0) return null;
        int[] r = new int[count];
        int k = 0;
        for (List<Integer> rows : matching) for (int row : rows) r[k++] = row;
        Arrays.sort(r);   // rows in file order, as a scan of every particle would list them
        Position[] pos = new Position[r.length];
        for (int i = 0; i < r.length; i++) pos[i] = newPosition(parts, r[i], partOptics.pixelSize(r[i]), micAngpix);
        return new MicrographJob(index, micName, projectDir.resolve(micName), micAngpix,
                outPrefix + pn.restWithoutExtension() + ".mrcs", r, pos);
    }

    private Position newPosition(StarTable parts, int row, double particleAngpix, double micAngpix) {
        boolean hasOrigin = parts.hasColumn(OX) && parts.hasColumn(OY);
        Position in = new Position(parts.getDouble(row, X), parts.getDouble(row, Y),
                hasOrigin ? parts.getDouble(row, OX) : 0, hasOrigin ? parts.getDouble(row, OY) : 0);
        double[] projected = null;
        if (settings.hasRecentreVector()) {
            // the reference point, in particle pixels, rotated into this particle's image
            double toParticlePx = settings.refAngpix() > 0 ? settings.refAngpix() / particleAngpix : 1;
            Vector3 v = new EulerAngles(parts.getDouble(row, "rlnAngleRot"), parts.getDouble(row, "rlnAngleTilt"),
                    parts.getDouble(row, "rlnAnglePsi")).toMatrix().apply(new Vector3(
                    settings.recenterX() * toParticlePx, settings.recenterY() * toParticlePx, settings.recenterZ() * toParticlePx));
            projected = new double[] {v.x(), v.y()};
        }
        return Recentring.recentre(in, particleAngpix, micAngpix, projected, settings.recenter(), settings.resetOffsets());
    }

    /** The input particle rows in output order, with new coordinates, origins and image names. */
    private StarTable particleTable(List<MicrographJob> jobs, StarTable parts, StarTable mics) {
        int total = 0;
        for (MicrographJob j : jobs) total += j.rows().length;
        int[] order = new int[total];
        int k = 0;
        for (MicrographJob j : jobs) for (int r : j.rows()) order[k++] = r;
        StarTable t = parts.select(order);
        boolean writeOrigins = parts.hasColumn(OX) && parts.hasColumn(OY) || settings.recenter();
        if (writeOrigins) { addIfAbsent(t, OX); addIfAbsent(t, OY); }
        addIfAbsent(t, "rlnImageName");
        boolean ctfFromMics = !parts.hasColumn("rlnDefocusU") && mics.hasColumn("rlnDefocusU");
        if (ctfFromMics) for (String l : MIC_CTF.keySet()) addIfAbsent(t, l);
        Map<String, Integer> micRow = new HashMap<>();
        for (int m = 0; m < mics.rowCount(); m++) micRow.putIfAbsent(mics.getString(m, MIC), m);
        k = 0;
        for (MicrographJob j : jobs) {
            for (int i = 0; i < j.rows().length; i++, k++) {
                Position p = j.positions()[i];
                t.setDouble(k, X, p.coordX());
                t.setDouble(k, Y, p.coordY());
                if (writeOrigins) { t.setDouble(k, OX, p.originXAngst()); t.setDouble(k, OY, p.originYAngst()); }
                t.setString(k, "rlnImageName", String.format("%06d@%s", i + 1, j.stackName()));
                t.setString(k, MIC, j.micrographName());
                if (ctfFromMics) {
                    int m = micRow.get(j.micrographName());
                    for (Map.Entry<String, Double> e : MIC_CTF.entrySet())
                        t.setDouble(k, e.getKey(), mics.hasColumn(e.getKey()) ? mics.getDouble(m, e.getKey()) : e.getValue());
                }
            }
        }
        return t;
    }

    /**
     * The particles' optics groups with the new image pixel size (the micrograph pixel size of the
     * group of the same name, times extract_size/scale), size and dimensionality; groups no
     * extracted particle uses are dropped, as RELION drops them.
     */
    private StarTable opticsTable(StarTable partOptics, StarTable outParts, StarFile micStar) throws InputFormatException {
        StarTable micOpt = micStar.block("optics").table();
        micOpt.requireColumns(GROUP_NAME, "rlnMicrographPixelSize");
        partOptics.requireColumns(GROUP_NAME, "rlnOpticsGroup");
        Map<String, Double> micAngpix = new HashMap<>();
        for (int r = 0; r < micOpt.rowCount(); r++)
            micAngpix.put(micOpt.getString(r, GROUP_NAME), micOpt.getDouble(r, "rlnMicrographPixelSize"));
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int r = 0; r < outParts.rowCount(); r++) used.add(outParts.getInt(r, "rlnOpticsGroup"));
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < partOptics.rowCount(); r++) {
            if (!used.contains(partOptics.getInt(r, "rlnOpticsGroup"))) continue;
            String name = partOptics.getString(r, GROUP_NAME);
            if (!micAngpix.containsKey(name))
                throw new InputFormatException(micStar.source(), -1, GROUP_NAME,
                        "optics group \"" + name + "\" of the particles is not in the micrographs' data_optics");
            keep.add(r);
        }
        StarTable t = partOptics.select(keep.stream().mapToInt(Integer::intValue).toArray());
        for (String l : new String[] {"rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality"})
            addIfAbsent(t, l);
        for (int r = 0; r < t.rowCount(); r++) {
            t.setDouble(r, "rlnImagePixelSize", settings.outputPixelSize(micAngpix.get(t.getString(r, GROUP_NAME))));
            t.setInt(r, "rlnImageSize", settings.outputSize());
            t.setInt(r, "rlnImageDimensionality", 2);
        }
        return t;
    }

    private static void addIfAbsent(StarTable t, String label) {
        if (!t.hasColumn(label)) t.addColumn(label);
    }
}
