package org.cryoj.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.parity.Verdict.Agree;
import org.cryoj.parity.Verdict.Diverge;

/**
 * Re-extraction outputs: the particles STAR file (same columns in each block, same rows, every
 * value: names equal once RELION's output folder reads as CryoJ's, numbers within
 * {@link #STAR_ABS}) and every stack RELION wrote (same name, dimensions, mode and pixel size; per
 * image the largest difference within {@link #IMAGE_OF_RANGE} of that image's range).
 */
public final class ExtractComparator {
    /**
     * RELION 3.1 prints STAR numbers with 6 decimals when positive but 5 when negative ("%12.5f",
     * MetaDataTable::getValueToString), and 6 significant digits beyond 1e5 ("%12.5e"); CryoJ prints 6
     * decimals. The same number can so differ by half of 1e-5 plus half of 1e-6: 6e-6 allowed, or
     * 6e-6 of the value beyond 1e5. Anything larger is a different number.
     */
    static final double STAR_ABS = 6e-6;
    /**
     * Images: windowing and clamping copy pixels, the Fourier rescale and normalisation are float
     * arithmetic in a different order (FFTW vs JTransforms, sums in double vs float): 1e-5 of the
     * image's range, as image_handler's rescale.
     */
    static final double IMAGE_OF_RANGE = 1e-5;

    private ExtractComparator() {}

    public static Verdict compare(Path relionDir, Path cryojDir) throws IOException {
        return compare(relionDir, cryojDir, null);
    }

    /**
     * With {@code withoutDust} (both tools' runs of the case without --white_dust/--black_dust):
     * the stacks of those runs are compared as usual, and of the dust-removed ones which pixels
     * each tool replaced ({@link DustCheck}).
     */
    public static Verdict compare(Path relionDir, Path cryojDir, RunPair withoutDust) throws IOException {
        Path rs = relionDir.resolve("particles.star"), js = cryojDir.resolve("particles.star");
        if (!Files.exists(rs) || !Files.exists(js))
            return Diverge.of("particles.star", (Files.exists(rs) ? "CryoJ" : "RELION") + " wrote none");
        StarFile r = StarFile.read(rs), j = StarFile.read(js);
        String rootR = relionDir.toString(), rootJ = cryojDir.toString();
        for (String block : List.of("optics", "particles")) {
            if (!r.hasBlock(block) || !j.hasBlock(block)) return Diverge.of("data_" + block, "missing in " + (r.hasBlock(block) ? "CryoJ" : "RELION"));
            Verdict v = table(block, r.block(block).table(), j.block(block).table(), rootR, rootJ);
            if (v != null) return v;
        }
        if (withoutDust == null) return stacks(relionDir, cryojDir);
        if (!withoutDust.relion().ok() || !withoutDust.cryoj().ok())
            return Diverge.of("run without dust options", "exit " + withoutDust.relion().exitCode() + " vs " + withoutDust.cryoj().exitCode());
        Verdict clean = stacks(withoutDust.relionOut(), withoutDust.cryojOut());
        if (!(clean instanceof Agree a)) return clean;
        return replacedPixels(relionDir, cryojDir, withoutDust.relionOut(), withoutDust.cryojOut(), a.measure());
    }

    /** The same pixels replaced by dust removal in every image (see {@link DustCheck}). */
    private static Verdict replacedPixels(Path relionDir, Path cryojDir, Path relionClean, Path cryojClean, String cleanMeasure)
            throws IOException {
        List<Path> stacks;
        try (Stream<Path> s = Files.walk(relionDir)) {
            stacks = s.filter(p -> p.toString().endsWith(".mrcs")).sorted().toList();
        }
        int replaced = 0;
        for (Path rp : stacks) {
            Path rel = relionDir.relativize(rp), jp = cryojDir.resolve(rel);
            if (!Files.exists(jp)) return Diverge.of("stack", "CryoJ wrote no " + rel);
            FloatVolume r = MrcFile.read(rp), r0 = MrcFile.read(relionClean.resolve(rel)), j = MrcFile.read(jp), j0 = MrcFile.read(cryojClean.resolve(rel));
            if (r.nx() != j.nx() || r.nz() != j.nz()) return Diverge.of("stack dimensions", rel + ": " + r + " vs " + j);
            int size = r.nx(), n = size * size;
            for (int k = 0; k < r.nz(); k++) {
                boolean[] a = DustCheck.replaced(slice(r, k), slice(r0, k), size), b = DustCheck.replaced(slice(j, k), slice(j0, k), size);
                int onlyR = 0, onlyJ = 0, both = 0;
                for (int p = 0; p < n; p++) {
                    if (a[p] && b[p]) both++;
                    else if (a[p]) onlyR++;
                    else if (b[p]) onlyJ++;
                }
                if (onlyR + onlyJ > 0)
                    return new Diverge("image " + (k + 1) + "@" + rel + " dust-replaced pixels", "replaced by both " + both + ", only RELION "
                            + onlyR + ", only CryoJ " + onlyJ, onlyR + onlyJ, 0);
                replaced += both;
            }
        }
        return new Agree(cleanMeasure + " without dust; the same " + replaced + " pixels replaced");
    }

