package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.io.star.StarLabel;
import org.cryoj.gpu.ExpectationBackends;
import org.cryoj.refine.ExpectationBackend;
import org.cryoj.refine.RefineHistory;
import org.cryoj.refine.RefineListener;
import org.cryoj.refine.RefineSettings;
import org.cryoj.refine.Refiner;
import org.cryoj.ui.view.IterationPlot;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fiji face of {@code relion_refine --auto_refine --split_random_halves}: field names are its
 * option names (the macro keys), labels those of RELION's Refine3D job, grouped as its tabs,
 * defaults the tutorial's. Names typed here and the image names in the STAR file are relative to
 * the RELION project folder; when none is given it is found from the STAR file (itself then
 * relative to where ImageJ runs).
 * Progress goes to the status bar per particle batch, the Auto-refine: lines to the log, and the
 * resolution and accuracy per iteration to {@code <rootname>_iterations.png}; a
 * cancel stops at the next safe point and leaves the last completed iteration for --continue.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>3D Auto-refine...")
public class AutoRefineCommand extends CryoJCommand {
    private static final String TITLE = "3D Auto-refine";
    /** The choices of "Skip padding?", a Yes/No menu as in RELION's GUI; the key stays --pad, so pad=1 and pad=2 still work. */
    static final String NO_SKIP_PADDING = "No (--pad 2)", SKIP_PADDING = "Yes (--pad 1)";

    // Groups: the tabs of RELION's Refine3D job (message items: shown as text, never macro keys)
    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabIo = "I/O";

    @Parameter(label = "RELION project folder:", style = Browse.FOLDER, required = false, persist = false,
            description = "Folder that the names typed here and the image names in the STAR file are relative to; empty: "
                    + "the first of the STAR file's folder and the folders above it that holds its first image")
    private File project_dir;

    @Parameter(label = "Input images STAR file:", style = Browse.OPEN_STAR, persist = false)
    private File i;

    @Parameter(label = "Output rootname (e.g. Refine3D/job019/run):", style = Browse.SAVE_ROOTNAME, persist = false)
    private File o;

    @Parameter(label = "Reference map:", style = Browse.OPEN_MAP, persist = false)
    private File ref;

    @Parameter(label = "Reference mask (optional):", style = Browse.OPEN_MAP, required = false, persist = false)
    private File solvent_mask;

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabReference = "Reference";

    @Parameter(label = "Ref. map is on absolute greyscale? (unchecked: first iteration by cross-correlation)", persist = false)
    private boolean absolute_greyscale;

    @Parameter(label = "Initial low-pass filter (A):", persist = false)
    private double ini_high = 50;

    @Parameter(label = "Symmetry:", description = "point group, e.g. C1 (none) or D2 (the tutorial's beta-galactosidase)",
            persist = false)
    private String sym = "C1";

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabCtf = "CTF";

    @Parameter(label = "Do CTF-correction?", persist = false)
    private boolean ctf = true;

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabOptimisation = "Optimisation";

    @Parameter(label = "Mask diameter (A):", persist = false)
    private double particle_diameter = 200;

    @Parameter(label = "Mask individual particles with zeros?", persist = false)
    private boolean zero_mask = true;

    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabAutoSampling = "Auto-sampling";

    @Parameter(label = "Initial angular sampling (HEALPix order; 2 = 7.5 degrees):", persist = false)
    private int healpix_order = 2;

    @Parameter(label = "Initial offset range (pix):", persist = false)
    private double offset_range = 5;

    @Parameter(label = "Initial offset step (pix):", persist = false)
    private double offset_step = 2;

    @Parameter(label = "Local searches from auto-sampling (HEALPix order; 4 = 1.8 degrees):", persist = false)
    private int auto_local_healpix_order = 4;

    @Parameter(label = "Use finer angular sampling faster?", persist = false)
    private boolean auto_resol_angles;

    // RELION 3.1's Compute tab, in its order and with its labels. Options that CryoJ always runs one way are
    // labelled notes (message items: text, never macro keys) that say what CryoJ does instead of offering a switch
    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabCompute = "Compute";

