package org.cryoj.extract;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;


import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cryoj extract}: re-extraction of refined particles with relion_preprocess's option
 * names, e.g. {@code cryoj extract --i CtfFind/job003/micrographs_ctf.star --reextract_data_star
 * Refine3D/job010/run_data.star --recenter --extract_size 256 --scale 128 --norm --bg_radius 48
 * --invert_contrast --o Extract/job018/}. Names in the STAR files are relative to the current
 * folder, the RELION project.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Re-extract particles from micrographs (relion_preprocess --extract --reextract_data_star).")
public final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--i", required = true, description = "STAR file with the micrographs to extract from")
    Path micrographs;
    @Option(names = "--reextract_data_star", required = true, description = "Refined particles STAR file (e.g. run_data.star)")
    Path particles;
    @Option(names = {"--o", "--part_dir"}, required = true, description = "Output folder for the stacks, e.g. Extract/job018/")
    String outputDir;
    @Option(names = "--part_star", description = "Output particles STAR file (default: <o>/particles.star)")
    Path partStar;
    @Option(names = "--extract", hidden = true, description = "Accepted for relion_preprocess command lines; always on")
    boolean extract;

    @Option(names = "--extract_size", required = true, description = "Box cut from the micrographs (pixels, even)")
    int extractSize;
    @Option(names = "--scale", defaultValue = "-1",
            description = "Rescale the particles to this box (pixels; an odd size is made even by adding one, as RELION does; default: no rescaling)")
    int scale;
    @Option(names = "--norm", description = "Normalise the background to mean 0 and stddev 1 (after ramp removal)")
    boolean norm;
    @Option(names = "--no_ramp", description = "Subtract the background mean only, no fitted ramp")
    boolean noRamp;
    @Option(names = "--bg_radius", defaultValue = "-1", description = "Background radius in output pixels (default: 75%% of the box as diameter)")
    int bgRadius;
    @Option(names = "--white_dust", defaultValue = "-1", description = "Remove white dust above this many sigma (negative: off)")
    double whiteDust;
    @Option(names = "--black_dust", defaultValue = "-1", description = "Remove black dust below this many sigma (negative: off)")
    double blackDust;
    @Option(names = "--invert_contrast", description = "Invert the contrast")
    boolean invert;
    @Option(names = "--float16", description = "Write MRC mode 12 (half precision) stacks")
    boolean float16;

    @Option(names = "--recenter", description = "Move the refined offsets (rlnOriginX/YAngst) into the coordinates")
    boolean recenter;
    @Option(names = "--recenter_x", defaultValue = "0", description = "X of the point of the reference to recentre on (reference pixels)")
    double recenterX;
    @Option(names = "--recenter_y", defaultValue = "0", description = "Y of the point of the reference to recentre on (reference pixels)")
    double recenterY;
    @Option(names = "--recenter_z", defaultValue = "0", description = "Z of the point of the reference to recentre on (reference pixels)")
    double recenterZ;
    @Option(names = "--ref_angpix", defaultValue = "-1", description = "Pixel size of the reference for --recenter_x/_y/_z (default: that of the particles)")
    double refAngpix;
    @Option(names = "--reset_offsets", description = "Set the origin offsets to zero")
    boolean resetOffsets;

    @Option(names = "--j", defaultValue = "1", description = "Worker threads, cutting particles in parallel (one more reads the micrographs, one more finishes the stacks)")
    int threads;
    @Option(names = "--force", description = "Overwrite existing outputs")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // relion_preprocess reads these into floats (sscanf %f); CryoJ takes the same values
        ExtractSettings s = new ExtractSettings(extractSize, evenScale(), norm, !noRamp, bgRadius, (float) whiteDust, (float) blackDust,
                invert, float16, recenter, (float) recenterX, (float) recenterY, (float) recenterZ, (float) refAngpix, resetOffsets, threads, force);
        String outPrefix = outputDir.endsWith("/") ? outputDir : outputDir + "/";
        Path star = partStar != null ? partStar : Path.of(outPrefix + "particles.star");
        ParticleExtractor.Result r = new ParticleExtractor(Path.of(""), s)
                .run(micrographs, particles, outputDir, star, ProgressListener.NONE);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, " Extracted %d particles from %d micrographs into %s (%d px boxes)",
                r.particles(), r.micrographs(), outPrefix, s.outputSize()));
        out.println(" Written " + r.particlesStar());
        out.flush();
        return 0;
    }

    /** relion_preprocess's --scale rule: 0 or less is no rescaling, an odd size goes up by one (with its warning). */
    private int evenScale() {
        if (scale <= 0) return -1;
        if (scale % 2 == 0) return scale;
        spec.commandLine().getErr().println(" Warning: only re-scaling to even-sized images is allowed in RELION, setting scale to: " + (scale + 1));
        spec.commandLine().getErr().flush();
        return scale + 1;
    }
}
