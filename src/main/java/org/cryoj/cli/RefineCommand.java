package org.cryoj.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cryoj.gpu.ExpectationBackends;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.Refiner;
import org.cryoj.refine.SavedOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "refine", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Gold-standard 3D auto-refine, as relion_refine --auto_refine --split_random_halves. Options keep RELION's names.")
public final class RefineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--i", paramLabel = "STAR", description = "Input particles STAR file (RELION 3.1)") Path input;
    @Option(names = "--o", paramLabel = "ROOT", description = "Output rootname, e.g. Refine3D/job019/run") Path output;
    @Option(names = "--ref", paramLabel = "MRC", description = "Initial reference map") Path reference;
    @Option(names = "--continue", paramLabel = "STAR", description = "Continue after the iteration of this run_itNNN_optimiser.star; options not given are that run's (--o: rootname_ctNNN)") Path continueFrom;
    @Option(names = "--auto_refine", description = "Accepted for RELION compatibility (always on)") boolean autoRefine;
    @Option(names = "--split_random_halves", description = "Accepted for RELION compatibility (always on)") boolean splitHalves;
    @Option(names = "--firstiter_cc", description = "Cross-correlation in the first iteration (reference not on the data's grey scale)") boolean firstIterCc;
    @Option(names = "--ini_high", paramLabel = "A", required = false, defaultValue = "-1", description = "Low-pass the reference to this resolution (A)") double iniHigh;
    @Option(names = "--sym", paramLabel = "GROUP", defaultValue = "C1", description = "Symmetry group (default: ${DEFAULT-VALUE})") String sym;
    @Option(names = "--particle_diameter", paramLabel = "A", defaultValue = "-1", description = "Diameter of the particle mask (A)") double diameter;
    @Option(names = "--ctf", description = "Perform CTF correction") boolean ctf;
    @Option(names = "--flatten_solvent", description = "Mask the references every iteration") boolean flatten;
    @Option(names = "--zero_mask", description = "Zeros (not noise) outside the particle mask in the images") boolean zeroMask;
    @Option(names = "--solvent_mask", paramLabel = "MRC", description = "Mask for the references instead of the sphere") Path solventMask;
    @Option(names = "--oversampling", paramLabel = "N", defaultValue = "1", description = "Adaptive oversampling order (0 or 1; default: ${DEFAULT-VALUE})") int oversampling;
    @Option(names = "--healpix_order", paramLabel = "N", defaultValue = "2", description = "Initial HEALPix order (default: ${DEFAULT-VALUE})") int healpix;
    @Option(names = "--auto_local_healpix_order", paramLabel = "N", defaultValue = "4", description = "Order from which searches are local (default: ${DEFAULT-VALUE})") int localOrder;
    @Option(names = "--offset_range", paramLabel = "PX", defaultValue = "6", description = "Offset search range in pixels (default: ${DEFAULT-VALUE})") double offsetRange;
    @Option(names = "--offset_step", paramLabel = "PX", defaultValue = "2", description = "Offset step in pixels (default: ${DEFAULT-VALUE})") double offsetStep;
    @Option(names = "--auto_ignore_angles", description = "Update the sampling regardless of changes in orientations") boolean ignoreAngles;
    @Option(names = "--auto_resol_angles", description = "Update the sampling from the resolution's required step") boolean resolAngles;
    @Option(names = "--pad", paramLabel = "N", defaultValue = "2", description = "Padding factor, 1 or 2 (default: ${DEFAULT-VALUE})") int pad;
    @Option(names = "--pool", paramLabel = "N", defaultValue = "1", description = "Particles per thread task (default: ${DEFAULT-VALUE})") int pool;
    @Option(names = "--preread_images", description = "Read all particles into memory first") boolean preread;
    @Option(names = "--j", paramLabel = "N", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE})") int threads;
    @Option(names = "--tau2_fudge", paramLabel = "F", defaultValue = "1", description = "Regularisation parameter (default: ${DEFAULT-VALUE})") double tau2Fudge;
    @Option(names = "--low_resol_join_halves", paramLabel = "A", defaultValue = "40", description = "Join the halves below this resolution, -1 = never (default: ${DEFAULT-VALUE})") double joinHalves;
    @Option(names = "--max_iter", paramLabel = "N", defaultValue = "100", description = "Stop after this iteration without the final one (safety cap; continue with --continue)") int maxIter;
    @Option(names = "--auto_iter_max", paramLabel = "N", defaultValue = "999", description = "Converge (final iteration) after this iteration (default: ${DEFAULT-VALUE})") int autoIterMax;
    @Option(names = "--random_seed", paramLabel = "N", defaultValue = "0", description = "Seed for the half-set split and noise (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--exhaustive_search", description = "RELION's search and sampling rules: score every orientation of global searches at HEALPix order 3 and up and the oversampled children of flat posteriors, and note a fine-enough step at a sampling update only, as RELION does (default: a grid one order coarser is scored first and only the orientations under its likely cells are scored; a posterior with no sample above 15%% on the current-size window is spread evenly over its children; convergence counts a step below 75%% of the latest accuracy fine enough)") boolean exhaustiveSearch;
    @Option(names = "--perturb", paramLabel = "F", defaultValue = "0", description = "Random perturbation of the sampling grid each iteration, as a fraction of a step (default: ${DEFAULT-VALUE}, a fixed grid; RELION's default is 0.5)") double perturb;
    @Option(names = "--adaptive_fraction", paramLabel = "F", defaultValue = "0.999", description = "Posterior fraction kept for the fine pass (default: ${DEFAULT-VALUE})") double fraction;
    @Option(names = "--gpu", arity = "0..1", paramLabel = "IDS", description = "Devices for the E-step: RELION's syntax over GPUs (\"\" = all, \"0:1\" ...), or \"opencl:N\" / \"cuda:N\" for a device of one API (opencl:N may be a CPU device); runs on the CUDA and OpenCL devices chosen, else the CPU, and the log says which, why, and how the kernels were built") String gpu;
    @Option(names = "--dont_combine_weights_via_disc", description = "Accepted for RELION compatibility (no effect)") boolean combineViaDisc;
    @Option(names = "--norm", description = "Per-particle normalisation-error correction (rlnNormCorrection)") boolean norm;
    @Option(names = "--scale", description = "Per-group intensity-scale correction (rlnGroupScaleCorrection)") boolean scale;
    @Option(names = "--force", description = "Overwrite the outputs of an earlier run with the same rootname") boolean force;
    @Mixin SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (continueFrom != null) takeSavedOptions();
        if (input == null) throw new IllegalArgumentException("--i (input particles STAR file) is required");
        if (output == null) throw new IllegalArgumentException("--o (output rootname) is required");
        if (reference == null) throw new IllegalArgumentException("--ref (initial reference map) is required");
        if (spark.enabled()) {
            if (gpu != null) throw new IllegalArgumentException("--gpu with --spark: the executors score on their CPUs; give one of the two");
            spark.requireSpark();
        }
        RefineSettings s = RefineSettings.builder(input, output, reference).firstIterationCc(firstIterCc).iniHigh(iniHigh)
                .symmetry(sym).particleDiameter(diameter).ctf(ctf).flattenSolvent(flatten).zeroMask(zeroMask).solventMask(solventMask)
                .oversampling(oversampling).healpixOrder(healpix).autoLocalHealpixOrder(localOrder).offsetRange(offsetRange)
                .offsetStep(offsetStep).autoIgnoreAngles(ignoreAngles).autoResolAngles(resolAngles).padding(pad).pool(pool)
                .prereadImages(preread).threads(threads).tau2Fudge(tau2Fudge).lowResolJoinHalves(joinHalves == -1 ? Double.NaN : joinHalves)
                .maxIterations(maxIter).autoIterMax(autoIterMax).randomSeed(seed).adaptiveFraction(fraction).perturb(perturb).exhaustiveSearch(exhaustiveSearch)
                .normCorrection(norm).scaleCorrection(scale).overwrite(force || continueFrom != null).build();
        Refiner.Outcome o;
        if (spark.enabled()) {
            o = org.cryoj.spark.SparkRuns.refine(s, new ProgressBar(out), continueFrom, spark.master, spark.partitions, spark.conf);
        } else {
            ExpectationBackends.Chosen compute = ExpectationBackends.choose(gpu);
            out.println(compute.logLine());
            try (ExpectationBackend backend = compute.backend()) {
                o = new Refiner(s, new ProgressBar(out), backend).run(continueFrom);
            }
        }
        out.printf(" %s after %d iterations%s%n", o.converged() ? "Converged" : "Stopped", o.iterations(),
                o.finalMap() != null ? "; final map " + o.finalMap() : "");
        out.flush();
        return 0;
    }

    /** relion_refine --continue: options not given on the command line are those the optimiser file's run used. */
    private void takeSavedOptions() throws IOException {
        ParseResult given = spec.commandLine().getParseResult();
        for (Map.Entry<String, String> e : SavedOptions.read(continueFrom).entrySet()) {
            if (given.hasMatchedOption(e.getKey())) continue;
            OptionSpec o = spec.findOption(e.getKey());
            Class<?> type = o.type();
            String v = e.getValue();
            Object value = type == boolean.class ? Boolean.valueOf(v) : type == int.class ? Integer.valueOf(v)
                    : type == long.class ? Long.valueOf(v) : type == double.class ? Double.valueOf(v) : type == Path.class ? Path.of(v) : v;
            o.setValue(value);
        }
    }

    /** The Auto-refine lines and a text progress bar (particles done / total, ETA) per iteration. */
    static final class ProgressBar implements RefineListener {
        private final PrintWriter out;
        private long start;
        private int lastPercent = -1;

        ProgressBar(PrintWriter out) { this.out = out; }

        @Override public synchronized void iterationStarted(int iteration, int total) {
            start = System.nanoTime();
            lastPercent = -1;
            out.printf(" Expectation iteration %d of %d particles%n", iteration, total);
            out.flush();
        }

        @Override public synchronized void particlesDone(int iteration, int done, int total) {
            int percent = (int) (100L * done / total);
            if (percent / 5 == lastPercent / 5 && done < total) return;
            lastPercent = percent;
            double elapsed = (System.nanoTime() - start) / 1e9, eta = done > 0 ? elapsed * (total - done) / done : 0;
            String bar = "#".repeat(percent / 5) + ".".repeat(20 - percent / 5);
            out.printf("  [%s] %d/%d particles, %.0f s elapsed, ETA %.0f s%n", bar, done, total, elapsed, eta);
            out.flush();
        }

        @Override public synchronized void message(String line) {
            out.println(line);
            out.flush();
        }
    }
}
