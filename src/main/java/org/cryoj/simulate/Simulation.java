package org.cryoj.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.cryoj.ctf.Ctf;
import org.cryoj.ctf.CtfParameters;
import org.cryoj.extract.BackgroundNormaliser;
import org.cryoj.fourier.FourierFilters;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.mrc.MrcStackWriter;
import org.cryoj.io.star.StarFile;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.map.CentredWindow;
import org.cryoj.map.atomic.AtomicMapRenderer;
import org.cryoj.map.atomic.PseudoAtomicModel;

/**
 * Makes a data set with known answers from a map: the project's test-data source.
 *
 * <p>Micrograph mode writes, under the output folder (the project folder of the data set),
 * {@code Micrographs/mic_NNN.mrc} (float32, protein dark as from a microscope: the signal is
 * -(CTF * projection), so extraction with --invert_contrast brings it back positive),
 * {@code micrographs_ctf.star}, {@code particles_picked_refined.star} (an earlier job at
 * --earlier_angpix: whole-pixel picks off by --pick_error, offsets in Å that point back to the
 * true centre, angles off by --angle_noise; its rlnImageName names stacks under
 * {@code Extract/job005/} that are not written), {@code truth.star} and {@code reference_lp.mrc}.
 *
 * <p>Particle mode writes {@code Particles/particles.mrcs} (CTF * projection + noise, background
 * normalised to mean 0 and stddev 1 outside 0.375 box as relion_preprocess --norm does; noise-free
 * stacks are left unnormalised), {@code particles.star} (true offsets; true angles, or the earlier
 * job's with --start_angles noisy), {@code truth.star} and {@code reference_lp.mrc}: the map
 * low-passed to --ref_lowpass and multiplied by a random factor (recorded in truth.star), not on
 * absolute greyscale, like the tutorial's initial model, for --firstiter_cc.
 *
 * <p>Poses are uniform over SO(3). The noise is white and Gaussian with variance = (mean signal
 * variance in the particle box over 200 random particles) / --snr.
 *
 * <p>Without --i the truth is the standard pseudo-atomic structure of --sym
 * ({@link PseudoAtomicModel#standard}: for D2 4 x 2,931 atoms, 122 Å across, B = 25 Å², signal to
 * Nyquist), rendered at --angpix (required) and --box ({@link AtomicMapRenderer}) and written as
 * {@code truth_map.mrc} beside the data, like every output atomically and only over an existing
 * file with --force.
 *
 * <p>Demo recipe (what {@code cryoj demo} runs: a tutorial-like D2 set that refines well past 10 Å
 * within a few minutes on two cores): simulate at 2.655 Å, box 64 (170 Å; Nyquist 5.3 Å), so
 * refinement works on 64-pixel images; the earlier job ran binned by two (5.31 Å, box 32):
 * <pre>
 * cryoj simulate --o Demo --sym D2 --angpix 2.655 --mode micrographs \
 *     --nr_particles 800 --box 64 --mic_size 1024 --snr 0.2 --defocus_min 1.0 --defocus_max 2.5 \
 *     --pick_error 2 --earlier_angpix 5.31 --earlier_box 32 --angle_noise 5 --ref_lowpass 40 --seed 1 --j 2
 * </pre>
 * then, inside {@code Demo/} (names in the STAR files are relative to it), re-extract with
 * {@code cryoj extract --i micrographs_ctf.star --reextract_data_star particles_picked_refined.star
 * --recenter --extract_size 64 --norm --bg_radius 24 --invert_contrast --o Extract/job018/} and
 * refine against {@code reference_lp.mrc} with --sym D2 --firstiter_cc --particle_diameter 150;
 * compare the result with {@code truth_map.mrc}. Box 64 keeps each E-step small (box 128 costs
 * about eight times more per orientation) while Nyquist, 5.3 Å, leaves room for a map well past
 * 10 Å; D2 gives four asymmetric views per particle. With --i MAP the same recipe works on any
 * cubic map (e.g. test-images/phantom_d2_box64_3.54A.mrc, which has no signal past ~18 Å).
 */
public final class Simulation {
    /** Particles the noise level is estimated from. */
    static final int NOISE_PILOT = 200;
    /** The true map written beside a data set simulated without --i. */
    public static final String TRUTH_MAP = "truth_map.mrc";

    /** What was made. */
    public record Result(List<SimulatedParticle> particles, List<Path> files, double noiseStddev, double referenceScale) {}

    private final SimulationSettings s;
    private final FloatVolume map;
    private final double angpix;
    private final int box;
    private final ParticleRenderer renderer;
    private final List<Path> written = new ArrayList<>();

    private Simulation(SimulationSettings s, FloatVolume map) {
        this.s = s;
        this.angpix = map.pixelSize();
        this.box = map.nx();
        this.map = map;
        this.renderer = new ParticleRenderer(map);
    }