    private static float[] slice(FloatVolume v, int k) {
        int n = v.nx() * v.ny();
        float[] out = new float[n];
        System.arraycopy(v.data(), k * n, out, 0, n);
        return out;
    }

    private static Verdict table(String block, StarTable r, StarTable j, String rootR, String rootJ) {
        Set<String> lr = new HashSet<>(r.labels()), lj = new HashSet<>(j.labels());
        if (!lr.equals(lj)) {
            Set<String> onlyR = new HashSet<>(lr), onlyJ = new HashSet<>(lj);
            onlyR.removeAll(lj);
            onlyJ.removeAll(lr);
            return Diverge.of("data_" + block + " columns", "only RELION: " + onlyR + ", only CryoJ: " + onlyJ);
        }
        if (r.rowCount() != j.rowCount()) return Diverge.of("data_" + block + " rows", r.rowCount() + " vs " + j.rowCount());
        for (int i = 0; i < r.rowCount(); i++)
            for (String label : r.labels()) {
                String a = r.getString(i, label).replace(rootR, rootJ), b = j.getString(i, label);
                if (a.equals(b)) continue;
                Double x = number(a), y = number(b);
                if (x == null || y == null) return Diverge.of(label, "row " + (i + 1) + ": " + a + " vs " + b);
                double d = Math.abs(x - y), allowed = Math.abs(x) > 1e5 ? STAR_ABS * Math.abs(x) : STAR_ABS;
                if (!(d <= allowed)) return new Diverge(label, "row " + (i + 1) + ": " + a + " vs " + b, d, allowed);
            }
        return null;
    }

    private static Verdict stacks(Path relionDir, Path cryojDir) throws IOException {
        List<Path> stacks;
        try (Stream<Path> s = Files.walk(relionDir)) {
            stacks = s.filter(p -> p.toString().endsWith(".mrcs")).sorted().toList();
        }
        if (stacks.isEmpty()) return Diverge.of("stacks", "RELION wrote none");
        double worst = 0, worstCorr = 1;
        int images = 0;
        for (Path rp : stacks) {
            Path jp = cryojDir.resolve(relionDir.relativize(rp));
            if (!Files.exists(jp)) return Diverge.of("stack", "CryoJ wrote no " + relionDir.relativize(rp));
            MrcHeader hr = MrcFile.readHeader(rp), hj = MrcFile.readHeader(jp);
            String name = relionDir.relativize(rp).toString();
            if (hr.nx() != hj.nx() || hr.ny() != hj.ny() || hr.nz() != hj.nz())
                return Diverge.of("stack dimensions", name + ": " + hr.nx() + "x" + hr.ny() + "x" + hr.nz() + " vs " + hj.nx() + "x" + hj.ny() + "x" + hj.nz());
            if (hr.mode() != hj.mode()) return Diverge.of("MRC mode", name + ": " + hr.mode() + " vs " + hj.mode());
            double dp = Math.abs(hr.pixelSizeX() - hj.pixelSizeX());
            if (dp > MapComparator.PIXEL_SIZE_REL * hr.pixelSizeX())
                return new Diverge("header pixel size", name + ": " + hr.pixelSizeX() + " vs " + hj.pixelSizeX(), dp, MapComparator.PIXEL_SIZE_REL * hr.pixelSizeX());
            float[] a = MrcFile.read(rp).data(), b = MrcFile.read(jp).data();
            int n = hr.nx() * hr.ny();
            for (int k = 0; k < hr.nz(); k++) {
                float[] x = new float[n], y = new float[n];
                System.arraycopy(a, k * n, x, 0, n);
                System.arraycopy(b, k * n, y, 0, n);
                Verdict v = MapComparator.voxels(x, y, new MapComparator.Tolerance(IMAGE_OF_RANGE, 0));
                if (v instanceof Diverge d)
                    return new Diverge("image " + (k + 1) + "@" + name + " " + d.field(), d.detail(), d.amount(), d.tolerance());
                images++;
                worstCorr = Math.min(worstCorr, MapComparator.correlation(x, y));
                double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, max = 0;
                for (int i = 0; i < n; i++) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); max = Math.max(max, Math.abs(x[i] - y[i])); }
                worst = Math.max(worst, hi > lo ? max / (hi - lo) : max);
            }
        }
        return new Agree(String.format(Locale.ROOT, "%d images, max|d|/range %.1e, min r %.8f", images, worst, worstCorr));
    }

    private static Double number(String w) {
        try {
            return Double.valueOf(w);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
