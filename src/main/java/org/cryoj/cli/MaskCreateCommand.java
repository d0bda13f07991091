package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.MaskCombination;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.map.SphericalMask;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cryoj mask_create}: relion_mask_create from a map (or with --denovo a sphere). */
@Command(name = "mask_create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a soft mask from a map, as relion_mask_create does: threshold, extend, soft edge; or a sphere with --denovo.")
public final class MaskCreateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--i", paramLabel = "MRC",
            description = "Input map to use for thresholding to generate initial binary mask (required unless --denovo)")
    Path input;

    @Option(names = "--o", paramLabel = "MRC", defaultValue = "mask.mrc", description = "Output mask (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--ini_threshold", paramLabel = "VALUE", defaultValue = "0.01",
            description = "Initial threshold for binarization (default: ${DEFAULT-VALUE})")
    double iniThreshold;

    @Option(names = "--extend_inimask", paramLabel = "PX", defaultValue = "0",
            description = "Extend initial binary mask this number of pixels (negative: shrink it)")
    double extendInimask;

    @Option(names = "--width_soft_edge", paramLabel = "PX", defaultValue = "0",
            description = "Width (in pixels) of the additional soft edge on the binary mask")
    double widthSoftEdge;

    @Option(names = "--invert", description = "Invert the final mask")
    boolean invert;

    @Option(names = "--lowpass", paramLabel = "A", defaultValue = "-1",
            description = "Lowpass filter (in Angstroms) for the input map, prior to binarization (default is none)")
    double lowpass;

    @Option(names = "--angpix", paramLabel = "A", defaultValue = "-1",
            description = "Pixel size (in Angstroms) for the lowpass filter; default (-1): the image header")
    double angpix;

    @Option(names = "--and", paramLabel = "MRC",
            description = "Pixels in the initial mask will be one if the input AND this map are above the --ini_threshold value")
    Path and;

    @Option(names = "--or", paramLabel = "MRC",
            description = "Pixels in the initial mask will be one if the input OR this map are above the --ini_threshold value")
    Path or;

    @Option(names = "--and_not", paramLabel = "MRC",
            description = "Pixels in the initial mask will be one if the input is above the --ini_threshold AND this map is below it")
    Path andNot;

    @Option(names = "--or_not", paramLabel = "MRC",
            description = "Pixels in the initial mask will be one if the input is above the --ini_threshold OR this map is below it")
    Path orNot;

    @Option(names = "--j", paramLabel = "N", defaultValue = "1",
            description = "Number of threads (taken for RELION command lines; the mask is made on one)")
    int threads;

    @Option(names = "--denovo", description = "Create a mask de novo: a sphere or spherical shell (--box_size, --inner_radius, --outer_radius)")
    boolean denovo;

    @Option(names = "--box_size", paramLabel = "PX", defaultValue = "-1", description = "The box size of the mask in pixels (--denovo)")
    int boxSize;

    @Option(names = "--inner_radius", paramLabel = "PX", defaultValue = "0", description = "Inner radius of the masked region in pixels (--denovo)")
    double innerRadius;

    @Option(names = "--outer_radius", paramLabel = "PX", defaultValue = "99999", description = "Outer radius of the mask region in pixels (--denovo)")
    double outerRadius;

    @Option(names = "--center_x", paramLabel = "PX", defaultValue = "0", description = "X coordinate of the center of the mask in pixels (--denovo)")
    double centerX;

    @Option(names = "--center_y", paramLabel = "PX", defaultValue = "0", description = "Y coordinate of the center of the mask in pixels (--denovo)")
    double centerY;

    @Option(names = "--center_z", paramLabel = "PX", defaultValue = "0", description = "Z coordinate of the center of the mask in pixels (--denovo)")
    double centerZ;

    @Option(names = "--force", description = "Overwrite an existing output file (never the input)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        // relion_mask_create reads its number options into floats (sscanf %f): so does CryoJ, which
        // matters where a voxel lies between --ini_threshold's float and double values
        iniThreshold = (float) iniThreshold;
        extendInimask = (float) extendInimask;
        widthSoftEdge = (float) widthSoftEdge;
        lowpass = (float) lowpass;
        angpix = (float) angpix;
        innerRadius = (float) innerRadius;
        outerRadius = (float) outerRadius;
        centerX = (float) centerX;
        centerY = (float) centerY;
        centerZ = (float) centerZ;
        if (threads < 1) throw new IllegalArgumentException("--j must be at least 1, was " + threads);
        long t0 = System.nanoTime();
        FloatVolume mask;
        if (denovo) {
            if (boxSize < 0) throw new IllegalArgumentException("For de novo mask creation, please specify the box size in --box_size");
            AtomicOutput.checkWritable(output, force);
            double px = ImageHandlerCommand.unset(angpix, "--angpix");
            // RELION writes 1 A when --angpix is not given
            mask = new SphericalMask(boxSize, innerRadius, outerRadius, widthSoftEdge, centerX, centerY, centerZ)
                    .create(Double.isNaN(px) ? 1.0 : px, invert);
        } else {
            if (input == null) throw new IllegalArgumentException("Either provide --i to make a mask from a map, or --denovo");
            MaskCombination combination = combination();
            AtomicOutput.checkNotInput(output, combination == null ? new Path[] {input} : new Path[] {input, operand()});
            AtomicOutput.checkWritable(output, force);
            FloatVolume in = MrcFile.read(input);
            MaskSettings s = new MaskSettings(iniThreshold, extendInimask, widthSoftEdge, Math.max(0, lowpass),
                    ImageHandlerCommand.unset(angpix, "--angpix"), invert);
            if (Double.isNaN(s.angpix()) && s.lowpass() > 0) ImageHandlerCommand.requireHeaderPixelSize(input);
            mask = MaskCreator.create(in, s, combination);
        }
        MrcFile.write(output, mask, MrcMode.FLOAT32, force);
        ImageStatistics st = ImageStatistics.of(mask.data());
        spec.commandLine().getOut().printf("mask_create: %s -> %s (%dx%dx%d, mean %.4f) in %.2f s%n",
                denovo ? "--denovo" : input, output, mask.nx(), mask.ny(), mask.nz(), st.mean(), (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** --and, --or, --and_not or --or_not with its map; RELION would use the first of several and ignore the rest, we refuse them. */
    private MaskCombination combination() throws IOException {
        Path file = operand();
        if (file == null) return null;
        MaskCombination.Rule rule = file == and ? MaskCombination.Rule.AND : file == or ? MaskCombination.Rule.OR
                : file == andNot ? MaskCombination.Rule.AND_NOT : MaskCombination.Rule.OR_NOT;
        return new MaskCombination(rule, MrcFile.read(file));
    }

    private Path operand() {
        int given = (and != null ? 1 : 0) + (or != null ? 1 : 0) + (andNot != null ? 1 : 0) + (orNot != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("give only one of --and, --or, --and_not, --or_not "
                + "(relion_mask_create would silently use only one of them)");
        return and != null ? and : or != null ? or : andNot != null ? andNot : orNot;
    }
}
