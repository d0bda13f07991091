package org.cryoj.ui.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Fiji face of {@code relion_image_handler --i in.mrc --o out.mrc --angpix A --rescale_angpix B --new_box N}.
 * Parameter names are RELION's option names on purpose: they are the macro keys, both here
 * and in the ImageJ 1 bridge, so a recorded macro line reads like the RELION command.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Cryo-EM>Rescale Map...")
public class RescaleMapCommand extends CryoJCommand {

    @Parameter(label = "Input image (.mrc)", style = Browse.OPEN_MAP, persist = false)
    private File i;

    @Parameter(label = "Output name", style = Browse.SAVE_MAP, persist = false)
    private File o;

    @Parameter(label = "Pixel size (in A)", description = "-1: take it from the map header", persist = false)
    private double angpix = -1;

    @Parameter(label = "Scale input image(s) to this new pixel size (in A)", description = "-1: no rescaling",
            persist = false)
    private double rescale_angpix = -1;

    @Parameter(label = "Resize the image(s) to this new box size (in pixel)", description = "-1: keep the box",
            persist = false)
    private int new_box = -1;

    @Parameter(label = "Overwrite an existing output?", persist = false)
    private boolean force;

    @Parameter(type = ItemIO.OUTPUT, label = "Written map")
    private File written;



    @Override
    protected String title() { return "Rescale Map"; }

    @Override
    public void run() {
        try {
            ImageHandlerSettings settings = ImageHandlerSettings.rebox(
                    MapFiles.unset(angpix), MapFiles.unset(rescale_angpix), new_box == -1 ? 0 : new_box);
            Path in = MapFiles.existingInput(i, "--i (input image):");
            Path out = MapFiles.writableOutput(o, "--o (output name):", in, force);
            FloatVolume map = MrcFile.read(in);
            FloatVolume result = ImageHandler.apply(map, settings);
            MrcFile.write(out, result, MrcMode.FLOAT32, force);
            written = out.toFile();
            summary = String.format("Rescale Map: %s (%dx%dx%d, %.4f Å) -> %s (%dx%dx%d, %.4f Å)",
                    in, map.nx(), map.ny(), map.nz(), map.pixelSize(),
                    out, result.nx(), result.ny(), result.nz(), result.pixelSize());
            log.info(summary);
        } catch (IOException | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

}
