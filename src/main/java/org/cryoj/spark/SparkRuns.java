package org.cryoj.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.Refiner;

/** The command line's way in (refine and reconstruct with --spark): one application per run, stopped at its end. */
public final class SparkRuns {
    private SparkRuns() {}

    /** Spark's tree aggregation depth (its default). */
    static final int DEPTH = 2;

    /** relion_refine on {@code master}'s executors (the E-step) and here (the rest). */
    public static Refiner.Outcome refine(RefineSettings s, RefineListener listener, Path continueFrom, String master, int partitions,
                                         Map<String, String> conf) throws IOException {
        try (SparkCluster cluster = SparkCluster.connect(master, "CryoJ refine " + s.outputRoot(), conf);
             SparkExpectation runner = new SparkExpectation(cluster, partitions, DEPTH)) {
            return new Refiner(s, listener, runner).run(continueFrom);
        }
    }

    /** relion_reconstruct with the backprojection on {@code master}'s executors. */
    public static FloatVolume reconstruct(ReconstructSettings s, String master, int partitions, Map<String, String> conf, PrintWriter out)
            throws IOException {
        try (SparkCluster cluster = SparkCluster.connect(master, "CryoJ reconstruct " + s.output(), conf)) {
            SparkReconstruction runner = new SparkReconstruction(cluster, partitions, DEPTH);
            out.println("Backprojection: " + runner.name());
            FloatVolume map = Reconstructor.run(s, runner);
            out.println(runner.lastLine());
            return map;
        }
    }
}
