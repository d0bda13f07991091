package org.cryoj.demo;

import java.nio.file.Path;

/**
 * @param output    project folder the jobs run in
 * @param truthMap  the D2 map the data are simulated from; null = the D2 pseudo-atomic structure
 * @param particles number of simulated particles
 * @param snr       signal-to-noise ratio of the particle images
 * @param threads   --j for every job
 * @param heapGb    heap of each job's JVM
 * @param force     reuse a non-empty output folder
 */
public record DemoSettings(Path output, Path truthMap, int particles, double snr, int threads, int heapGb, boolean force) {
    public DemoSettings {
        if (particles < 100) throw new IllegalArgumentException("--nr_particles must be at least 100, was " + particles);
        if (!(snr > 0)) throw new IllegalArgumentException("--snr must be positive, was " + snr);
        if (threads < 1) throw new IllegalArgumentException("--j must be at least 1, was " + threads);
        if (heapGb < 1) throw new IllegalArgumentException("heap must be at least 1 GB, was " + heapGb);
    }
}
