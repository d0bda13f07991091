package org.cryoj.ui.view;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.util.Optional;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.LUT;

/**
 * Plain ImageJ 1, always present: a calibrated 32-bit hyperstack (the mask as a second,
 * coloured channel of a composite) plus the Orthogonal Views command. Headless, it only builds
 * the image, so callers and tests can still inspect what would have been shown.
 */
public final class ImageJBackend implements ViewerBackend {

    private final boolean headless;

    public ImageJBackend() {
        this(GraphicsEnvironment.isHeadless());
    }

    ImageJBackend(boolean headless) {
        this.headless = headless;
    }

    @Override public String name() { return "ImageJ hyperstack"; }

    @Override public Optional<String> unavailableReason() { return Optional.empty(); }

    @Override
    public void show(FloatVolume map, FloatVolume mask, ViewOptions options) {
        ImagePlus imp = build(map, mask, options);
        if (headless) return;
        imp.show();
        // a batch-mode macro shows images without windows, and Orthogonal Views needs one
        if (map.nz() > 1 && imp.getWindow() != null) IJ.run(imp, "Orthogonal Views", "");
    }

    /** The image {@link #show} displays. */
    static ImagePlus build(FloatVolume map, FloatVolume mask, ViewOptions options) {
        ImagePlus mapImp = ImagePlusConverter.toImagePlus(map, options.title());
        if (mask == null) return mapImp;
        MapViewer.checkSameGrid(map, mask);
        ImageStack mapStack = mapImp.getStack();
        ImageStack maskStack = ImagePlusConverter.toImagePlus(mask, "mask").getStack();
        ImageStack both = new ImageStack(map.nx(), map.ny());
        for (int z = 1; z <= map.nz(); z++) { // hyperstack order: channel varies fastest
            both.addSlice("map", mapStack.getProcessor(z));
            both.addSlice("mask", maskStack.getProcessor(z));
        }
        ImagePlus imp = new ImagePlus(options.title(), both);
        imp.setDimensions(2, map.nz(), 1);
        imp.setCalibration(ImagePlusConverter.calibration(map.pixelSize()));
        CompositeImage comp = new CompositeImage(imp, IJ.COMPOSITE);
        ImageStatistics s = ImageStatistics.of(map.data());
        comp.setChannelLut(lut(Color.WHITE, s.min(), s.max() > s.min() ? s.max() : s.min() + 1), 1);
        // a mask value of 1 shows at the chosen opacity: full colour only at 1 / alpha
        double maskTop = options.maskAlpha() > 0 ? 1 / options.maskAlpha() : Float.MAX_VALUE;
        comp.setChannelLut(lut(options.maskColor(), 0, maskTop), 2);
        comp.setPositionWithoutUpdate(1, map.nz() / 2 + 1, 1);
        return comp;
    }

    private static LUT lut(Color color, double min, double max) {
        LUT lut = LUT.createLutFromColor(color);
        lut.min = min;
        lut.max = max;
        return lut;
    }
}
