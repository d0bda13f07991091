package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.cryoj.extract.ExtractSettings;
import org.cryoj.extract.ParticleExtractor;
import org.cryoj.extract.ProgressListener;
import org.cryoj.io.star.StarLabel;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fiji face of RELION's Particle extraction job with "OR re-extract refined particles? Yes"
 * ({@code relion_preprocess --extract --reextract_data_star}). Parameter names are
 * relion_preprocess's option names (the macro keys); labels are the RELION GUI's, grouped as its
 * tabs. Names in the STAR files, and relative paths given here, are taken relative to the RELION
 * project folder, as RELION takes them relative to where it runs; when none is given it is found
 * from the micrograph STAR file (see {@link ProjectFolder}). Progress goes to the status bar per
 * micrograph; cancelling stops before the particles STAR file is written.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Re-extract Particles...")
public class ReextractParticlesCommand extends CryoJCommand {
    private static final String TITLE = "Re-extract Particles";

    // Groups: the tabs of RELION's Particle extraction job (message items: shown as text, never macro keys)
    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabIo = "I/O";

    @Parameter(label = "RELION project folder:", style = Browse.FOLDER, required = false, persist = false,
            description = "Folder that the names typed here and the names in the STAR files are relative to; empty: the first "
                    + "of the micrograph STAR file's folder and the folders above it that holds its first micrograph")
    private File project_dir;

    @Parameter(label = "micrograph STAR file:", style = Browse.OPEN_STAR, persist = false)
    private File i;

    @Parameter(label = "Refined particles STAR file:", style = Browse.OPEN_STAR, persist = false)
    private File reextract_data_star;

    @Parameter(label = "Output folder:", style = Browse.FOLDER,
            description = "e.g. Extract/job018/ in the project; particles.star is written there", persist = false)
    private File o;

    @Parameter(label = "Reset the refined offsets to zero?", persist = false)
    private boolean reset_offsets;

    @Parameter(label = "OR: re-center refined coordinates?", persist = false)
    private boolean recenter;

    @Parameter(label = "Re-center on X-coordinate (in pix):", persist = false)
    private double recenter_x;

    @Parameter(label = "Re-center on Y-coordinate (in pix):", persist = false)
    private double recenter_y;

    @Parameter(label = "Re-center on Z-coordinate (in pix):", persist = false)
    private double recenter_z;

    @Parameter(label = "Write output in float16?", persist = false)
    private boolean float16;

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabExtract = "Extract";

    @Parameter(label = "Particle box size (pix):", persist = false)
    private int extract_size = 128;

    @Parameter(label = "Invert contrast?", persist = false)
    private boolean invert_contrast = true;

    @Parameter(label = "Normalize particles?", persist = false)
    private boolean norm = true;

    // relion_preprocess's --bg_radius, not the GUI's "Diameter background circle (pix)" (a diameter before rescaling)
    @Parameter(label = "Background radius (pix of the output box):", description = "-1: 75% of the box as a diameter",
            persist = false)
    private int bg_radius = -1;

    @Parameter(label = "Stddev for white dust removal:", description = "negative: off", persist = false)
    private double white_dust = -1;

    @Parameter(label = "Stddev for black dust removal:", description = "negative: off", persist = false)
    private double black_dust = -1;

    @Parameter(label = "Re-scaled size (pixels):", description = "-1: no rescaling (Rescale particles? No)", persist = false)
    private int scale = -1;

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabRunning = "Running";

    @Parameter(label = "Number of threads:", persist = false)
    private int j = 1;

    @Parameter(label = "Overwrite an existing output?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Written particles STAR file")
    private File written;



    @Parameter
    private StatusService status;


    @Override
    protected String title() { return TITLE; }

    @Override
    public void run() {
        Thread runner = Thread.currentThread();
        try {
            ExtractSettings settings = new ExtractSettings(extract_size, scale, norm, true, bg_radius, white_dust,
                    black_dust, invert_contrast, float16, recenter, recenter_x, recenter_y, recenter_z, -1,
                    reset_offsets, j, force);
            Path mics = MapFiles.existingInput(ProjectFolder.resolve(ProjectFolder.base(project_dir), i), "--i (micrograph STAR file):");
            Path project = ProjectFolder.of(project_dir, mics, StarLabel.MICROGRAPH_NAME);
            Path parts = MapFiles.existingInput(ProjectFolder.resolve(project, reextract_data_star),
                    "--reextract_data_star (Refined particles STAR file):");
            if (o == null || o.getPath().isBlank()) throw new IOException("--o (output folder): no output folder given");
            String outDir = o.getPath().replace(File.separatorChar, '/');
            String prefix = outDir.endsWith("/") ? outDir : outDir + "/";
            ParticleExtractor.Result r = new ParticleExtractor(project, settings)
                    .run(mics, parts, prefix, Path.of(prefix + "particles.star"), progress(runner));
            written = r.particlesStar().toFile();
            summary = String.format("%s: %d particles from %d micrographs -> %s (%d px boxes, %s)", TITLE,
                    r.particles(), r.micrographs(), r.particlesStar(), settings.outputSize(),
                    float16 ? "float16" : "float32");
            status.showStatus(summary);
            log.info(summary);
        } catch (CancellationException e) {
            // a user's cancel keeps its own reason; an interrupt becomes one
            if (!isCanceled()) cancel(e.getMessage());
            status.showStatus(TITLE + ": " + e.getMessage());
            log.warn(TITLE + ": " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        } finally {
            status.clearStatus();
        }
    }

    /** Status bar per micrograph; stops on a cancel of this command or an interrupt of its thread. */
    private ProgressListener progress(Thread runner) {
        AtomicInteger done = new AtomicInteger();
        int[] total = new int[1];
        return new ProgressListener() {
            @Override public void started(int n) {
                total[0] = n;
                status.showStatus(0, n, TITLE + ": extracting from " + n + " micrographs");
            }

            @Override public void micrographDone(int index) {
                int d = done.incrementAndGet();
                status.showProgress(d, total[0]);
                String line = TITLE + ": " + d + "/" + total[0] + " micrographs";
                status.showStatus(line);
                log.debug(line); // on the worker thread, unlike the status events (published later)
            }

            @Override public boolean isCancelled() {
                return cancelRequested() || runner.isInterrupted();
            }
        };
    }

}
