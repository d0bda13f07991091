package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fiji face of RELION's Mask creation job ({@code relion_mask_create}). Labels and defaults are
 * the RELION GUI's; parameter names are relion_mask_create's option names, which are also the
 * macro keys. The menu name differs from ImageJ's own "Create Mask" (a selection command).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Create Cryo-EM Mask...")
public class CreateMaskCommand extends CryoJCommand {

    @Parameter(label = "Input 3D map:", style = Browse.OPEN_MAP, persist = false)
    private File i;

    @Parameter(label = "Output mask", style = Browse.SAVE_MAP, persist = false)
    private File o;

    @Parameter(label = "Lowpass filter map (A)", description = "-1: no low-pass filter", persist = false)
    private double lowpass = 15;

    @Parameter(label = "Pixel size (A)", description = "-1: take it from the map header", persist = false)
    private double angpix = -1;

    @Parameter(label = "Initial binarisation threshold:", persist = false)
    private double ini_threshold = 0.02;

    @Parameter(label = "Extend binary map this many pixels:", persist = false)
    private double extend_inimask = 3;

    @Parameter(label = "Add a soft-edge of this many pixels:", persist = false)
    private double width_soft_edge = 3;

    @Parameter(label = "Invert the final mask", persist = false)
    private boolean invert;

    @Parameter(label = "Overwrite an existing output?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Written mask")
    private File written;



    @Override
    protected String title() { return "Create Cryo-EM Mask"; }

    @Override
    public void run() {
        try {
            MaskSettings settings = new MaskSettings(ini_threshold, extend_inimask, width_soft_edge,
                    Math.max(0, lowpass), MapFiles.unset(angpix), invert);
            Path in = MapFiles.existingInput(i, "--i (Input 3D map):");
            Path out = MapFiles.writableOutput(o, "--o (output mask):", in, force);
            FloatVolume map = MrcFile.read(in);
            FloatVolume mask = MaskCreator.create(map, settings);
            MrcFile.write(out, mask, MrcMode.FLOAT32, force);
            written = out.toFile();
            summary = String.format("Create Cryo-EM Mask: %s -> %s (%dx%dx%d, %.4f Å, threshold %g, extend %g px, soft edge %g px)",
                    in, out, mask.nx(), mask.ny(), mask.nz(), mask.pixelSize(),
                    ini_threshold, extend_inimask, width_soft_edge);
            log.info(summary);
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

}
