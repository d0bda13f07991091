package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoj.gpu.BackprojectionBackends;
import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.BackprojectionBackend;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reconstruct a map from particles with known angles and origins, as relion_reconstruct does. Options keep RELION's names.")
public final class ReconstructCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--i", required = true, paramLabel = "STAR", description = "Input STAR file with the projection images and their orientations")
    Path input;

    @Option(names = "--o", paramLabel = "MRC", defaultValue = "relion.mrc", description = "Name for output reconstruction (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--sym", paramLabel = "GROUP", defaultValue = "c1", description = "Symmetry group (default: ${DEFAULT-VALUE})")
    String sym;

    @Option(names = "--ctf", description = "Apply CTF correction")
    boolean ctf;

    @Option(names = "--pad", paramLabel = "N", defaultValue = "2", description = "Padding factor (default: ${DEFAULT-VALUE})")
    int pad;

    @Option(names = "--angpix", paramLabel = "A", defaultValue = "-1",
            description = "Pixel size in the reconstruction (take from first optics group by default)")
    double angpix;

    @Option(names = "--maxres", paramLabel = "A", defaultValue = "-1",
            description = "Maximum resolution (in Angstrom) to consider in Fourier space (default Nyquist)")
    double maxres;

    @Option(names = "--iter", paramLabel = "N", defaultValue = "10", description = "Number of gridding-correction iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--skip_gridding", description = "Skip gridding part of the reconstruction (divide by the weights, floored at 1/1000 of their shell average)")
    boolean skipGridding;

    @Option(names = "--j", paramLabel = "N", defaultValue = "1", description = "Number of threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--gpu", arity = "0..1", fallbackValue = "", paramLabel = "IDS",
            description = "Backproject on a device: RELION's syntax over GPUs (\"\" = all, \"0:1\"), or \"opencl:N\" / \"cuda:N\"; runs on the first device chosen (CUDA or OpenCL), else the CPU, and says which and why")
    String gpu;

    @Option(names = "--force", description = "Overwrite an existing output file (never the input)")
    boolean force;

    @Mixin
    SparkOptions spark = new SparkOptions();

    @Override
    public Integer call() throws IOException {
        if (!skipGridding && iterations < 1) throw new IllegalArgumentException("--iter must be at least 1, was " + iterations);
        // relion_reconstruct reads its number options into floats (sscanf %f): --maxres 16.8 at 3 A and box
        // 28 gives ceil(84 / 16.8f) = 6 Fourier pixels, not ceil(84 / 16.8) = 5
        ReconstructSettings s = new ReconstructSettings(input, output, sym, ctf, pad, asFloat(unset(angpix)),
                asFloat(unset(maxres)), threads, force, skipGridding ? 0 : iterations);
        long t0 = System.nanoTime();
        FloatVolume map;
        if (spark.enabled()) {
            if (gpu != null) throw new IllegalArgumentException("--gpu with --spark: the executors backproject on their CPUs; give one of the two");
            spark.requireSpark();
            map = org.cryoj.spark.SparkRuns.reconstruct(s, spark.master, spark.partitions, spark.conf, spec.commandLine().getOut());
        } else {
            BackprojectionBackends.Chosen compute = BackprojectionBackends.choose(gpu);
            if (gpu != null) spec.commandLine().getOut().println(compute.logLine());
            try (BackprojectionBackend backend = compute.backend()) {
                map = Reconstructor.run(s, backend);
            }
        }
        spec.commandLine().getOut().printf("reconstruct: %s -> %s (%d^3, %.4f A/px, %s) in %.2f s%n", input, output,
                map.nx(), map.pixelSize(), sym, (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static double asFloat(double v) {
        return Double.isNaN(v) ? v : (float) v;
    }

    /** RELION's "-1 = not given" becomes NaN. */
    private static double unset(double v) {
        return v == -1 ? Double.NaN : v;
    }
}
