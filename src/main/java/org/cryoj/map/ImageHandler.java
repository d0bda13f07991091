package org.cryoj.map;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.fourier.FourierWindow;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;

/**
 * Applies {@link ImageHandlerSettings} to a map, in relion_image_handler's order: invert (its
 * --multiply_constant -1), low-pass, high-pass, Fourier rescale, real-space re-box, symmetrise.
 */
public final class ImageHandler {
    private ImageHandler() {}

    /**
     * @param in a cubic map or a square image; its voxel size is the header's
     * @return the result; its voxel size is the input's unless rescaled, then the pixel size the
     *         even box really gives, old box * angpix / new box, as RELION writes it
     */
    public static FloatVolume apply(FloatVolume in, ImageHandlerSettings s) {
        double angpix = Double.isNaN(s.angpix()) ? in.pixelSize() : s.angpix();
        SymmetryGroup group = symmetryGroup(s.sym());
        FloatVolume v = in;
        if (s.invert()) {
            float[] d = v.data().clone();
            for (int i = 0; i < d.length; i++) d[i] = -d[i];
            v = new FloatVolume(v.nx(), v.ny(), v.nz(), d, v.pixelSize());
        }
        if (s.lowpass() > 0) v = FourierFilters.lowPass(v, s.lowpass(), angpix, FourierFilters.DEFAULT_EDGE_WIDTH);
        if (s.highpass() > 0) v = FourierFilters.highPass(v, s.highpass(), angpix, FourierFilters.DEFAULT_EDGE_WIDTH);
        if (!Double.isNaN(s.rescaleAngpix())) {
            int newSize = rescaledBox(v, angpix, s.rescaleAngpix());
            v = FourierWindow.resize(v, newSize, v.nx() * angpix / newSize);
        }
        if (s.newBox() > 0 && s.newBox() != v.nx()) v = CentredWindow.window(v, s.newBox());
        if (group != null) v = MapSymmetriser.symmetrise(v, group);
        return v == in ? in.copy() : v;
    }

    /** RELION's rule: ROUND(box * angpix / rescale_angpix), then made even by rounding down. */
    public static int rescaledBox(FloatVolume v, double angpix, double rescaleAngpix) {
        boolean ok = v.nz() == 1 ? v.nx() == v.ny() : v.isCube();
        if (!ok) throw new IllegalArgumentException("--rescale_angpix needs a cubic map or a square image, got "
                + v.nx() + "x" + v.ny() + "x" + v.nz());
        long size = Math.round(v.nx() * angpix / rescaleAngpix);
        size -= size % 2;
        if (size < 2 || size > 4096)
            throw new IllegalArgumentException("--rescale_angpix " + rescaleAngpix + " would turn box " + v.nx() + " at "
                    + angpix + " A/px into box " + size + "; it must be between 2 and 4096");
        return (int) size;
    }

    /** relion_image_handler --stats: one line per map, numbers printed as C++ streams print them. */
    public static String statsLine(String name, FloatVolume v) {
        ImageStatistics st = ImageStatistics.of(v.data());
        return name + " : (x,y,z,n)= " + v.nx() + " x " + v.ny() + " x " + v.nz() + " x 1 ; avg= " + cpp(st.mean())
                + " stddev= " + cpp(st.stddev()) + " minval= " + cpp(st.min()) + " maxval= " + cpp(st.max())
                + "; angpix = " + cpp(v.pixelSize());
    }

    /** A C++ ostream's default format: 6 significant digits, no trailing zeros, exponent outside [1e-5, 1e6). */
    static String cpp(double x) {
        if (x == 0 || !Double.isFinite(x)) return x == 0 ? "0" : Double.toString(x).toLowerCase(Locale.ROOT);
        BigDecimal b = new BigDecimal(x).round(new MathContext(6));
        int exp = b.precision() - b.scale() - 1;
        if (exp >= -5 && exp < 6) return b.stripTrailingZeros().toPlainString();
        BigDecimal mant = b.movePointLeft(exp).stripTrailingZeros();
        return mant.toPlainString() + (exp < 0 ? "e-" : "e+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }

    /** @return the point group, or null for none (C1) */
    private static SymmetryGroup symmetryGroup(String sym) {
        if (sym == null || sym.isBlank() || sym.trim().equalsIgnoreCase("C1")) return null;
        return SymmetryGroup.parse(sym.trim());
    }
}
