package org.cryoj.ui.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.ui.view.MapSlices;
import org.cryoj.ui.view.MapViewer;
import org.cryoj.ui.view.ViewOptions;
import org.cryoj.ui.view.ViewOptions.Backend;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Shows a map, and optionally its mask, with {@link MapViewer}: the chosen viewer if this Fiji
 * has it, else the next one present. Headless it still succeeds: the ImageJ backend builds the
 * image without a window, and the summary says so. The central slices can also be saved as a PNG
 * (for a report, or a macro run without a screen).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Show Map and Mask...")
public class ShowMapCommand extends CryoJCommand {
    private static final String TITLE = "Show Map and Mask";
    static final String AUTO = "Auto", BDV = "BigDataViewer", VIEWER3D = "3D Viewer", IMAGEJ = "ImageJ";

    @Parameter(label = "Input 3D map:", style = Browse.OPEN_MAP, persist = false)
    private File i;

    @Parameter(label = "Mask (optional):", style = Browse.OPEN_MAP, required = false, persist = false)
    private File mask;

    @Parameter(label = "Viewer:", choices = {AUTO, BDV, VIEWER3D, IMAGEJ}, persist = false)
    private String backend = AUTO;

    @Parameter(label = "Isosurface threshold:", description = "NaN: mean + 2 standard deviations of the map",
            persist = false)
    private double iso_threshold = Double.NaN;

    @Parameter(label = "Central slices PNG (optional):", style = Browse.SAVE_PNG, required = false, persist = false,
            description = "the map's central XY, XZ and YZ slices side by side, the mask outlined; empty: none")
    private File o;

    @Parameter(label = "Overwrite an existing PNG?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Viewer used")
    private String viewer;

    @Override
    protected String title() { return TITLE; }

    @Override
    public void run() {
        try {
            ViewOptions options = ViewOptions.options().backend(backend(backend)).isoThreshold(iso_threshold);
            Path in = MapFiles.existingInput(i, "--i (Input 3D map):");
            FloatVolume map = MrcFile.read(in);
            options = options.title(in.getFileName().toString());
            Path m = mask != null && !mask.getPath().isBlank() ? MapFiles.existingInput(mask, "--mask (Mask):") : null;
            FloatVolume maskMap = m == null ? null : MrcFile.read(m);
            Path png = o != null && !o.getPath().isBlank() ? MapFiles.writableOutput(o, "--o (Central slices PNG):", in, force) : null;
            if (maskMap == null) {
                viewer = MapViewer.show(map, options);
            } else {
                try {
                    viewer = MapViewer.showWithMask(map, maskMap, options);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--mask (Mask): " + e.getMessage());
                }
            }
            if (png != null) MapSlices.writePng(map, maskMap, png, force);
            summary = TITLE + ": " + in + (m == null ? "" : " with mask " + m) + " in " + viewer;
            if (GraphicsEnvironment.isHeadless()) summary += " (headless: image built, no window)";
            if (png != null) summary += "; slices " + png;
            log.info(summary);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    static Backend backend(String choice) {
        if (choice == null) return Backend.AUTO;
        return switch (choice.trim()) {
            case AUTO -> Backend.AUTO;
            case BDV -> Backend.BDV;
            case VIEWER3D -> Backend.VIEWER3D;
            case IMAGEJ -> Backend.IMAGEJ;
            default -> throw new IllegalArgumentException("--backend (Viewer:) must be one of " + AUTO + ", " + BDV
                    + ", " + VIEWER3D + ", " + IMAGEJ + "; was '" + choice + "'");
        };
    }

}