    public static Result run(SimulationSettings s) throws IOException {
        if (s.pseudoAtomic()) {
            // the truth is rendered here and written beside the data: check that it may be before the minutes of work
            AtomicOutput.checkWritable(s.outputDir().resolve(TRUTH_MAP), s.overwrite());
            PseudoAtomicModel model = PseudoAtomicModel.standard(SymmetryGroup.parse(s.symmetry()));
            int box = s.box() == 0 ? model.fittingBox(s.angpix()) : s.box();
            if (box * s.angpix() < 2 * model.radius())
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--box %d at %.3f Å/px (%.1f Å) is smaller than the %s pseudo-atomic structure (%.1f Å across); --box %d would hold it",
                        box, s.angpix(), box * s.angpix(), s.symmetry(), 2 * model.radius(), model.fittingBox(s.angpix())));
            return new Simulation(s, AtomicMapRenderer.render(model, box, s.angpix(), s.threads())).run();
        }
        FloatVolume in = MrcFile.read(s.map());
        if (!in.isCube())
            throw new InputFormatException(s.map(), -1, "dimensions", "the map must be cubic, was " + in.nx() + " x " + in.ny() + " x " + in.nz());
        double angpix = Double.isNaN(s.angpix()) ? in.pixelSize() : s.angpix();
        if (!(angpix > 0)) throw new InputFormatException(s.map(), -1, "pixel size", "no pixel size in the header: give --angpix");
        FloatVolume map = CentredWindow.window(in.withPixelSize(angpix), s.box() == 0 ? in.nx() : s.box());
        return new Simulation(s, map).run();
    }

    /** Box of the pseudo-atomic data set made without --i and --box: 1.25 x the diameter of the symmetry's structure. */
    public static int pseudoAtomicBox(String symmetry, double angpix) {
        return PseudoAtomicModel.standard(SymmetryGroup.parse(symmetry)).fittingBox(angpix);
    }

    private Result run() throws IOException {
        Path out = s.outputDir();
        AtomicOutput.checkNotInput(out.resolve("reference_lp.mrc"), s.map());
        Random rnd = new Random(s.seed());
        ParticlePlanner planner = new ParticlePlanner(s, angpix, box, rnd);
        double sigma;
        List<SimulatedParticle> ps;
        if (s.mode() == SimulationSettings.Mode.MICROGRAPHS) {
            List<CtfParameters> ctfs = planner.micrographCtfs();
            ps = planner.onMicrographs(ctfs);
            SimulationStars stars = new SimulationStars(s, angpix, box);
            List<Path> outputs = new ArrayList<>();
            for (int m = 1; m <= ctfs.size(); m++) outputs.add(out.resolve(SimulationStars.micrographName(m)));
            outputs.addAll(List.of(out.resolve("micrographs_ctf.star"), out.resolve("particles_picked_refined.star")));
            checkWritable(outputs);
            writeTruthMap();
            sigma = noiseStddev(planner, 2 * box);
            try {
                writeMicrographs(planner, ctfs, ps, sigma);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            write(stars.micrographs(ctfs), out.resolve("micrographs_ctf.star"));
            write(stars.earlierParticles(ps), out.resolve("particles_picked_refined.star"));
        } else {
            ps = planner.stacked();
            checkWritable(List.of(out.resolve(SimulationStars.STACK), out.resolve("particles.star")));
            writeTruthMap();
            sigma = noiseStddev(planner, box);
            writeStack(planner, ps, sigma);
            write(new SimulationStars(s, angpix, box).stackedParticles(ps), out.resolve("particles.star"));
        }
        double scale = Math.exp(Math.log(0.25) + Math.log(16) * rnd.nextDouble());   // 0.25 to 4, log-uniform
        writeReference(scale);
        write(new SimulationStars(s, angpix, box).truth(ps, sigma, scale), out.resolve("truth.star"));
        return new Result(ps, List.copyOf(written), sigma, scale);
    }

    private void checkWritable(List<Path> outputs) throws IOException {
        List<Path> all = new ArrayList<>(outputs);
        if (s.pseudoAtomic()) all.add(s.outputDir().resolve(TRUTH_MAP));
        all.add(s.outputDir().resolve("truth.star"));
        all.add(s.outputDir().resolve("reference_lp.mrc"));
        for (Path p : all) AtomicOutput.checkWritable(p, s.overwrite());
    }

    /** The rendered pseudo-atomic structure, when it is the truth (no --i). */
    private void writeTruthMap() throws IOException {
        if (!s.pseudoAtomic()) return;
        Path f = s.outputDir().resolve(TRUTH_MAP);
        MrcFile.write(f, map, MrcMode.FLOAT32, s.overwrite());
        written.add(f);
    }

    /** sqrt(mean signal variance in the central box / SNR) over random particles of the same kind. */
    double noiseStddev(ParticlePlanner kind, int n) {
        if (s.noiseFree()) return 0;
        Random pilotRnd = new Random(s.seed() ^ 0x9E3779B97F4A7C15L);
        ParticlePlanner pilot = new ParticlePlanner(s, angpix, box, pilotRnd);
        double sum = 0;
        for (int i = 0; i < NOISE_PILOT; i++) {
            float[] ctf = new Ctf(pilot.withEnvelope(pilot.randomCtf())).halfComplexImage(n, n, angpix);
            float[] img = renderer.render(RandomRotations.uniform(pilotRnd), 0, 0, ctf, n);
            sum += centralVariance(img, n, box);
        }
        return Math.sqrt(sum / NOISE_PILOT / s.snr());
    }

    /** Variance of the central box x box pixels of an n x n image. */
    static double centralVariance(float[] img, int n, int box) {
        int o = n / 2 - box / 2;
        double sum = 0, sum2 = 0;
        for (int y = o; y < o + box; y++)
            for (int x = o; x < o + box; x++) { double v = img[x + n * y]; sum += v; sum2 += v * v; }
        double count = (double) box * box, mean = sum / count;
        return sum2 / count - mean * mean;
    }

    private void writeStack(ParticlePlanner planner, List<SimulatedParticle> ps, double sigma) throws IOException {
        int bg = (int) (0.375 * box), chunk = 256;
        Path stack = s.outputDir().resolve(SimulationStars.STACK);
        try (MrcStackWriter w = MrcStackWriter.create(stack, box, box, angpix, MrcMode.FLOAT32, s.overwrite())) {
            for (int from = 0; from < ps.size(); from += chunk) {
                int start = from, end = Math.min(ps.size(), from + chunk);
                float[][] images = new float[end - start][];
                parallel(end - start, k -> {
                    int i = start + k;
                    SimulatedParticle p = ps.get(i);
                    float[] ctf = new Ctf(planner.withEnvelope(p.ctf())).halfComplexImage(box, box, angpix);
                    // the particle sits at box/2 - origin / angpix
                    float[] img = renderer.render(p.pose().toMatrix(), -p.originXAngst() / angpix, -p.originYAngst() / angpix, ctf, box);
                    if (sigma > 0) {
                        addNoise(img, sigma, noiseRandom(i));
                        BackgroundNormaliser.normalise(img, box, bg, true, -1, -1, null);
                    }
                    images[k] = img;
                });
                for (float[] img : images) w.append(img);
            }
            w.commit();
        }
        written.add(stack);
    }

    private void writeMicrographs(ParticlePlanner planner, List<CtfParameters> ctfs, List<SimulatedParticle> ps, double sigma) {
        int m = s.micrographSize(), n = 2 * box;   // the CTF spreads each particle beyond its box
        int[] first = new int[ctfs.size() + 1];
        for (SimulatedParticle p : ps) first[p.micrograph()]++;
        for (int k = 1; k <= ctfs.size(); k++) first[k] += first[k - 1];
        parallel(ctfs.size(), mi -> {
            float[] mic = new float[m * m];
            float[] ctf = new Ctf(planner.withEnvelope(ctfs.get(mi))).halfComplexImage(n, n, angpix);
            for (int i = first[mi]; i < first[mi + 1]; i++) {
                SimulatedParticle p = ps.get(i);
                int ix = (int) Math.floor(p.centreX()), iy = (int) Math.floor(p.centreY());
                float[] img = renderer.render(p.pose().toMatrix(), p.centreX() - ix, p.centreY() - iy, ctf, n);
                for (int y = 0; y < n; y++) {
                    int my = iy - n / 2 + y;
                    if (my < 0 || my >= m) continue;
                    for (int x = 0; x < n; x++) {
                        int mx = ix - n / 2 + x;
                        if (mx >= 0 && mx < m) mic[mx + m * my] -= img[x + n * y];   // protein dark, as recorded
                    }
                }
            }
            if (sigma > 0) addNoise(mic, sigma, noiseRandom(-1 - mi));
            Path f = s.outputDir().resolve(SimulationStars.micrographName(mi + 1));
            try {
                MrcFile.writeImage(f, new FloatVolume(m, m, 1, mic, angpix), MrcMode.FLOAT32, s.overwrite());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (int k = 1; k <= ctfs.size(); k++) written.add(s.outputDir().resolve(SimulationStars.micrographName(k)));
    }

    private void writeReference(double scale) throws IOException {
        FloatVolume lp = FourierFilters.lowPass(map, s.referenceLowpass(), angpix, FourierFilters.DEFAULT_EDGE_WIDTH);
        float[] d = lp.data();
        for (int i = 0; i < d.length; i++) d[i] *= (float) scale;
        Path f = s.outputDir().resolve("reference_lp.mrc");
        MrcFile.write(f, lp, MrcMode.FLOAT32, s.overwrite());
        written.add(f);
    }

    private void write(StarFile star, Path f) throws IOException {
        star.write(f, s.overwrite());
        written.add(f);
    }

    /** Noise of image i (or micrograph -1 - m) from its own stream: the same for any --j. */
    private SplittableRandom noiseRandom(long i) {
        return new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL);
    }

    private static void addNoise(float[] img, double sigma, SplittableRandom r) {
        for (int k = 0; k < img.length; k++) img[k] += (float) (sigma * r.nextGaussian());
    }

    @FunctionalInterface
    private interface IndexTask { void run(int i); }

    /** Runs tasks 0..n-1 on --j threads. */
    private void parallel(int n, IndexTask task) {
        ForkJoinPool pool = new ForkJoinPool(s.threads());
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(task::run)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
