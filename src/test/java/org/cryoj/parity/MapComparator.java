package org.cryoj.parity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.parity.Verdict.Agree;
import org.cryoj.parity.Verdict.Diverge;

/**
 * Two MRC outputs, field by field: dimensions, mode, header pixel size, where the NaN voxels are,
 * the largest voxel difference relative to RELION's range (max - min of its finite voxels) and
 * the correlation.
 */
public final class MapComparator {

    /**
     * @param maxDiffOfRange largest |RELION - CryoJ| allowed, as a fraction of RELION's range
     * @param minCorrelation smallest correlation allowed
     */
    public record Tolerance(double maxDiffOfRange, double minCorrelation) {}

    /** Header pixel sizes are cella / mx in float32: equal to 1e-5 relative when both wrote the same size. */
    static final double PIXEL_SIZE_REL = 1e-5;
    /**
     * Below this, a difference is float32 rounding whatever the output's range: the harness's
     * inputs are of order 1, and an output that is all rounding noise (a band-stop filter that
     * removes everything, ~1e-16 in RELION, ~1e-8 in CryoJ) has no range to be relative to.
     */
    static final double ROUNDING = 1e-6;

    private MapComparator() {}

    public static Verdict compare(Path relion, Path cryoj, Tolerance tol) throws IOException {
        MrcHeader hr = MrcFile.readHeader(relion), hj = MrcFile.readHeader(cryoj);
        if (hr.nx() != hj.nx() || hr.ny() != hj.ny() || hr.nz() != hj.nz())
            return Diverge.of("dimensions", hr.nx() + "x" + hr.ny() + "x" + hr.nz() + " vs " + hj.nx() + "x" + hj.ny() + "x" + hj.nz());
        if (hr.mode() != hj.mode()) return Diverge.of("MRC mode", hr.mode() + " vs " + hj.mode());
        double pr = hr.pixelSizeX(), pj = hj.pixelSizeX();
        double dp = Math.abs(pr - pj);
        if (dp > PIXEL_SIZE_REL * Math.max(Math.abs(pr), 1e-3))
            return new Diverge("header pixel size", fmt(pr) + " vs " + fmt(pj) + " A", dp, PIXEL_SIZE_REL * Math.abs(pr));
        return voxels(MrcFile.read(relion).data(), MrcFile.read(cryoj).data(), tol);
    }

    static Verdict voxels(float[] r, float[] j, Tolerance tol) {
        int nanOnlyOne = 0, firstNan = -1;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < r.length; i++) {
            if (Float.isFinite(r[i]) != Float.isFinite(j[i]) || Float.isNaN(r[i]) != Float.isNaN(j[i])) {
                nanOnlyOne++;
                if (firstNan < 0) firstNan = i;
            }
            if (Float.isFinite(r[i])) { lo = Math.min(lo, r[i]); hi = Math.max(hi, r[i]); }
        }
        if (nanOnlyOne > 0)
            return new Diverge("non-finite voxels", nanOnlyOne + " voxels finite in one output only (first: index " + firstNan
                    + ", " + r[firstNan] + " vs " + j[firstNan] + ")", nanOnlyOne, 0);
        if (lo > hi) return new Agree("all voxels non-finite in both");
        double range = hi - lo, max = 0;
        int at = -1;
        for (int i = 0; i < r.length; i++) {
            if (!Float.isFinite(r[i]) || r[i] == j[i]) continue;
            double d = Math.abs((double) r[i] - j[i]);
            if (d > max) { max = d; at = i; }
        }
        // a constant output (a mask of all ones) has no range: compare to its magnitude instead
        double scale = range > 0 ? range : Math.max(Math.abs(hi), 1);
        double rel = max / scale;
        double corr = correlation(r, j);
        if (max <= ROUNDING) return new Agree(String.format(Locale.ROOT, "max|d| %.1e (rounding)", max));
        if (rel > tol.maxDiffOfRange())
            return new Diverge("voxels", String.format(Locale.ROOT, "max |diff| %.3g of range %.3g at index %d (%s vs %s), correlation %.7f",
                    max, scale, at, r[at], j[at], corr), rel, tol.maxDiffOfRange());
        if (range > 0 && !(corr >= tol.minCorrelation()))
            return new Diverge("correlation", String.format(Locale.ROOT, "%.7f", corr), 1 - corr, 1 - tol.minCorrelation());
        return new Agree(String.format(Locale.ROOT, "max|d|/range %.1e, r %.7f", rel, range > 0 ? corr : 1.0));
    }

    /** Pearson correlation over the voxels finite in both, summed in double; 1 when either is constant and both are equal. */
    static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) if (Float.isFinite(a[i]) && Float.isFinite(b[i])) { ma += a[i]; mb += b[i]; n++; }
        if (n == 0) return 1;
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) return saa == sbb ? 1 : 0;
        return sab / Math.sqrt(saa * sbb);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
