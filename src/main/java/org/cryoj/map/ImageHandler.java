package org.cryoj.map;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import org.cryoj.fourier.BFactor;
import org.cryoj.fourier.FourierFilters;
import org.cryoj.fourier.LaplacianOfGaussian;
import org.cryoj.fourier.PhaseRandomiser;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;

/**
 * Applies {@link ImageHandlerSettings} to a map or image, in relion_image_handler's order:
 * edge fill, diagonal mirror, non-finite values replaced, phases randomised, the image operation, B-factor,
 * Laplacian of Gaussian, low-pass, high-pass, axis mirror, shift, Fourier rescale, real-space
 * re-box, symmetrise, threshold.
 */
public final class ImageHandler {
    private ImageHandler() {}

    /** --phase_randomise uses this seed, so the same command gives the same map. */
    public static final long PHASE_SEED = 0x5eed_1e55_c0ffeeL;

    /**
     * @param in a map or image; its voxel size is the header's
     * @return the result; its voxel size is the input's unless rescaled, then the pixel size the
     *         even box really gives, old box * angpix / new box, as RELION writes it
     */
    public static FloatVolume apply(FloatVolume in, ImageHandlerSettings s) {
        double angpix = angpix(in, s);
        SymmetryGroup group = symmetryGroup(s.sym());
        FloatVolume v = prepare(in, s);
        if (s.operation() != null) v = s.operation().apply(v);
        v = filter(v, s.filters(), angpix);
        if (s.flip() != null && !s.flip().appliedFirst()) v = s.flip().apply(v);
        if (s.shift() instanceof Shift.By b) v = RealSpaceShift.shift(v, b.dx(), b.dy(), b.dz());
        else if (s.shift() instanceof Shift.ToCentreOfMass) v = RealSpaceShift.toCentreOfMass(v);
        if (!Double.isNaN(s.rescaleAngpix())) v = FourierRescale.apply(v, angpix, s.rescaleAngpix());
        if (s.newBox() > 0 && s.newBox() != v.nx()) v = CentredWindow.window(v, s.newBox());
        if (group != null) v = MapSymmetriser.symmetrise(v, group);
        if (!Double.isNaN(s.thresholdAbove()) || !Double.isNaN(s.thresholdBelow()))
            v = VoxelValues.clamp(v, s.thresholdAbove(), s.thresholdBelow());
        return v == in ? in.copy() : v;
    }

    /**
     * The first steps, before the image operation: edge fill, diagonal mirror, non-finite values
     * replaced, phases randomised. --fsc and --power measure this map.
     */
    public static FloatVolume prepare(FloatVolume in, ImageHandlerSettings s) {
        FloatVolume v = in;
        if (s.edge() != null) v = s.edge().apply(v);
        if (s.flip() != null && s.flip().appliedFirst()) v = s.flip().apply(v);
        if (!Double.isNaN(s.nanReplacement())) v = VoxelValues.replaceNonFinite(v, s.nanReplacement());
        if (s.phaseRandomise() > 0)
            v = PhaseRandomiser.beyond(v, (int) (v.nx() * angpix(in, s) / s.phaseRandomise()), PHASE_SEED);
        return v;
    }

    /** The pixel size the settings give, else the header's. */
    public static double angpix(FloatVolume in, ImageHandlerSettings s) {
        return Double.isNaN(s.angpix()) ? in.pixelSize() : s.angpix();
    }

    private static FloatVolume filter(FloatVolume v, FilterSettings f, double angpix) {
        if (f.bfactor() != 0) v = BFactor.apply(v, f.bfactor(), angpix);
        if (f.logDiameter() > 0) v = LaplacianOfGaussian.apply(v, f.logDiameter(), angpix);
        if (f.lowpass() > 0) v = f.directional() == null
                ? FourierFilters.lowPass(v, f.lowpass(), angpix, f.edgeWidth())
                : FourierFilters.directionalLowPass(v, f.lowpass(), angpix, f.edgeWidth(), f.directional());
        if (f.highpass() > 0) v = FourierFilters.highPass(v, f.highpass(), angpix, f.edgeWidth());
        return v;
    }

    /** relion_image_handler --stats: one line per map, numbers printed as C++ streams print them. */
    public static String statsLine(String name, FloatVolume v) {
        ImageStatistics st = ImageStatistics.of(v.data());
        return name + " : (x,y,z,n)= " + v.nx() + " x " + v.ny() + " x " + v.nz() + " x 1 ; avg= " + cpp(st.mean())
                + " stddev= " + cpp(st.stddev()) + " minval= " + cpp(st.min()) + " maxval= " + cpp(st.max())
                + "; angpix = " + cpp(v.pixelSize());
    }

    /** relion_image_handler --com: the centre of mass of the positive voxels relative to the centre voxel. */
    public static String centreOfMassLine(String name, FloatVolume v) {
        double[] c = RealSpaceShift.centreOfMass(v);
        return name + " : center of mass (relative to XmippOrigin) x " + cpp(c[0]) + " y " + cpp(c[1])
                + (v.nz() > 1 ? " z " + cpp(c[2]) : "");
    }

    /**
     * A C++ ostream's default format: 6 significant digits, no trailing zeros, exponent outside
     * [1e-5, 1e6); "inf", "-inf" and "nan" as glibc prints them.
     */
    static String cpp(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return "0";
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
