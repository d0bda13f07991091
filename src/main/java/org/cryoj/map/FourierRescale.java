package org.cryoj.map;

import org.cryoj.fourier.FourierWindow;
import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --rescale_angpix: Fourier cropping or padding to the box
 * ROUND(box * angpix / rescale_angpix), made even by rounding down; the header gets the pixel size
 * that box really gives, old box * angpix / new box. A non-square image (a micrograph) is first
 * padded with zeros to a square of its longer side, rescaled, then cut to its own sides rescaled
 * the same way (each made even), as RELION does.
 */
public final class FourierRescale {
    private FourierRescale() {}

    /** Largest box a rescaled map (nz &gt; 1) or image may have. */
    static final int MAX_MAP_BOX = 4096, MAX_IMAGE_BOX = 32768;

    public static FloatVolume apply(FloatVolume v, double angpix, double rescaleAngpix) {
        boolean image = v.nz() == 1;
        if (!image && !v.isCube())
            throw new IllegalArgumentException("--rescale_angpix needs a cubic map or a 2D image, got " + v.nx() + "x" + v.ny() + "x" + v.nz());
        if (v.nx() == v.ny()) {
            int size = newBox(v.nx(), image, angpix, rescaleAngpix);
            return FourierWindow.resize(v, size, v.nx() * angpix / size);
        }
        int old = Math.max(v.nx(), v.ny());
        int size = newBox(old, true, angpix, rescaleAngpix);
        double realAngpix = old * angpix / size;
        FloatVolume square = FourierWindow.resize(CentredWindow.window(v, old, old, 1), size, realAngpix);
        return CentredWindow.window(square, evenRound(v.nx() * angpix / realAngpix), evenRound(v.ny() * angpix / realAngpix), 1);
    }

    /** RELION's rule: ROUND(box * angpix / rescale_angpix), then made even by rounding down. */
    public static int newBox(int box, boolean image, double angpix, double rescaleAngpix) {
        long size = Math.round(box * angpix / rescaleAngpix);
        size -= size % 2;
        int max = image ? MAX_IMAGE_BOX : MAX_MAP_BOX;
        if (size < 2 || size > max)
            throw new IllegalArgumentException("--rescale_angpix " + rescaleAngpix + " would turn box " + box + " at "
                    + angpix + " A/px into box " + size + "; it must be between 2 and " + max);
        return (int) size;
    }

    private static int evenRound(double x) {
        long n = Math.round(x);
        return (int) Math.max(2, n - n % 2);
    }
}
