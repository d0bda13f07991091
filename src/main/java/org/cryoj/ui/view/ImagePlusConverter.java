package org.cryoj.ui.view;

import java.util.Locale;

import org.cryoj.image.FloatVolume;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * FloatVolume &lt;-&gt; ImageJ 1 ImagePlus, 32-bit, calibrated in Å. Lives in the UI package:
 * GUI-free code works on FloatVolume only. A single 2D image shares its array with the
 * ImagePlus; a 3D stack is copied once, because an ImageStack holds one array per slice while
 * FloatVolume holds one array for the whole volume.
 */
public final class ImagePlusConverter {

    public static final String ANGSTROM = "\u00c5";

    private ImagePlusConverter() {}

    public static ImagePlus toImagePlus(FloatVolume v, String title) {
        ImageStack stack = new ImageStack(v.nx(), v.ny());
        int plane = v.nx() * v.ny();
        for (int z = 0; z < v.nz(); z++) {
            float[] slice;
            if (v.nz() == 1) {
                slice = v.data();
            } else {
                slice = new float[plane];
                System.arraycopy(v.data(), z * plane, slice, 0, plane);
            }
            stack.addSlice(null, new FloatProcessor(v.nx(), v.ny(), slice));
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setCalibration(calibration(v.pixelSize()));
        imp.resetDisplayRange();
        return imp;
    }

    /**
     * 8-bit copy with {@code min -> 0} and {@code max -> 255} (clamped), for viewers that render
     * bytes (3D Viewer); the scaling is ours, so a threshold in map units maps to a known byte.
     */
    public static ImagePlus toByteImagePlus(FloatVolume v, String title, double min, double max) {
        if (!(max > min)) throw new IllegalArgumentException("byte range needs max > min, was " + min + ".." + max);
        ImageStack stack = new ImageStack(v.nx(), v.ny());
        int plane = v.nx() * v.ny();
        float[] d = v.data();
        for (int z = 0; z < v.nz(); z++) {
            byte[] b = new byte[plane];
            for (int i = 0; i < plane; i++) b[i] = (byte) toByte(d[z * plane + i], min, max);
            stack.addSlice(null, new ByteProcessor(v.nx(), v.ny(), b));
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setCalibration(calibration(v.pixelSize()));
        return imp;
    }

    /** The byte {@link #toByteImagePlus} writes for a value. */
    public static int toByte(double value, double min, double max) {
        long b = Math.round(255 * (value - min) / (max - min));
        return (int) Math.max(0, Math.min(255, b));
    }

    /**
     * One-channel, one-frame ImagePlus (any bit depth) to a FloatVolume. The pixel size comes
     * from the spatial calibration, converted to Å; it must be the same along x, y (and z).
     */
    public static FloatVolume toVolume(ImagePlus imp) {
        if (imp.getNChannels() != 1 || imp.getNFrames() != 1)
            throw new IllegalArgumentException(imp.getTitle() + ": expected one channel and one frame, found "
                    + imp.getNChannels() + " channels and " + imp.getNFrames() + " frames");
        Calibration cal = imp.getCalibration();
        double toAngstrom = angstromsPerUnit(imp.getTitle(), cal.getUnit());
        double px = cal.pixelWidth * toAngstrom;
        checkSame(imp, "pixel height", cal.pixelHeight * toAngstrom, px);
        int nx = imp.getWidth(), ny = imp.getHeight(), nz = imp.getNSlices();
        if (nz > 1) checkSame(imp, "voxel depth", cal.pixelDepth * toAngstrom, px);
        ImageStack stack = imp.getStack();
        int plane = nx * ny;
        if (nz == 1 && stack.getPixels(1) instanceof float[] f) return new FloatVolume(nx, ny, 1, f, px);
        float[] data = new float[Math.multiplyExact(plane, nz)];
        for (int z = 0; z < nz; z++) {
            ImageProcessor ip = stack.getProcessor(z + 1);
            if (ip instanceof FloatProcessor) {
                System.arraycopy((float[]) ip.getPixels(), 0, data, z * plane, plane);
            } else {
                // getCValue applies ImageJ's value calibration (e.g. signed 16-bit offsets)
                for (int i = 0; i < plane; i++) data[z * plane + i] = (float) cal.getCValue(ip.getf(i));
            }
        }
        return new FloatVolume(nx, ny, nz, data, px);
    }

    static Calibration calibration(double pixelSize) {
        Calibration cal = new Calibration();
        cal.pixelWidth = cal.pixelHeight = cal.pixelDepth = pixelSize;
        cal.setUnit(ANGSTROM);
        return cal;
    }

    private static double angstromsPerUnit(String title, String unit) {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        switch (u) {
            case "\u00e5", "a", "angstrom", "angstroms": return 1; // lower-cased \u00c5 and \u212b
            case "nm", "nanometer", "nanometers": return 10;
            case "\u00b5m", "um", "micron", "microns", "micrometer": return 1e4;
            default:
                throw new IllegalArgumentException(title + ": spatial unit '" + unit
                        + "' is not a length; set the pixel size in \u00c5 (Image > Properties...)");
        }
    }

    private static void checkSame(ImagePlus imp, String what, double value, double pixelWidth) {
        if (Math.abs(value - pixelWidth) > 1e-6 * pixelWidth)
            throw new IllegalArgumentException(imp.getTitle() + ": " + what + " " + value
                    + " \u00c5 differs from pixel width " + pixelWidth + " \u00c5; cryo-EM maps need cubic voxels");
    }
}
