package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cryoj image_handler}: relion_image_handler for one map or image. */
@Command(name = "image_handler", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rescale, re-box, filter or invert one map, as relion_image_handler does. Options keep RELION's names.")
public final class ImageHandlerCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--i", required = true, paramLabel = "MRC", description = "Input image (.mrc)")
    Path input;

    @Option(names = "--o", paramLabel = "MRC", description = "Output name (required unless --stats)")
    Path output;

    @Option(names = "--angpix", paramLabel = "A", defaultValue = "-1",
            description = "Pixel size (in A); default (-1): the pixel size in the image header")
    double angpix;

    @Option(names = "--rescale_angpix", paramLabel = "A", defaultValue = "-1",
            description = "Scale input image(s) to this new pixel size (in A); the box becomes ROUND(box*angpix/rescale_angpix) made even, "
                    + "and the header gets the pixel size that box really gives")
    double rescaleAngpix;

    @Option(names = "--force_header_angpix", paramLabel = "A", defaultValue = "-1",
            description = "Change the pixel size in the header (in A). Without --rescale_angpix, the image is not scaled.")
    double forceHeaderAngpix;

    @Option(names = "--new_box", paramLabel = "PX", defaultValue = "-1",
            description = "Resize the image(s) to this new box size (in pixel), cropping or padding around the centre")
    int newBox;

    @Option(names = "--lowpass", paramLabel = "A", defaultValue = "-1", description = "Low-pass filter frequency (in A)")
    double lowpass;

    @Option(names = "--highpass", paramLabel = "A", defaultValue = "-1", description = "High-pass filter frequency (in A)")
    double highpass;

    @Option(names = "--invert", description = "Invert contrast (multiply the pixel values by -1; RELION's --multiply_constant -1)")
    boolean invert;

    @Option(names = "--sym", paramLabel = "GROUP", description = "Symmetrise 3D map with this point group (e.g. D2, C4, O, I)")
    String sym;

    @Option(names = "--stats", description = "Calculate per-image statistics? (prints them and writes nothing)")
    boolean stats;

    @Option(names = "--force", description = "Overwrite an existing output file (never the input)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        FloatVolume in = MrcFile.read(input);
        if (stats) {
            spec.commandLine().getOut().println(ImageHandler.statsLine(input.toString(), in));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (output == null) throw new IllegalArgumentException("Please specify the output file name with --o");
        AtomicOutput.checkNotInput(output, input);
        AtomicOutput.checkWritable(output, force);
        if (forceHeaderAngpix != -1 && !(forceHeaderAngpix > 0))
            throw new IllegalArgumentException("--force_header_angpix must be a positive pixel size in A, was " + forceHeaderAngpix);
        ImageHandlerSettings s = new ImageHandlerSettings(unset(angpix, "--angpix"), unset(rescaleAngpix, "--rescale_angpix"),
                newBox == -1 ? 0 : newBox, Math.max(0, lowpass), Math.max(0, highpass), invert, sym);
        if (Double.isNaN(s.angpix()) && (!Double.isNaN(s.rescaleAngpix()) || s.lowpass() > 0 || s.highpass() > 0))
            requireHeaderPixelSize(input);
        long t0 = System.nanoTime();
        FloatVolume out = ImageHandler.apply(in, s);
        if (forceHeaderAngpix > 0) out = out.withPixelSize(forceHeaderAngpix);
        MrcFile.write(output, out, MrcMode.FLOAT32, force);
        spec.commandLine().getOut().printf("image_handler: %s (%dx%dx%d, %.4f A/px) -> %s (%dx%dx%d, %.4f A/px) in %.2f s%n",
                input, in.nx(), in.ny(), in.nz(), in.pixelSize(), output, out.nx(), out.ny(), out.nz(), out.pixelSize(),
                (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Resolution-dependent options need a pixel size: from --angpix or from a header that has one. */
    static void requireHeaderPixelSize(Path file) throws IOException {
        double px = MrcFile.readHeader(file).pixelSizeX();
        if (!(px > 0) || !Double.isFinite(px))
            throw new IllegalArgumentException(file + ": the header has no pixel size (" + px + "); give it with --angpix");
    }

    /** RELION's "-1 = not given" becomes NaN; any other non-positive value is an error. */
    static double unset(double v, String option) {
        if (v == -1) return Double.NaN;
        if (!(v > 0)) throw new IllegalArgumentException(option + " must be a positive pixel size in A, was " + v);
        return v;
    }
}
