package org.cryoj.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cryoj.extract.Recentring.Position;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Vector3;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
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
    private final ParticleProcessor processor;

    public ParticleExtractor(Path projectDir, ExtractSettings settings, Rescaler rescaler) {
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processor = new ParticleProcessor(settings, rescaler);
    }

    /** What was written. */
    public record Result(int micrographs, int particles, List<Path> stacks, Path particlesStar) {}

    /** One micrograph's share of the work: its file, pixel size and particle rows (output order). */
    private record Job(int index, String micrographName, Path micrographFile, double angpix,
                       String stackName, int[] rows, Position[] positions) {}

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

        List<Job> jobs = plan(mics, micOptics, parts, partOptics, outPrefix);
        if (jobs.isEmpty())
            throw new InputFormatException(particlesStar, -1, MIC,
                    "no particle belongs to a micrograph of " + micrographsStar);
        Path partStarAbs = projectDir.resolve(partStar);
        AtomicOutput.checkWritable(partStarAbs, settings.overwrite());
        AtomicOutput.checkNotInput(partStarAbs, micrographsStar, particlesStar);
        for (Job j : jobs) AtomicOutput.checkWritable(projectDir.resolve(j.stackName()), settings.overwrite());

        List<Path> stacks = extractAll(jobs, listener);
        if (listener.isCancelled()) throw new CancellationException("extraction cancelled; no STAR file written");

        StarTable outParts = particleTable(jobs, parts, mics);
        StarTable outOptics = opticsTable(partOpticsTable, outParts, micStar);
        StarFile out = StarFile.of(StarBlock.loop("optics", outOptics), StarBlock.loop("particles", outParts));
        out.write(partStarAbs, settings.overwrite());
        return new Result(jobs.size(), outParts.rowCount(), stacks, partStarAbs);
    }

    /** Groups particles by micrograph (RELION: rlnMicrographName contains the name after the job folder). */
    private List<Job> plan(StarTable mics, ParticleOptics micOptics, StarTable parts, ParticleOptics partOptics,
                           String outPrefix) {
        List<Job> jobs = new ArrayList<>();
        for (int m = 0; m < mics.rowCount(); m++) {
            String micName = mics.getString(m, MIC);
            PipelineName pn = PipelineName.of(micName);
            double micAngpix = micOptics.pixelSize(m);
            List<Integer> rows = new ArrayList<>();
            for (int p = 0; p < parts.rowCount(); p++)
                if (parts.getString(p, MIC).contains(pn.rest())) rows.add(p);
            if (rows.isEmpty()) continue;
            int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
            Position[] pos = new Position[r.length];
            for (int i = 0; i < r.length; i++) pos[i] = newPosition(parts, r[i], partOptics.pixelSize(r[i]), micAngpix);
            jobs.add(new Job(jobs.size(), micName, projectDir.resolve(micName), micAngpix,
                    outPrefix + pn.restWithoutExtension() + ".mrcs", r, pos));
        }
        return jobs;
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

    private List<Path> extractAll(List<Job> jobs, ProgressListener listener) throws IOException {
        listener.started(jobs.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), jobs.size()));
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (Job j : jobs) futures.add(pool.submit(() -> {
                Path p = extractOne(j, listener);
                if (p != null) listener.micrographDone(j.index());
                return p;
            }));
            List<Path> out = new ArrayList<>();
            for (Future<Path> f : futures) {
                try {
                    Path p = f.get();
                    if (p != null) out.add(p);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) throw io;
                    if (c instanceof UncheckedIOException u) throw u.getCause();
                    if (c instanceof RuntimeException r) throw r;
                    throw new IOException(c);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("extraction interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Extracts one micrograph's particles into its stack; null when cancelled before writing. */
    private Path extractOne(Job j, ProgressListener listener) throws IOException {
        if (listener.isCancelled()) return null;
        FloatVolume mic = MrcFile.read(j.micrographFile());
        if (mic.nz() != 1)
            throw new InputFormatException(j.micrographFile(), -1, "nz",
                    "expected a single 2D micrograph, found " + mic.nz() + " sections");
        mic = mic.withPixelSize(j.angpix());
        int n = settings.outputSize();
        float[] stack = new float[Math.multiplyExact(n * n, j.rows().length)];
        Random random = new Random(j.index());   // dust noise, reproducible per micrograph
        for (int i = 0; i < j.rows().length; i++) {
            if (listener.isCancelled()) return null;
            Position p = j.positions()[i];
            FloatVolume img;
            try {
                img = processor.process(mic, p.coordX(), p.coordY(), random);
            } catch (IllegalArgumentException e) {
                throw new InputFormatException(j.micrographFile(), -1, "particle " + (i + 1), e.getMessage());
            }
            System.arraycopy(img.data(), 0, stack, i * n * n, n * n);
        }
        Path file = projectDir.resolve(j.stackName());
        MrcFile.writeStack(file, new FloatVolume(n, n, j.rows().length, stack, settings.outputPixelSize(j.angpix())),
                settings.float16() ? MrcMode.FLOAT16 : MrcMode.FLOAT32, settings.overwrite());
        return file;
    }

    /** The input particle rows in output order, with new coordinates, origins and image names. */
    private StarTable particleTable(List<Job> jobs, StarTable parts, StarTable mics) {
        int total = 0;
        for (Job j : jobs) total += j.rows().length;
        int[] order = new int[total];
        int k = 0;
        for (Job j : jobs) for (int r : j.rows()) order[k++] = r;
        StarTable t = parts.select(order);
        boolean writeOrigins = parts.hasColumn(OX) && parts.hasColumn(OY) || settings.recenter();
        if (writeOrigins) { addIfAbsent(t, OX); addIfAbsent(t, OY); }
        addIfAbsent(t, "rlnImageName");
        boolean ctfFromMics = !parts.hasColumn("rlnDefocusU") && mics.hasColumn("rlnDefocusU");
        if (ctfFromMics) for (String l : MIC_CTF.keySet()) addIfAbsent(t, l);
        Map<String, Integer> micRow = new HashMap<>();
        for (int m = 0; m < mics.rowCount(); m++) micRow.putIfAbsent(mics.getString(m, MIC), m);
        k = 0;
        for (Job j : jobs) {
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