    @Parameter(label = "Use parallel disc I/O?", visibility = ItemVisibility.MESSAGE, persist = false, required = false,
            description = "RELION: whether each MPI follower reads its own particles. CryoJ runs in one process without MPI; "
                    + "its threads read their own particles from disc (or from memory, see Pre-read)")
    private String noteParallelDiscIo = "Always Yes: CryoJ is one process whose threads read their own particles";

    @Parameter(label = "Number of pooled particles:", persist = false,
            description = "--pool: particles handed to a thread at a time (RELION: read together per thread). "
                    + "Larger pools mean fewer hand-overs and coarser progress; the result is the same")
    private int pool = 3;

    @Parameter(label = "Skip padding?", choices = {NO_SKIP_PADDING, SKIP_PADDING}, persist = false,
            description = "Yes: --pad 1, the references are not padded in Fourier space: faster and half the memory, nearly "
                    + "as good, some artefacts in the corners from signal folded back. No: --pad 2. "
                    + "Macros may also say pad=1 or pad=2")
    private String pad = NO_SKIP_PADDING;

    @Parameter(label = "Skip gridding?", visibility = ItemVisibility.MESSAGE, persist = false, required = false,
            description = "RELION: --skip_gridding, skip the iterative gridding correction in the M-step (its GUI's default). "
                    + "CryoJ's reconstruction always takes that path")
    private String noteSkipGridding = "Always Yes: CryoJ reconstructs as RELION's --skip_gridding does";

    @Parameter(label = "Pre-read all particles into RAM?", persist = false,
            description = "--preread_images: read every particle into memory before the first iteration "
                    + "(4 x box x box bytes per particle); unticked, the threads read them from their stacks "
                    + "every iteration. Ticked by default here (RELION's GUI: No), as CryoJ's Fiji command always did")
    private boolean preread_images = true;

    @Parameter(label = "Copy particles to scratch directory:", visibility = ItemVisibility.MESSAGE, persist = false,
            required = false, description = "RELION: --scratch_dir, copy the particles to a fast local disc first. "
                    + "CryoJ has no such copy; to keep slow discs out of the iterations, pre-read the particles into RAM "
                    + "(RELION, too, ignores the scratch folder when pre-reading)")
    private String noteScratch = "Not available in CryoJ: pre-read the particles into RAM instead";

    @Parameter(label = "Combine iterations through disc?", visibility = ItemVisibility.MESSAGE, persist = false,
            required = false, description = "RELION: whether MPI processes exchange their sums through files. "
                    + "CryoJ is one process and adds the threads' sums in memory (RELION's --dont_combine_weights_via_disc)")
    private String noteCombineThroughDisc = "Always No: CryoJ adds the sums in memory";

    @Parameter(label = "Use GPU acceleration?", persist = false,
            description = "--gpu: scores on the devices below; without a usable one the CPU runs, and the log says which and why")
    private boolean use_gpu;

    @Parameter(label = "Which GPUs to use:", required = false, persist = false,
            description = "RELION's syntax over GPUs (empty = all, 0:1 = GPUs 0 and 1), or opencl:N / cuda:N for device N of one API "
                    + "(opencl:N may be a CPU device, as clinfo -l lists them)")
    private String gpu = "";

    // RELION's Running tab: the threads (no MPI processes in CryoJ), then CryoJ's own run controls
    @Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
    private String tabRunning = "Running";

    @Parameter(label = "Number of threads:", persist = false,
            description = "--j: threads that align particles in parallel (CryoJ runs no MPI processes: both half-sets in one)")
    private int j = 1;

    @Parameter(label = "Stop after this iteration without the final one (safety cap):", persist = false)
    private int max_iter = 100;

    @Parameter(label = "Search and sample exactly as RELION does?", persist = false,
            description = "--exhaustive_search: every orientation of global searches at HEALPix order 3 and up, the oversampled "
                    + "children of flat posteriors scored, RELION's convergence rule (slower; CryoJ's shortcuts are listed in its README)")
    private boolean exhaustive_search;

    @Parameter(label = "Overwrite existing outputs?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Final map")
    private File written;

    @Parameter(type = ItemIO.OUTPUT, label = "Resolution (A)")
    private double resolution;

