package org.cryoj.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoj.fourier.Fsc;
import org.cryoj.fourier.FourierFilters;
import org.cryoj.fourier.RadialSpectrum;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarFile;
import org.cryoj.map.AdjustPower;
import org.cryoj.map.CorrectAmplitudes;
import org.cryoj.map.EdgeFill;
import org.cryoj.map.FilterSettings;
import org.cryoj.map.FittedSubtraction;
import org.cryoj.map.Flip;
import org.cryoj.map.FourierFilter;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerBatch;
import org.cryoj.map.ImageHandlerSettings;
import org.cryoj.map.ImageOperation;
import org.cryoj.map.ImageOperation.Arithmetic;
import org.cryoj.map.MovieFrameSums;
import org.cryoj.map.Shift;
import org.cryoj.map.SpectrumAverage;
import org.cryoj.map.SpectrumTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cryoj image_handler}: relion_image_handler for one map or image, a stack or the images of a STAR file. */
@Command(name = "image_handler", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rescale, re-box, filter, shift, flip or do arithmetic on one map, a stack or the images of a STAR file, "
                + "or measure them, as relion_image_handler does.",
                "Options keep RELION's names. Steps run in RELION's order: --add_edge, --flipXY/--flipmXY, --remove_nan, --phase_randomise, "
                        + "one arithmetic or image option, --bfactor, --LoG, --lowpass, --highpass, one axis flip, one shift, "
                        + "--rescale_angpix, --new_box, --sym, thresholds."})
