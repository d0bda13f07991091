package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cryoj mask_create}: relion_mask_create from a map. */
@Command(name = "mask_create", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a soft mask from a map, as relion_mask_create does: threshold, extend, soft edge.")
public final class MaskCreateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--i", required = true, paramLabel = "MRC",
            description = "Input map to use for thresholding to generate initial binary mask")
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

    @Option(names = "--force", description = "Overwrite an existing output file (never the input)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        AtomicOutput.checkNotInput(output, input);
        AtomicOutput.checkWritable(output, force);
        FloatVolume in = MrcFile.read(input);
        MaskSettings s = new MaskSettings(iniThreshold, extendInimask, widthSoftEdge, Math.max(0, lowpass),
                ImageHandlerCommand.unset(angpix, "--angpix"), invert);
        if (Double.isNaN(s.angpix()) && s.lowpass() > 0) ImageHandlerCommand.requireHeaderPixelSize(input);
        long t0 = System.nanoTime();
        FloatVolume mask = MaskCreator.create(in, s);
        MrcFile.write(output, mask, MrcMode.FLOAT32, force);
        ImageStatistics st = ImageStatistics.of(mask.data());
        spec.commandLine().getOut().printf("mask_create: %s -> %s (%dx%dx%d, mean %.4f) in %.2f s%n",
                input, output, mask.nx(), mask.ny(), mask.nz(), st.mean(), (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
