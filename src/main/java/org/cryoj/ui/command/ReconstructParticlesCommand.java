package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.gpu.BackprojectionBackends;
import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.BackprojectionBackend;
import org.cryoj.reconstruct.ReconstructSettings;
import org.cryoj.reconstruct.Reconstructor;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fiji face of {@code relion_reconstruct}: parameter names are its option names (the macro
 * keys), labels its help texts. Image names in the STAR file resolve against the working
 * directory, as in RELION. Cancelling interrupts the backprojection; nothing is written then.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Reconstruct...")
public class ReconstructParticlesCommand extends CryoJCommand {
    private static final String TITLE = "Reconstruct";

    @Parameter(label = "Input STAR file with the projection images and their orientations",
            style = Browse.OPEN_STAR, persist = false)
    private File i;

    @Parameter(label = "Name for output reconstruction (.mrc)", style = Browse.SAVE_MAP, persist = false)
    private File o;

    @Parameter(label = "Symmetry group", persist = false)
    private String sym = "C1";

    @Parameter(label = "Apply CTF correction?", persist = false)
    private boolean ctf;

    @Parameter(label = "Padding factor", persist = false)
    private int pad = 2;

    @Parameter(label = "Pixel size in the reconstruction (A)", description = "-1: the first optics group's",
            persist = false)
    private double angpix = -1;

    @Parameter(label = "Maximum resolution to consider in Fourier space (A)", description = "-1: Nyquist",
            persist = false)
    private double maxres = -1;

    @Parameter(label = "Number of threads", persist = false)
    private int j = 1;

    @Parameter(label = "Use GPU acceleration?", persist = false,
            description = "Backproject on the device below; without a usable one the CPU runs, and the log says which and why")
    private boolean use_gpu;

    @Parameter(label = "Which GPUs to use:", required = false, persist = false,
            description = "RELION's syntax over GPUs (empty = all), or opencl:N / cuda:N for device N of one API "
                    + "(opencl:N may be a CPU device, as clinfo -l lists them); the first device chosen runs, CUDA or OpenCL")
    private String gpu = "";

    @Parameter(label = "Overwrite an existing output?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Written map")
    private File written;

    @Parameter
    private StatusService status;

    /** The thread running the reconstruction, interrupted by {@link #cancel}; null outside {@link #run}. */
    private Thread runner;

    @Override
    protected String title() { return TITLE; }

    @Override
    public void run() {
        synchronized (this) { runner = Thread.currentThread(); }
        try {
            if (isCanceled()) return; // cancelled (e.g. Esc) before it started
            Path in = MapFiles.existingInput(i, "--i (input STAR file):");
            if (o == null || o.getPath().isBlank()) throw new IOException("--o (output map): no output file given");
            ReconstructSettings s = new ReconstructSettings(in, o.toPath(), sym == null ? "" : sym.trim(), ctf, pad,
                    MapFiles.unset(angpix), MapFiles.unset(maxres), j, force);
            status.showStatus(TITLE + ": backprojecting " + in.getFileName() + " on " + j + " thread(s)");
            long t0 = System.nanoTime();
            FloatVolume map;
            String device = "";
            if (use_gpu) {
                BackprojectionBackends.Chosen compute = BackprojectionBackends.choose(gpu == null ? "" : gpu);
                log.info(TITLE + ": " + compute.logLine());
                try (BackprojectionBackend backend = compute.backend()) {
                    map = Reconstructor.run(s, backend);
                    device = ", on " + backend.name();
                }
            } else {
                map = Reconstructor.run(s);
            }
            written = s.output().toFile();
            succeed(String.format(Locale.ROOT, "%s: %s -> %s (%d^3, %.4f A/px, %s%s%s) in %.1f s", TITLE, in, s.output(),
                    map.nx(), map.pixelSize(), s.symmetry(), ctf ? ", CTF-corrected" : "", device, (System.nanoTime() - t0) / 1e9));
            status.showStatus(summary);
        } catch (IOException | IllegalArgumentException e) {
            // a cancel interrupts the backprojection, which then fails with an I/O error: keep the user's reason
            if (!isCanceled()) fail(e.getMessage());
        } finally {
            synchronized (this) { runner = null; }
            Thread.interrupted(); // a late cancel must not leave the pool thread interrupted
        }
    }

    @Override
    public void cancel(String reason) {
        super.cancel(reason);
        synchronized (this) {
            if (runner != null) runner.interrupt();
        }
    }
}
