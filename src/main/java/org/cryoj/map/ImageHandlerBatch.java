package org.cryoj.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.mrc.MrcStackReader;
import org.cryoj.io.mrc.MrcStackWriter;
import org.cryoj.io.mrc.StackReaders;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/**
 * relion_image_handler on a stack (.mrcs) or on the images a STAR file lists: every image is
 * processed on its own. With an output name ending in .mrcs all results go into that one stack,
 * in input order; otherwise the name is a suffix, and the images of stack {@code a.mrcs} go to
 * {@code a_<suffix>.mrcs}. For a STAR input a copy of the STAR file naming the new images is
 * written beside it, {@code <input>_<output name>.star}, its optics groups given the new box and
 * (when rescaled) pixel size. Image names in a STAR file are relative to the current directory,
 * as RELION reads them.
 */
public final class ImageHandlerBatch {
    private ImageHandlerBatch() {}

    /** One image to process: its name as RELION prints it, its file, 0-based index and in-plane angle (rlnAnglePsi, else 0). */
    public record Item(String name, String file, int index, double psi) {}

    /** A stack or STAR input and the images it names; {@link #process} rewrites the names in its STAR table. */
    public record Input(Path path, List<Item> items, StarFile star, StarTable table) {
        public boolean isStar() { return star != null; }
    }

