package org.cryoj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoj.demo.DemoRunner;
import org.cryoj.demo.DemoSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./cryoj demo}: the tutorial's high-resolution refinement step on simulated D2 data. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a D2 data set from the pseudo-atomic test structure (signal to",
                "Nyquist; 2.655 A/px, box 64) and run the RELION tutorial's high-resolution",
                "refinement step on it: re-extract with re-centring (float16), rescale the",
                "earlier map, gold-standard 3D auto-refine; then report resolution and errors",
                "against the truth."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--o", defaultValue = "demo-out", description = "Project folder for all jobs (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--i", description = "True D2 map, taken as 64^3 at 2.655 A/px (default: the D2 pseudo-atomic structure, as cryoj pseudo_atomic --sym D2 --angpix 2.655 --box 64 makes it)")
    Path truth;

    @Option(names = "--nr_particles", defaultValue = "800", description = "Particles to simulate (default: ${DEFAULT-VALUE})")
    int particles;

    @Option(names = "--snr", defaultValue = "0.2", description = "Signal-to-noise ratio of the particles (default: ${DEFAULT-VALUE})")
    double snr;

    @Option(names = "--j", defaultValue = "2", description = "Threads per job (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--force", description = "Reuse a non-empty project folder")
    boolean force;

    @Override
    public Integer call() throws Exception {
        new DemoRunner(new DemoSettings(output, truth, particles, snr, threads, 4, force), System.out).run();
        return 0;
    }
}
