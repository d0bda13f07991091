package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.fourier.Fsc;
import org.cryoj.ui.view.FscCurve;
import org.cryoj.ui.view.FscPlot;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * FSC between two half-maps (both multiplied by the mask, when one is given), or the curve
 * RELION wrote in a run_model.star or postprocess.star; plotted with the 0.143 line, saved as a
 * PNG (beside the first input unless named) and shown when there is a display. Parameter names
 * follow relion_postprocess (--i, --i2, --mask, --angpix).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Show FSC...")
public class ShowFscCommand extends CryoJCommand {
    private static final String TITLE = "Show FSC";

    @Parameter(label = "One of the 2 unfiltered half-maps:", style = Browse.OPEN_MAP, required = false,
            persist = false)
    private File i;

    @Parameter(label = "The other unfiltered half-map:", style = Browse.OPEN_MAP, required = false,
            persist = false)
    private File i2;

    @Parameter(label = "Solvent mask (optional):", style = Browse.OPEN_MAP, required = false, persist = false)
    private File mask;

    @Parameter(label = "OR a run_model.star / postprocess.star:", style = Browse.OPEN_STAR, required = false,
            persist = false)
    private File fsc_star;

    @Parameter(label = "Calibrated pixel size (A)", description = "-1: take it from the half-map header",
            persist = false)
    private double angpix = -1;

    @Parameter(label = "Output PNG", style = Browse.SAVE_PNG, required = false,
            description = "empty: <first input>_fsc.png beside it", persist = false)
    private File o;

    @Parameter(label = "Overwrite an existing output?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Resolution at FSC 0.143 (A)")
    private double resolution;

    @Parameter(type = ItemIO.OUTPUT, label = "FSC curve")
    private FscCurve curve;

    @Parameter(type = ItemIO.OUTPUT, label = "Written PNG")
    private File png;



    @Override
    protected String title() { return TITLE; }

    @Override
    public void run() {
        try {
            boolean halves = given(i) || given(i2);
            if (halves == given(fsc_star))
                throw new IOException("give either --i and --i2 (two half-maps) or --fsc_star (a run_model.star or "
                        + "postprocess.star), " + (halves ? "not both" : "none was given"));
            Path first = halves ? MapFiles.existingInput(i, "--i (first half-map):")
                    : MapFiles.existingInput(fsc_star, "--fsc_star (run_model.star / postprocess.star):");
            Path out = given(o) ? o.toPath() : first.resolveSibling(stem(first) + "_fsc.png");
            MapFiles.writableOutput(out.toFile(), "--o (output PNG):", first, force);
            curve = halves ? fromHalfMaps(first) : FscTables.read(first);
            FscPlot plot = FscPlot.of(curve).withTitle("FSC " + first.getFileName());
            plot.savePng(out, force);
            png = out.toFile();
            plot.show();
            resolution = resolution(curve);
            summary = String.format(Locale.ROOT, "%s: %s; %s", TITLE, plot.resolutionLabel(), out);
            log.info(summary);
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private FscCurve fromHalfMaps(Path first) throws IOException {
        Path second = MapFiles.existingInput(i2, "--i2 (other half-map):");
        FloatVolume a = MrcFile.read(first), b = MrcFile.read(second);
        requireSameBox(a, b, "--i2 (other half-map)");
        double px = angpix == -1 ? a.pixelSize() : angpix;
        if (!(px > 0 && Double.isFinite(px)))
            throw new IllegalArgumentException("--angpix: " + (angpix == -1
                    ? "the header of " + first + " has no pixel size; give one" : "must be > 0, was " + angpix));
        if (given(mask)) {
            FloatVolume m = MrcFile.read(MapFiles.existingInput(mask, "--mask (solvent mask):"));
            requireSameBox(a, m, "--mask (solvent mask)");
            a = times(a, m);
            b = times(b, m);
        }
        double[] fsc = Fsc.of(a, b).fsc().clone();
        // shell 0 is the single DC term: undefined (0/0) for zero-mean maps, and 1 by convention
        if (!Double.isFinite(fsc[0])) fsc[0] = 1;
        for (int s = 1; s < fsc.length; s++)
            if (!Double.isFinite(fsc[s])) fsc[s] = 0; // a shell without power in a map correlates with nothing
        return FscCurve.fromShells(given(mask) ? "masked half-maps" : "half-maps", fsc, px, a.nx());
    }

    /**
     * The 0.143 crossing in Å, interpolated between shells as the plot labels it; the last
     * shell's resolution when the curve never falls below it, NaN when it starts below.
     */
    static double resolution(FscCurve c) {
        double f = c.crossing(FscPlot.THRESHOLD);
        if (Double.isInfinite(f)) {
            double[] freq = c.frequency();
            return 1 / freq[freq.length - 1];
        }
        return 1 / f;
    }

    private static void requireSameBox(FloatVolume a, FloatVolume b, String what) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz())
            throw new IllegalArgumentException(what + ": box " + b.nx() + "x" + b.ny() + "x" + b.nz()
                    + " differs from the first half-map's " + a.nx() + "x" + a.ny() + "x" + a.nz());
    }

    private static FloatVolume times(FloatVolume map, FloatVolume mask) {
        float[] out = map.data().clone(), m = mask.data();
        for (int k = 0; k < out.length; k++) out[k] *= m[k];
        return new FloatVolume(map.nx(), map.ny(), map.nz(), out, map.pixelSize());
    }

    private static boolean given(File f) {
        return f != null && !f.getPath().isBlank();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

}