    /** Whether RELION would treat this --i as a batch: a .star file, or a .mrcs file not named as N@stack. */
    public static boolean isBatch(Path input) {
        String n = input.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".star") || (n.endsWith(".mrcs") && !isStackImage(input));
    }

    /** Whether --i names one image of a stack, N@stack.mrcs. */
    static boolean isStackImage(Path input) {
        return input.toString().matches("\\d+@.+");
    }

    /** The file --i reads: the stack of N@stack.mrcs, else --i itself. */
    public static Path fileOf(Path input) {
        return isStackImage(input) ? Path.of(input.toString().substring(input.toString().indexOf('@') + 1)) : input;
    }

    /** A single map or image: a whole file, or image N of a stack named N@stack.mrcs. */
    public static FloatVolume readSingle(Path input) throws IOException {
        if (!isStackImage(input)) return MrcFile.read(input);
        ImageReference ref = ImageReference.parse(input.toString());
        try (MrcStackReader r = MrcStackReader.open(Path.of(ref.file()))) {
            if (ref.zeroBasedIndex() >= r.size())
                throw new InputFormatException(Path.of(ref.file()), -1, "nz", "image " + ref.index() + " asked for, the stack holds " + r.size());
            return r.image(ref.zeroBasedIndex());
        }
    }

    public static Input read(Path input) throws IOException {
        List<Item> items = new ArrayList<>();
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mrcs")) {
            int n = MrcFile.readHeader(input).nz();
            for (int i = 0; i < n; i++) items.add(new Item(new ImageReference(i + 1, input.toString()).toString(), input.toString(), i, 0));
            return new Input(input, items, null, null);
        }
        StarFile star = StarFile.read(input);
        if (star.blocks().isEmpty()) throw new InputFormatException(input, -1, "data_", "no data block");
        String block = star.hasBlock("particles") ? "particles" : star.blocks().get(star.blocks().size() - 1).name();
        StarTable t = star.block(block).table();
        t.requireColumns(StarLabel.IMAGE_NAME);
        for (int r = 0; r < t.rowCount(); r++) {
            String name = t.getString(r, StarLabel.IMAGE_NAME);
            ImageReference ref = ImageReference.parse(name, input, t.line(r), StarLabel.IMAGE_NAME.label());
            double psi = t.hasColumn(StarLabel.ANGLE_PSI) ? t.getDouble(r, StarLabel.ANGLE_PSI) : 0;
            items.add(new Item(name, ref.file(), ref.zeroBasedIndex(), psi));
        }
        if (items.isEmpty()) throw new InputFormatException(input, -1, StarLabel.IMAGE_NAME.label(), "the STAR file lists no images");
        return new Input(input, items, star, t);
    }

    /**
     * --average_all_movie_frames: every frame of every movie (an MRC stack) a STAR file lists in
     * rlnMicrographMovieName. The movies must hold the same number of frames (RELION reads as
     * many from each as the first has).
     */
    public static Input readMovieFrames(Path star) throws IOException {
        StarFile file = StarFile.read(star);
        if (file.blocks().isEmpty()) throw new InputFormatException(star, -1, "data_", "no data block");
        StarTable t = file.blocks().get(file.blocks().size() - 1).table();
        t.requireColumns(StarLabel.MICROGRAPH_MOVIE_NAME);
        List<Item> items = new ArrayList<>();
        int frames = -1;
        for (int r = 0; r < t.rowCount(); r++) {
            String movie = t.getString(r, StarLabel.MICROGRAPH_MOVIE_NAME);
            int n = MrcFile.readHeader(Path.of(movie)).nz();
            if (frames >= 0 && n != frames)
                throw new InputFormatException(star, t.line(r), StarLabel.MICROGRAPH_MOVIE_NAME.label(),
                        movie + " holds " + n + " frames, the first movie " + frames);
            frames = n;
            for (int i = 0; i < n; i++) items.add(new Item(new ImageReference(i + 1, movie).toString(), movie, i, 0));
        }
        if (items.isEmpty()) throw new InputFormatException(star, -1, StarLabel.MICROGRAPH_MOVIE_NAME.label(), "the STAR file lists no movies");
        return new Input(star, items, null, null);
    }

    /** Visits every image in order, read one at a time. */
    public static void forEach(Input in, ImageVisitor visitor) throws IOException {
        Map<String, MrcHeader> headers = new HashMap<>();
        StackReaders readers = null;
        try {
            for (Item item : in.items()) {
                MrcHeader h = headers.get(item.file());
                if (h == null) {
                    h = MrcFile.readHeader(Path.of(item.file()));
                    headers.put(item.file(), h);
                }
                if (readers == null) readers = new StackReaders(h.nx(), h.ny(), StackReaders.DEFAULT_MAX_OPEN);
                float[] d = readers.read(Path.of(item.file()), item.index(), null);
                visitor.visit(item, new FloatVolume(h.nx(), h.ny(), 1, d, h.pixelSizeX() > 0 ? h.pixelSizeX() : 1.0));
            }
        } finally {
            if (readers != null) readers.close();
        }
    }

    @FunctionalInterface
    public interface ImageVisitor { void visit(Item item, FloatVolume image) throws IOException; }

    /** --average: the mean of the images as read, in double precision; the first image's pixel size. */
    public static FloatVolume average(Input in) throws IOException {
        double[][] sum = {null};
        FloatVolume[] first = {null};
        forEach(in, (item, image) -> {
            if (sum[0] == null) {
                sum[0] = new double[image.data().length];
                first[0] = image;
            }
            float[] d = image.data();
            for (int i = 0; i < d.length; i++) sum[0][i] += d[i];
        });
        float[] mean = new float[sum[0].length];
        for (int i = 0; i < mean.length; i++) mean[i] = (float) (sum[0][i] / in.items().size());
        return new FloatVolume(first[0].nx(), first[0].ny(), 1, mean, first[0].pixelSize());
    }

    /** What a batch run wrote. */
    public record Written(List<Path> stacks, Path star, int images) {}

    /**
     * Processes every image and writes the stacks, then, for a STAR input, the new STAR file;
     * each under a temporary name renamed into place when complete.
     *
     * @param output            --o as given: a stack name ending in .mrcs, or a suffix
     * @param forceHeaderAngpix pixel size written into the headers; NaN = the result's
     */
    public static Written process(Input in, String output, ImageHandlerSettings s, double forceHeaderAngpix, boolean overwrite)
            throws IOException {
        boolean oneStack = output.toLowerCase(Locale.ROOT).endsWith(".mrcs");
        Set<Path> inputs = new HashSet<>();
        inputs.add(normal(in.path().toString()));
        for (Item item : in.items()) inputs.add(normal(item.file()));
        Path starOut = null;
        if (in.isStar()) {
            // named from --o's file name, beside the input STAR file
            String name = Path.of(output).getFileName().toString();
            starOut = in.path().resolveSibling(insertBeforeExtension(in.path().getFileName().toString(), "_" + name));
            checkNotAnInput(inputs, starOut.toString());
            AtomicOutput.checkWritable(starOut, overwrite);
        }
        Map<String, MrcStackWriter> writers = new LinkedHashMap<>();
        List<String> newNames = new ArrayList<>();
        int[] box = {0};
        double[] angpix = {0};
        try {
            forEach(in, (item, image) -> {
                // --fourier_filter turns its filter by each image's psi, as RELION does
                FloatVolume out = ImageHandler.apply(image, s.operation() instanceof FourierFilter f
                        ? s.withOperation(new FourierFilter(f.filter(), item.psi())) : s);
                box[0] = out.nx();
                angpix[0] = out.pixelSize();
                if (!Double.isNaN(forceHeaderAngpix)) out = out.withPixelSize(forceHeaderAngpix);
                String target = oneStack ? output : insertBeforeExtension(item.file(), "_" + output);
                MrcStackWriter w = writers.get(target);
                if (w == null) {
                    checkNotAnInput(inputs, target);
                    w = MrcStackWriter.create(Path.of(target), out.nx(), out.ny(), out.pixelSize(), MrcMode.FLOAT32, overwrite);
                    writers.put(target, w);
                }
                w.append(out);
                newNames.add(new ImageReference(w.count(), target).toString());
            });
            List<Path> stacks = new ArrayList<>();
            for (Map.Entry<String, MrcStackWriter> e : writers.entrySet()) {
                e.getValue().commit();
                stacks.add(Path.of(e.getKey()));
            }
            if (in.isStar()) {
                for (int r = 0; r < newNames.size(); r++) in.table().setString(r, StarLabel.IMAGE_NAME, newNames.get(r));
                updateOptics(in.star(), s, box[0], angpix[0]);
                in.star().write(starOut, overwrite);
            }
            return new Written(stacks, starOut, newNames.size());
        } finally {
            for (MrcStackWriter w : writers.values()) w.close();
        }
    }

    /** RELION writes the new box (rescaled or re-boxed) and the rescaled pixel size into every optics group. */
    private static void updateOptics(StarFile star, ImageHandlerSettings s, int box, double angpix) throws IOException {
        if (!star.hasBlock("optics")) return;
        StarTable optics = star.block("optics").table();
        boolean rescaled = !Double.isNaN(s.rescaleAngpix());
        for (int r = 0; r < optics.rowCount(); r++) {
            if ((rescaled || s.newBox() > 0) && optics.hasColumn(StarLabel.IMAGE_SIZE)) optics.setInt(r, StarLabel.IMAGE_SIZE, box);
            if (rescaled && optics.hasColumn(StarLabel.IMAGE_PIXEL_SIZE)) optics.setDouble(r, StarLabel.IMAGE_PIXEL_SIZE, angpix);
        }
    }

    private static void checkNotAnInput(Set<Path> inputs, String target) throws IOException {
        if (inputs.contains(normal(target))) throw new IOException(target + ": output would overwrite an input");
    }

    private static Path normal(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /** RELION's FileName::insertBeforeExtension: "a/b.mrcs" + "_x" gives "a/b_x.mrcs". */
    static String insertBeforeExtension(String name, String insert) {
        int slash = name.lastIndexOf('/'), dot = name.lastIndexOf('.');
        if (dot <= slash) return name + insert;
        return name.substring(0, dot) + insert + name.substring(dot);
    }
}