public final class ImageHandlerCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--i", required = true, paramLabel = "FILE", description = "Input STAR file, image (.mrc), stack (.mrcs) or one image of a stack (N@stack.mrcs)")
    Path input;

    @Option(names = "--o", paramLabel = "FILE", description = "Output name (for STAR or stack input: a .mrcs stack, or a suffix "
            + "inserted before each stack's extension; required unless --stats, --com, --fsc or --power)")
    Path output;

    @Option(names = "--multiply_constant", paramLabel = "X", description = "Multiply the image(s) pixel values by this constant")
    Double multiplyConstant;

    @Option(names = "--divide_constant", paramLabel = "X", description = "Divide the image(s) pixel values by this constant")
    Double divideConstant;

    @Option(names = "--add_constant", paramLabel = "X", description = "Add this constant to the image(s) pixel values")
    Double addConstant;

    @Option(names = "--subtract_constant", paramLabel = "X", description = "Subtract this constant from the image(s) pixel values")
    Double subtractConstant;

    @Option(names = "--threshold_above", paramLabel = "X", description = "Set all values higher than this value to this value")
    Double thresholdAbove;

    @Option(names = "--threshold_below", paramLabel = "X", description = "Set all values lower than this value to this value")
    Double thresholdBelow;

    @Option(names = "--multiply", paramLabel = "MRC", description = "Multiply input image(s) by the pixel values in this image")
    Path multiply;

    @Option(names = "--divide", paramLabel = "MRC", description = "Divide input image(s) by the pixel values in this image (|value| < 1e-10 gives 0)")
    Path divide;

    @Option(names = "--add", paramLabel = "MRC", description = "Add the pixel values in this image to the input image(s)")
    Path add;

    @Option(names = "--subtract", paramLabel = "MRC", description = "Subtract the pixel values in this image from the input image(s)")
    Path subtract;

    @Option(names = "--optimise_scale_subtract", description = "Optimise scale between maps before subtraction?")
    boolean optimiseScaleSubtract;

    @Option(names = "--optimise_bfactor_subtract", paramLabel = "A2", defaultValue = "0",
            description = "Search range for relative B-factor for subtraction (in A^2)")
    double optimiseBfactorSubtract;

    @Option(names = "--mask_optimise_subtract", paramLabel = "MRC", description = "Use only voxels in this mask to optimise scale for subtraction")
    Path maskOptimiseSubtract;

    @Option(names = "--adjust_power", paramLabel = "MRC",
            description = "Adjust the power spectrum of the input image to be the same as this image")
    Path adjustPower;

    @Option(names = "--fourier_filter", paramLabel = "MRC",
            description = "Multiply the Fourier transform of the input image(s) with this one image (centred; turned by rlnAnglePsi for STAR input)")
    Path fourierFilter;

    @Option(names = "--fsc", paramLabel = "MRC", description = "Calculate FSC curve of the input image with this image (prints a STAR table)")
    Path fsc;

    @Option(names = "--power", description = "Calculate power spectrum (|F|^2) of the input image (prints a STAR table per image)")
    boolean power;

    @Option(names = "--stats", description = "Calculate per-image statistics? (prints them and writes nothing)")
    boolean stats;

    @Option(names = "--com", description = "Calculate center of mass? (prints it and writes nothing)")
    boolean com;

    @Option(names = "--bfactor", paramLabel = "A2", defaultValue = "0", description = "Apply a B-factor (in A^2)")
    double bfactor;

    @Option(names = "--LoG", paramLabel = "A", defaultValue = "-1",
            description = "Diameter for optimal response of Laplacian of Gaussian filter (in A)")
    double logDiameter;

    @Option(names = "--lowpass", paramLabel = "A", defaultValue = "-1", description = "Low-pass filter frequency (in A)")
    double lowpass;

    @Option(names = "--highpass", paramLabel = "A", defaultValue = "-1", description = "High-pass filter frequency (in A)")
    double highpass;

    @Option(names = "--directional", paramLabel = "AXIS",
            description = "Directionality of low-pass filter frequency ('X', 'Y' or 'Z', default non-directional)")
    String directional;

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
            description = "Resize the image(s) to this new box size (in pixel), odd or even, cropping or padding around the centre")
    int newBox;

    @Option(names = "--filter_edge_width", paramLabel = "SHELLS", defaultValue = "2",
            description = "Width of the raised cosine on the low/high-pass filter edge (in resolution shells)")
    int filterEdgeWidth;

    @Option(names = "--flipX", description = "Flip (mirror) a 2D image or 3D map in the X-direction?")
    boolean flipX;

    @Option(names = "--flipY", description = "Flip (mirror) a 2D image or 3D map in the Y-direction?")
    boolean flipY;

    @Option(names = "--flipZ", description = "Flip (mirror) a 3D map in the Z-direction?")
    boolean flipZ;

    @Option(names = "--invert_hand", description = "Invert hand by flipping X? Similar to flipX, but preserves the symmetry origin. "
            + "Edge pixels are wrapped around.")
    boolean invertHand;

    @Option(names = "--flipXY", description = "Flip the image(s) in the XY direction?")
    boolean flipXY;

    @Option(names = "--flipmXY", description = "Flip the image(s) in the -XY direction?")
    boolean flipMinusXY;

    @Option(names = "--add_edge", description = "Add a barcode-like edge to the micrograph/movie frames?")
    boolean addEdge;

    @Option(names = "--edge_x0", paramLabel = "PX", defaultValue = "0", description = "Pixel column to be used for the left edge")
    int edgeX0;

    @Option(names = "--edge_y0", paramLabel = "PX", defaultValue = "0", description = "Pixel row to be used for the top edge")
    int edgeY0;

    @Option(names = "--edge_xF", paramLabel = "PX", defaultValue = "4095", description = "Pixel column to be used for the right edge")
    int edgeXF;

    @Option(names = "--edge_yF", paramLabel = "PX", defaultValue = "4095", description = "Pixel row to be used for the bottom edge")
    int edgeYF;

    @Option(names = "--shift_com", description = "Shift image(s) to their center-of-mass (only on positive pixel values)")
    boolean shiftCom;

    @Option(names = "--shift_x", paramLabel = "PX", defaultValue = "0", description = "Shift images this many pixels in the X-direction")
    double shiftX;

    @Option(names = "--shift_y", paramLabel = "PX", defaultValue = "0", description = "Shift images this many pixels in the Y-direction")
    double shiftY;

    @Option(names = "--shift_z", paramLabel = "PX", defaultValue = "0", description = "Shift images this many pixels in the Z-direction")
    double shiftZ;

    @Option(names = "--remove_nan", description = "Replace non-numerical values (NaN, inf, etc) in the image(s)")
    boolean removeNan;

    @Option(names = "--replace_nan", paramLabel = "X",
            description = "Replace non-numerical values (NaN, inf, etc) with this value (default 0; goes with --remove_nan)")
    Double replaceNan;

    @Option(names = "--phase_randomise", paramLabel = "A", defaultValue = "-1",
            description = "Randomise phases beyond this resolution (in Angstroms); the same command gives the same phases")
    double phaseRandomise;

    @Option(names = "--average", description = "Calculate average of all images (without alignment) of a stack or STAR file")
    boolean average;

    @Option(names = "--average_all_movie_frames", description = "Average all movie frames of all movies in the input STAR file.")
    boolean averageAllMovieFrames;

    @Option(names = "--avg_ampl", description = "Calculate average amplitude spectrum for all images? (|F| of the half transform)")
    boolean avgAmpl;

    @Option(names = "--avg_ampl2", description = "Calculate average power spectrum (|F|^2 of the half transform) for all images?")
    boolean avgAmpl2;

    @Option(names = "--correct_avg_ampl", paramLabel = "MRC", description = "Correct all images with this average amplitude spectrum "
            + "(as --avg_ampl writes it)")
    Path correctAvgAmpl;

    @Option(names = "--minr_ampl_corr", paramLabel = "PX", defaultValue = "0",
            description = "Minimum radius (in Fourier pixels) to apply average amplitudes")
    int minrAmplCorr;

    @Option(names = "--avg_bin", paramLabel = "N", defaultValue = "-1",
            description = "Width (in frames) for binning average, i.e. of every so-many frames (sums them, as RELION does)")
    int avgBin;

    @Option(names = "--avg_first", paramLabel = "N", defaultValue = "-1", description = "First frame to include in averaging")
    int avgFirst;

    @Option(names = "--avg_last", paramLabel = "N", defaultValue = "-1", description = "Last frame to include in averaging")
    int avgLast;

    @Option(names = "--invert", description = "Invert contrast (multiply the pixel values by -1; RELION's --multiply_constant -1)")
    boolean invert;

    @Option(names = "--sym", paramLabel = "GROUP", description = "Symmetrise 3D map with this point group (e.g. D2, C4, O, I)")
    String sym;

    @Option(names = "--force", description = "Overwrite an existing output file (never the input)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        asRelionReadsThem();
        if (ImageHandlerBatch.isBatch(input)) return batch();
        PrintWriter out = spec.commandLine().getOut();
        FloatVolume in = ImageHandlerBatch.readSingle(input);
        if (stats || com) {
            out.println(stats ? ImageHandler.statsLine(input.toString(), in) : ImageHandler.centreOfMassLine(input.toString(), in));
            out.flush();
            return 0;
        }
        boolean report = fsc != null || power;
        if (output == null && !report) throw new IllegalArgumentException("Please specify the output file name with --o");
        if (output != null) {
            AtomicOutput.checkNotInput(output, operandFiles().toArray(Path[]::new));
            AtomicOutput.checkWritable(output, force);
        }
        if (averageAllMovieFrames) throw new IllegalArgumentException("--average_all_movie_frames takes a STAR file of movies, not " + input);
        if (average || movieSums()) throw new IllegalArgumentException(
                (average ? "--average" : "--avg_first/--avg_last/--avg_bin") + " takes a stack (.mrcs)" + (average ? " or STAR file" : "") + ", not " + input);
        ImageHandlerSettings s = settings(in.nx(), in.ny(), in.nz(), in.pixelSize());
        if (avgAmpl || avgAmpl2) return wholeStack(null, in, s);
        if (Double.isNaN(s.angpix()) && (s.needsPixelSize() || report || optimiseBfactorSubtract != 0)) requireHeaderPixelSize(ImageHandlerBatch.fileOf(input));

        long t0 = System.nanoTime();
        if (report) printTable(out, in, s, fsc == null ? null : readOperand(fsc, "--fsc", in.nx(), in.ny(), in.nz()));
        if (output == null) return 0;
        warnAboutTinyDivisors(s);
        if (s.operation() instanceof FittedSubtraction f) {
            FittedSubtraction.Fit fit = f.fit(ImageHandler.prepare(in, s));
            out.println((optimiseBfactorSubtract != 0 ? " Optimised bfactor = " + fit.bfactor() + ";" : "")
                    + " Optimised scale = " + fit.scale());
        }
        FloatVolume result = ImageHandler.apply(in, s);
        if (forceHeaderAngpix > 0) result = result.withPixelSize(forceHeaderAngpix);
        MrcFile.write(output, result, MrcMode.FLOAT32, force);
        out.printf("image_handler: %s (%dx%dx%d, %.4f A/px) -> %s (%dx%dx%d, %.4f A/px) in %.2f s%n",
                input, in.nx(), in.ny(), in.nz(), in.pixelSize(), output, result.nx(), result.ny(), result.nz(), result.pixelSize(),
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /** A stack (.mrcs) or the images of a STAR file, each processed on its own. */
    private int batch() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (averageAllMovieFrames && !input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".star"))
            throw new IllegalArgumentException("--average_all_movie_frames takes a STAR file of movies, not " + input);
        ImageHandlerBatch.Input b = averageAllMovieFrames ? ImageHandlerBatch.readMovieFrames(input) : ImageHandlerBatch.read(input);
        if (stats || com) {
            ImageHandlerBatch.forEach(b, (item, image) -> out.println(stats
                    ? ImageHandler.statsLine(item.name(), image) : ImageHandler.centreOfMassLine(item.name(), image)));
            out.flush();
            return 0;
        }
        boolean report = fsc != null || power;
        if (output == null && !report) throw new IllegalArgumentException("Please specify the output stack (.mrcs) or suffix with --o");
        Path first = Path.of(b.items().get(0).file());
        MrcHeader h = MrcFile.readHeader(first);
        ImageHandlerSettings s = settings(h.nx(), h.ny(), 1, h.pixelSizeX());
        if (average || averageAllMovieFrames || movieSums() || avgAmpl || avgAmpl2) return wholeStack(b, null, s);
        if (Double.isNaN(s.angpix()) && (s.needsPixelSize() || report || optimiseBfactorSubtract != 0)) requireHeaderPixelSize(first);
        if (report) {
            // one table per image, as RELION prints them
            FloatVolume other = fsc == null ? null : readOperand(fsc, "--fsc", h.nx(), h.ny(), 1);
            ImageHandlerBatch.forEach(b, (item, image) -> printTable(out, image, s, other));
        }
        if (output == null) return 0;
        AtomicOutput.checkNotInput(output, operandFiles().toArray(Path[]::new));
        long t0 = System.nanoTime();
        warnAboutTinyDivisors(s);
        ImageHandlerBatch.Written w = ImageHandlerBatch.process(b, output.toString(), s,
                forceHeaderAngpix > 0 ? forceHeaderAngpix : Double.NaN, force);
        out.printf("image_handler: %d images of %s -> %s%s in %.2f s%n", w.images(), input,
                w.stacks().size() == 1 ? w.stacks().get(0) : w.stacks().size() + " stacks",
                w.star() == null ? "" : " and " + w.star(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /**
     * relion_image_handler reads every number option into a float (textToFloat: sscanf %f), so
     * --angpix 2.13 is 2.1300001 there; where a step compares at a boundary (the B-factor's Nyquist
     * shell, a threshold, a rounded box size) the float decides, so CryoJ takes the same floats.
     */
    private void asRelionReadsThem() {
        multiplyConstant = relionFloat(multiplyConstant);
        divideConstant = relionFloat(divideConstant);
        addConstant = relionFloat(addConstant);
        subtractConstant = relionFloat(subtractConstant);
        thresholdAbove = relionFloat(thresholdAbove);
        thresholdBelow = relionFloat(thresholdBelow);
        replaceNan = relionFloat(replaceNan);
        optimiseBfactorSubtract = (float) optimiseBfactorSubtract;
        bfactor = (float) bfactor;
        logDiameter = (float) logDiameter;
        lowpass = (float) lowpass;
        highpass = (float) highpass;
        angpix = (float) angpix;
        rescaleAngpix = (float) rescaleAngpix;
        forceHeaderAngpix = (float) forceHeaderAngpix;
        shiftX = (float) shiftX;
        shiftY = (float) shiftY;
        shiftZ = (float) shiftZ;
        phaseRandomise = (float) phaseRandomise;
    }

    /** A number option as RELION holds it: rounded to a float (null stays null). */
    static Double relionFloat(Double v) {
        return v == null ? null : (double) v.floatValue();
    }

    private boolean movieSums() {
        if ((avgFirst >= 0) != (avgLast >= 0)) throw new IllegalArgumentException("give both --avg_first and --avg_last");
        return avgBin > 0 || (avgFirst >= 0 && avgLast >= 0);
    }

    /**
     * --average, --average_all_movie_frames, --avg_first/--avg_last, --avg_bin, --avg_ampl, --avg_ampl2: one result from the
     * images as read, of a stack or STAR file (b) or a single map or image (single). RELION
     * applies nothing else then; other processing options are refused rather than ignored.
     */
    private int wholeStack(ImageHandlerBatch.Input b, FloatVolume single, ImageHandlerSettings s) throws IOException {
        if (output == null) throw new IllegalArgumentException("Please specify the output file name with --o");
        List<Path> inputs = new ArrayList<>(operandFiles());
        if (b != null) for (ImageHandlerBatch.Item item : b.items()) inputs.add(Path.of(item.file()));
        AtomicOutput.checkNotInput(output, inputs.toArray(Path[]::new));
        int modes = (average ? 1 : 0) + (averageAllMovieFrames ? 1 : 0) + (movieSums() ? 1 : 0) + (avgAmpl ? 1 : 0) + (avgAmpl2 ? 1 : 0);
        if (!s.equals(ImageHandlerSettings.rebox(s.angpix(), Double.NaN, 0)) || forceHeaderAngpix != -1 || modes > 1)
            throw new IllegalArgumentException("--average, --average_all_movie_frames, --avg_first/--avg_last, --avg_bin, --avg_ampl and "
                    + "--avg_ampl2 take the images "
                    + "as read and nothing else; give other options in a second run");
        AtomicOutput.checkWritable(output, force);
        FloatVolume result;
        if (avgAmpl || avgAmpl2) {
            SpectrumAverage mean = new SpectrumAverage(avgAmpl2);
            if (b == null) mean.add(single);
            else ImageHandlerBatch.forEach(b, (item, image) -> mean.add(image));
            result = mean.mean();
        } else {
            result = average || averageAllMovieFrames ? ImageHandlerBatch.average(b)
                    : avgBin > 0 ? MovieFrameSums.bins(b, avgBin) : MovieFrameSums.range(b, avgFirst, avgLast);
        }
        boolean stack = b != null && result.nz() > 1 && !(avgAmpl || avgAmpl2);
        if (stack && !output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mrcs"))
            throw new IllegalArgumentException("--o " + output + ": " + result.nz() + " images make a stack; give it a .mrcs name");
        if (stack) MrcFile.writeStack(output, result, MrcMode.FLOAT32, force);
        else MrcFile.write(output, result, MrcMode.FLOAT32, force);
        spec.commandLine().getOut().printf("image_handler: %s of %s -> %s%n", average || averageAllMovieFrames ? "average" : avgAmpl ? "mean amplitude spectrum"
                : avgAmpl2 ? "mean power spectrum" : "frame sums", b == null ? input : b.items().size() + " images of " + input, output);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void warnAboutTinyDivisors(ImageHandlerSettings s) {
        if (s.operation() instanceof ImageOperation.WithImage w && w.hasTinyDivisors())
            spec.commandLine().getErr().println("Warning: " + divide + " has values below 1e-10 in magnitude; those voxels become 0");
    }

    /** --fsc (against {@code other}) or --power (other null): the STAR table on standard output, as RELION prints it. */
    private void printTable(PrintWriter out, FloatVolume in, ImageHandlerSettings s, FloatVolume other) throws IOException {
        FloatVolume v = ImageHandler.prepare(in, s).withPixelSize(ImageHandler.angpix(in, s));
        StarFile table = other != null ? SpectrumTables.fsc(Fsc.of(v, other.withPixelSize(v.pixelSize())))
                : SpectrumTables.power(RadialSpectrum.power(v), v.nx(), v.pixelSize());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        table.write(text);
        out.print(text.toString(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The options as settings; operand images (--multiply ...) must be nx x ny x nz, the input
     * images' size; headerAngpix is the input's, used where --angpix is not given.
     */
    private ImageHandlerSettings settings(int nx, int ny, int nz, double headerAngpix) throws IOException {
        double px = unset(angpix, "--angpix");
        return new ImageHandlerSettings(px, addEdge ? new EdgeFill(edgeX0, edgeXF, edgeY0, edgeYF) : null, nanReplacement(),
                Math.max(0, phaseRandomise), operation(nx, ny, nz, Double.isNaN(px) ? headerAngpix : px),
                new FilterSettings(bfactor, Math.max(0, logDiameter), Math.max(0, lowpass), Math.max(0, highpass), filterEdgeWidth, axis()),
                flip(), shift(), unset(rescaleAngpix, "--rescale_angpix"), newBox == -1 ? 0 : newBox, sym,
                thresholdAbove == null ? Double.NaN : thresholdAbove, thresholdBelow == null ? Double.NaN : thresholdBelow);
    }

    /** RELION applies only the first of these it finds and ignores the rest; we refuse the mix instead. */
    private ImageOperation operation(int nx, int ny, int nz, double angpix) throws IOException {
        record ImageOption(String name, Path file, Arithmetic op) {}
        List<ImageOption> images = List.of(new ImageOption("--multiply", multiply, Arithmetic.MULTIPLY),
                new ImageOption("--divide", divide, Arithmetic.DIVIDE), new ImageOption("--add", add, Arithmetic.ADD),
                new ImageOption("--subtract", subtract, Arithmetic.SUBTRACT));
        List<String> given = new ArrayList<>();
        ImageOperation op = null;
        if (invert) { given.add("--invert"); op = new ImageOperation.Constant(Arithmetic.MULTIPLY, -1); }
        if (multiplyConstant != null) { given.add("--multiply_constant"); op = new ImageOperation.Constant(Arithmetic.MULTIPLY, multiplyConstant); }
        if (divideConstant != null) { given.add("--divide_constant"); op = new ImageOperation.Constant(Arithmetic.DIVIDE, divideConstant); }
        if (addConstant != null) { given.add("--add_constant"); op = new ImageOperation.Constant(Arithmetic.ADD, addConstant); }
        if (subtractConstant != null) { given.add("--subtract_constant"); op = new ImageOperation.Constant(Arithmetic.SUBTRACT, subtractConstant); }
        ImageOption withImage = null;
        for (ImageOption o : images) {
            if (o.file() == null) continue;
            given.add(o.name());
            withImage = o;
        }
        if (adjustPower != null) given.add("--adjust_power");
        if (fourierFilter != null) given.add("--fourier_filter");
        if (correctAvgAmpl != null) given.add("--correct_avg_ampl");
        if (fsc != null) given.add("--fsc");
        if (power) given.add("--power");
        if (given.size() > 1)
            throw new IllegalArgumentException("give only one of " + String.join(", ", given)
                    + " (relion_image_handler would silently apply only one of them)");
        boolean fitted = optimiseScaleSubtract || optimiseBfactorSubtract != 0 || maskOptimiseSubtract != null;
        if (fitted && (subtract == null || !optimiseScaleSubtract))
            throw new IllegalArgumentException("--optimise_bfactor_subtract and --mask_optimise_subtract go with --optimise_scale_subtract, "
                    + "and that with --subtract");
        if (adjustPower != null) return new AdjustPower(readOperand(adjustPower, "--adjust_power", nx, ny, nz));
        if (fourierFilter != null) return new FourierFilter(readOperand(fourierFilter, "--fourier_filter", nx, ny, nz), 0);
        if (correctAvgAmpl != null)
            return CorrectAmplitudes.of(MrcFile.read(correctAvgAmpl), minrAmplCorr);   // its size is checked on use
        if (withImage == null) return op;
        FloatVolume operand = readOperand(withImage.file(), withImage.name(), nx, ny, nz);
        if (!fitted) return new ImageOperation.WithImage(withImage.op(), operand);
        FloatVolume mask = maskOptimiseSubtract == null ? null : readOperand(maskOptimiseSubtract, "--mask_optimise_subtract", nx, ny, nz);
        return new FittedSubtraction(operand, mask, optimiseBfactorSubtract, angpix);
    }

    private List<Path> operandFiles() {
        List<Path> files = new ArrayList<>(List.of(ImageHandlerBatch.fileOf(input)));
        for (Path p : new Path[]{multiply, divide, add, subtract, fsc, adjustPower, fourierFilter, correctAvgAmpl, maskOptimiseSubtract}) if (p != null) files.add(p);
        return files;
    }

    /** Another image for an image-by-image option: it must have the input's size. */
    private FloatVolume readOperand(Path file, String option, int nx, int ny, int nz) throws IOException {
        FloatVolume v = MrcFile.read(file);
        if (v.nx() != nx || v.ny() != ny || v.nz() != nz)
            throw new IllegalArgumentException(option + " " + file + " is " + v.nx() + "x" + v.ny() + "x" + v.nz()
                    + " but the images of --i " + input + " are " + nx + "x" + ny + "x" + nz);
        return v;
    }

    /** RELION ignores --replace_nan without --remove_nan; we refuse it. */
    private double nanReplacement() {
        if (replaceNan != null && !removeNan) throw new IllegalArgumentException("--replace_nan goes with --remove_nan");
        return removeNan ? (replaceNan == null ? 0 : replaceNan) : Double.NaN;
    }

    private Flip flip() {
        List<Flip> flips = new ArrayList<>();
        if (flipX) flips.add(Flip.X);
        if (flipY) flips.add(Flip.Y);
        if (flipZ) flips.add(Flip.Z);
        if (invertHand) flips.add(Flip.INVERT_HAND);
        if (flipXY) flips.add(Flip.XY);
        if (flipMinusXY) flips.add(Flip.MINUS_XY);
        if (flips.size() > 1)
            throw new IllegalArgumentException("give only one of --flipX, --flipY, --flipZ, --invert_hand, --flipXY, --flipmXY "
                    + "(relion_image_handler would silently apply only one of them)");
        return flips.isEmpty() ? null : flips.get(0);
    }

    private Shift shift() {
        boolean by = shiftX != 0 || shiftY != 0 || shiftZ != 0;
        if (shiftCom && by) throw new IllegalArgumentException("give either --shift_com or --shift_x/y/z, not both");
        if (shiftCom) return new Shift.ToCentreOfMass();
        return by ? new Shift.By(shiftX, shiftY, shiftZ) : null;
    }

    private FourierFilters.Axis axis() {
        if (directional == null || directional.isEmpty()) return null;
        return switch (directional) {
            case "x", "X" -> FourierFilters.Axis.X;
            case "y", "Y" -> FourierFilters.Axis.Y;
            case "z", "Z" -> FourierFilters.Axis.Z;
            default -> throw new IllegalArgumentException("--directional must be X, Y or Z, was '" + directional + "'");
        };
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
