package org.cryoj.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cryoj.simulate.Simulation;

/**
 * The RELION tutorial's high-resolution refinement step on a simulated D2 data set, one real
 * {@code cryoj} command per job, each run in the project folder as a user would type it (STAR
 * files name their images relative to the project, as in RELION): simulate, re-extract with
 * re-centring (float16), rescale the earlier map, auto-refine, then compare with the truth.
 * The truth is the D2 pseudo-atomic structure ({@link org.cryoj.map.atomic.PseudoAtomicModel}),
 * which has signal to Nyquist, unless --i names another map.
 */
public final class DemoRunner {
    /**
     * Pixel size of the simulated micrographs and of the refinement (Nyquist 5.31 Å; box 64 is
     * 170 Å, room for the 122 Å D2 pseudo-atomic structure); the earlier job's is twice it.
     */
    static final double ANGPIX = 2.655, EARLIER_ANGPIX = 5.31;
    static final int BOX = 64, EARLIER_BOX = 32;
    /** Mask diameter of the refinement, Å: the structure is 122 Å across. */
    static final int PARTICLE_DIAMETER = 150;

    private final DemoSettings settings;
    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();

    record Step(String name, double seconds) {}

    public DemoRunner(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs every job; returns the report printed at the end. */
    public DemoReport run() throws IOException, InterruptedException {
        Path project = settings.output().toAbsolutePath();
        if (Files.exists(project) && !settings.force() && Files.list(project).findAny().isPresent())
            throw new IOException(project + ": exists and is not empty; choose another --o or add --force");
        Files.createDirectories(project);
        String j = Integer.toString(settings.threads());
        // without --i, simulate renders the D2 pseudo-atomic structure at the demo's sampling and writes it as truth_map.mrc
        Path truth = settings.truthMap() != null ? settings.truthMap().toAbsolutePath() : project.resolve(Simulation.TRUTH_MAP);
        List<String> input = settings.truthMap() != null ? List.of("--i", truth.toString()) : List.of();

        job(project, "Simulate micrographs (known poses, CTF, noise)", concat(List.of("simulate"), input, List.of(
                "--o", ".", "--sym", "D2", "--angpix", Double.toString(ANGPIX), "--mode", "micrographs",
                "--nr_particles", Integer.toString(settings.particles()), "--box", Integer.toString(BOX),
                "--mic_size", "1024", "--snr", Double.toString(settings.snr()), "--pick_error", "2",
                "--earlier_angpix", Double.toString(EARLIER_ANGPIX), "--earlier_box", Integer.toString(EARLIER_BOX),
                "--angle_noise", "5", "--ref_lowpass", "40", "--seed", "1", "--j", j, "--force")));
        // the earlier Class3D map at the earlier job's sampling, as the tutorial has it
        job(project, "Earlier Class3D map at " + EARLIER_ANGPIX + " A/px", "image_handler", "--i", "reference_lp.mrc",
                "--rescale_angpix", Double.toString(EARLIER_ANGPIX), "--o", "Class3D/job016/run_it025_class001.mrc", "--force");
        job(project, "Re-extract with re-centring, float16", "extract", "--i", "micrographs_ctf.star",
                "--reextract_data_star", "particles_picked_refined.star", "--recenter", "--extract_size", Integer.toString(BOX),
                "--norm", "--bg_radius", "24", "--invert_contrast", "--float16", "--j", j, "--o", "Extract/job018/", "--force");
        job(project, "Rescale the earlier map to the new pixel size and box", "image_handler",
                "--i", "Class3D/job016/run_it025_class001.mrc", "--angpix", Double.toString(EARLIER_ANGPIX),
                "--rescale_angpix", Double.toString(ANGPIX), "--new_box", Integer.toString(BOX),
                "--o", "Class3D/job016/run_it025_class001_box64.mrc", "--force");
        Files.createDirectories(project.resolve("Refine3D/job019"));
        job(project, "3D auto-refine (gold standard, D2)", "refine", "--i", "Extract/job018/particles.star",
                "--o", "Refine3D/job019/run", "--ref", "Class3D/job016/run_it025_class001_box64.mrc", "--firstiter_cc",
                "--ini_high", "40", "--sym", "D2", "--particle_diameter", Integer.toString(PARTICLE_DIAMETER), "--ctf",
                "--flatten_solvent", "--zero_mask",
                "--oversampling", "1", "--healpix_order", "2", "--auto_local_healpix_order", "4", "--offset_range", "5",
                "--offset_step", "2", "--auto_ignore_angles", "--auto_resol_angles", "--pad", "1", "--pool", "30", "--norm", "--scale", "--j", j);
        DemoReport report = DemoReport.of(project, truth, steps);
        out.println(report.text());
        return report;
    }

    /** Runs {@code cryoj <args>} in the project folder in a child JVM, echoing its output. */
    private void job(Path project, String title, String... args) throws IOException, InterruptedException {
        out.println();
        out.println("=== " + title);
        out.println("$ cryoj " + String.join(" ", args));
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + settings.heapGb() + "g",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.cryoj.cli.CryoJ"));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) out.println("  " + line);
        }
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        steps.add(new Step(title, s));
        out.printf(Locale.ROOT, "  (%.1f s)%n", s);
        if (rc != 0) throw new IOException("demo step '" + title + "' failed (exit " + rc + "); see its output above");
    }

    @SafeVarargs
    private static String[] concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) all.addAll(p);
        return all.toArray(new String[0]);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