    @Parameter
    private StatusService status;


    @Override
    protected String title() { return TITLE; }

    @Override
    public void run() {
        try {
            Path in = MapFiles.existingInput(ProjectFolder.resolve(ProjectFolder.base(project_dir), i), "--i (Input images STAR file):");
            Path project = ProjectFolder.of(project_dir, in, StarLabel.IMAGE_NAME);
            Path reference = MapFiles.existingInput(ProjectFolder.resolve(project, ref), "--ref (Reference map):");
            Path mask = solvent_mask == null || solvent_mask.getPath().isBlank() ? null
                    : MapFiles.existingInput(ProjectFolder.resolve(project, solvent_mask), "--solvent_mask (Reference mask):");
            if (o == null || o.getPath().isBlank()) throw new IOException("--o (Output rootname): no rootname given");
            Path root = ProjectFolder.resolve(project, o).toPath();
            // RELION's GUI has one switch for both speed-ups ("Use finer angular sampling faster?") and always adds --norm --scale
            RefineSettings s = RefineSettings.builder(in, root, reference).projectDir(project).firstIterationCc(!absolute_greyscale)
                    .iniHigh(ini_high).symmetry(sym == null ? "" : sym.trim()).particleDiameter(particle_diameter).ctf(ctf)
                    .flattenSolvent(true).zeroMask(zero_mask).solventMask(mask).healpixOrder(healpix_order)
                    .autoLocalHealpixOrder(auto_local_healpix_order).offsetRange(offset_range).offsetStep(offset_step)
                    .autoIgnoreAngles(auto_resol_angles).autoResolAngles(auto_resol_angles).padding(padding(pad)).pool(pool)
                    .prereadImages(preread_images).threads(j).maxIterations(max_iter).exhaustiveSearch(exhaustive_search).normCorrection(true).scaleCorrection(true).overwrite(force).build();
            ExpectationBackends.Chosen compute = ExpectationBackends.choose(use_gpu ? (gpu == null ? "" : gpu) : null);
            log.info(TITLE + ": " + compute.logLine());
            Refiner.Outcome r;
            try (ExpectationBackend backend = compute.backend()) {
                r = new Refiner(s, listener(), backend).run(null);
            }
            resolution = r.resolution();
            written = r.finalMap() == null ? null : r.finalMap().toFile();
            IterationPlot.of(TITLE + ": " + o.getName(), RefineHistory.read(root))
                    .savePng(Path.of(root + "_iterations.png"), true);
            succeed(String.format(Locale.ROOT, "%s: %s after %d iterations, %.2f A%s", TITLE,
                    r.converged() ? "converged" : "stopped", r.iterations(), resolution,
                    r.finalMap() == null ? "" : "; final map " + r.finalMap()));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (!isCanceled()) fail(e.getMessage());
        } finally {
            status.clearStatus();
        }
    }

    /**
     * "Skip padding?" as --pad: RELION's Yes / No (as the menu shows them, or just the word), or the
     * padding factor that macros written before the menu gave (pad=1, pad=2).
     */
    static int padding(String choice) {
        String c = choice == null ? "" : choice.trim();
        if (c.equals("1") || c.equals(SKIP_PADDING) || c.equalsIgnoreCase("Yes")) return 1;
        if (c.equals("2") || c.equals(NO_SKIP_PADDING) || c.equalsIgnoreCase("No")) return 2;
        throw new IllegalArgumentException("--pad (Skip padding?) must be " + SKIP_PADDING + " or " + NO_SKIP_PADDING
                + " (in a macro also pad=1 or pad=2); was '" + choice + "'");
    }

    private RefineListener listener() {
        return new RefineListener() {
            @Override public void iterationStarted(int iteration, int total) {
                status.showStatus(0, total, TITLE + ": iteration " + iteration);
            }

            @Override public void particlesDone(int iteration, int done, int total) {
                status.showProgress(done, total);
            }

            @Override public void iterationFinished(int iteration, String autoRefineLines) {
                autoRefineLines.lines().forEach(l -> log.info(l.strip()));
            }

            @Override public boolean isCancelled() {
                return cancelRequested();
            }
        };
    }
}
