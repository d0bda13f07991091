package org.cryoj.refine;

import org.cryoj.image.FloatVolume;
import org.cryoj.reconstruct.BackProjector;
import org.cryoj.reconstruct.FourierGrid;

/**
 * The M-step's arithmetic (RELION's maximization, updateSSNRarrays, maximizationOtherParameters
 * and updateCurrentResolution), kept free of files and threads so it can be tested on its own.
 */
public final class Maximisation {
    /** RELION's minres_map: the resolution never drops below shell 5. */
    static final int MIN_RESOLUTION_SHELL = 5;
    /** RELION's incr_size: shells added beyond the resolution for the next current size. */
    static final int INCREMENT_SIZE = 10;

    private Maximisation() {}

    /**
     * The noise power in the reconstruction per shell (RELION's sigma2 of updateSSNRarrays,
     * rlnReferenceSigma2): 1 / (pad³ x the mean weight) over the padded grid points of shell
     * ROUND(radius / pad); 0 where nothing was backprojected.
     */
    public static double[] referenceSigma2(BackProjector bp, int shells) {
        FourierGrid g = bp.grid();
        int r = g.radius(), pad = g.padding();
        double[] sum = new double[shells], count = new double[shells];
        float[] w = bp.weight();
        for (int z = -r; z <= r; z++)
            for (int y = -r; y <= r; y++)
                for (int x = 0; x <= r; x++) {
                    int r2 = x * x + y * y + z * z;
                    if (r2 >= r * r) continue;
                    int s = (int) Math.round(Math.sqrt(r2) / pad);
                    if (s >= shells) continue;
                    sum[s] += (double) pad * pad * pad * w[g.index(x, y, z)];
                    count[s]++;
                }
        double[] out = new double[shells];
        for (int s = 0; s < shells; s++) out[s] = sum[s] > 1e-10 ? count[s] / sum[s] : 0;
        return out;
    }

    /**
     * SSNR per shell from the gold-standard FSC: FSC clamped to [0.001, 0.999], then FSC / (1 - FSC).
     * With {@code whole} (the final, joined reconstruction) the half-set FSC is first turned into
     * the full set's, sqrt(2 FSC / (FSC + 1)), as RELION does.
     */
    public static double[] ssnr(double[] fsc, boolean whole) {
        double[] out = new double[fsc.length];
        for (int i = 0; i < fsc.length; i++) {
            double f = Math.max(0.001, Double.isNaN(fsc[i]) ? 0 : fsc[i]);
            if (whole) f = Math.sqrt(2 * f / (f + 1));
            f = Math.min(0.999, f);
            out[i] = f / (1 - f);
        }
        return out;
    }

    /** tau2 = SSNR x sigma2 of the reconstruction, per shell (the signal power the MAP prior uses). */
    public static double[] tau2(double[] ssnr, double[] referenceSigma2) {
        double[] out = new double[ssnr.length];
        for (int i = 0; i < out.length; i++) out[i] = ssnr[i] * referenceSigma2[i];
        return out;
    }

    /**
     * RELION's resolution shell for gold-standard auto-refine, from data_vs_prior (the SSNR times
     * tau2_fudge): the last shell, counting from 1, before it first drops below 1. When the
     * outermost shell above 1 lies more than 3 shells further out (the FSC dipped and rose again),
     * that one is taken instead. At least shell 5.
     */
    public static int resolutionShell(double[] dataVsPrior) {
        int last = dataVsPrior.length - 1;
        int i = 1;
        while (i < last && dataVsPrior[i] >= 1) i++;
        i--;
        int outer = last - 1;
        while (outer >= i && !(dataVsPrior[outer] > 1)) outer--;
        if (outer > i + 3) i = outer;
        return Math.max(MIN_RESOLUTION_SHELL, i);
    }

    /**
     * The next current size: resolution shell plus a quarter box (while the FSC at the edge of the
     * images is still high and the posteriors are not flat) or {@code incrementSize} shells; even, at most the box.
     */
    public static int nextImageSize(int resolutionShell, int box, double averagePmax, boolean highFscAtLimit, int incrementSize) {
        int maxres = resolutionShell + (averagePmax > 0.1 && highFscAtLimit ? (int) Math.round(0.25 * box / 2) : incrementSize);
        return Math.min(2 * maxres, box);
    }

    /**
     * RELION's incr_size after an iteration: never fewer shells than lie between the half-maps' FSC
     * first dropping below 0.5 and below 0.143, plus 5; it only grows.
     */
    public static int incrementSize(double[] fsc, int current) {
        int fsc05 = -1, fsc0143 = -1;
        for (int i = 0; i < fsc.length; i++) {
            if (fsc[i] < 0.5 && fsc05 < 0) fsc05 = i;
            if (fsc[i] < 0.143 && fsc0143 < 0) fsc0143 = i;
        }
        return Math.max(current, fsc0143 - fsc05 + 5);
    }

    /**
     * RELION's coarse size: the resolution the coarse angular step can resolve over the particle
     * diameter (with a 1.2 safety factor), as an even image size, at most the current size.
     */
    public static int coarseImageSize(double coarseStepDeg, double particleDiameter, double pixelSize, int box, int currentSize) {
        double coarseResolution = coarseStepDeg / 360 * Math.PI * particleDiameter / 1.2;
        int size = 2 * (int) Math.ceil(pixelSize * box / coarseResolution);
        return Math.max(2, Math.min(currentSize, size));
    }

    /**
     * The noise update per shell: sum w |X - CTF P|² / (2 sum w N_pixels(shell)); shells the
     * images do not reach keep the old value.
     */
    public static double[] sigma2(double[] noisePower, double weightSum, int box, double[] old) {
        int[] npix = pixelsPerShell(box);
        double[] out = old.clone();
        if (weightSum <= 0) return out;
        for (int s = 0; s < out.length && s < npix.length; s++)
            if (npix[s] > 0 && noisePower[s] > 0) out[s] = noisePower[s] / (2 * weightSum * npix[s]);
        return out;
    }

    /**
     * The intensity scale of each group's signal relative to the reference (RELION's
     * scale_correction): sum XA / sum AA, then divided by the groups' mean weighted by their
     * particle counts, so the scales average 1 and the reference keeps the data's grey scale.
     */
    public static double[] groupScale(double[] xa, double[] aa, double[] particles) {
        double[] scale = new double[xa.length];
        double weighted = 0, count = 0;
        for (int g = 0; g < scale.length; g++) {
            scale[g] = aa[g] > 0 ? xa[g] / aa[g] : 1;
            weighted += particles[g] * scale[g];
            count += particles[g];
        }
        if (count > 0 && weighted > 0) for (int g = 0; g < scale.length; g++) scale[g] /= weighted / count;
        return scale;
    }

    /** Pixels of the N x N half transform per shell ROUND(|k|), shells 0 .. N/2. */
    public static int[] pixelsPerShell(int box) {
        int[] out = new int[box / 2 + 1];
        int hx = box / 2 + 1;
        for (int i = 0; i < box; i++) {
            int ky = i <= box / 2 ? i : i - box;
            for (int kx = 0; kx < hx; kx++) {
                int s = (int) Math.round(Math.sqrt(kx * kx + ky * ky));
                if (s < out.length) out[s]++;
            }
        }
        return out;
    }

    /**
     * The gold standard's one exchange: up to {@code resolution} Å both halves get the average of
     * their accumulators, data and weight (RELION's joinTwoHalvesAtLowResolution), so their
     * low-resolution components cannot drift apart. Averaging, not summing, keeps each half's
     * weight, hence its reference sigma2 and tau2, on one half-set's scale. The radius is RELION's:
     * CEIL(box x pixel / resolution) shells, times the padding.
     */
    public static void joinAtLowResolution(BackProjector a, BackProjector b, double resolution, double pixelSize) {
        FourierGrid g = a.grid();
        if (!g.equals(b.grid())) throw new IllegalArgumentException("half-sets must share a grid");
        int shells = (int) Math.ceil(g.box() * pixelSize / resolution);
        int r = Math.min(g.radius(), g.padding() * shells);
        float[] da = a.data(), db = b.data(), wa = a.weight(), wb = b.weight();
        for (int z = -r; z <= r; z++)
            for (int y = -r; y <= r; y++)
                for (int x = 0; x <= r; x++) {
                    if (x * x + y * y + z * z > r * r) continue;
                    int o = g.index(x, y, z);
                    float re = 0.5f * (da[2 * o] + db[2 * o]), im = 0.5f * (da[2 * o + 1] + db[2 * o + 1]), w = 0.5f * (wa[o] + wb[o]);
                    da[2 * o] = db[2 * o] = re;
                    da[2 * o + 1] = db[2 * o + 1] = im;
                    wa[o] = wb[o] = w;
                }
    }

    /**
     * RELION's solvent flattening with --flatten_solvent: the map times a soft sphere of the
     * particle diameter (raised cosine over {@code edge} pixels), or times the user's mask.
     */
    public static FloatVolume flattenSolvent(FloatVolume map, double particleDiameter, FloatVolume mask) {
        FloatVolume out = map.copy();
        float[] d = out.data();
        if (mask != null) {
            for (int i = 0; i < d.length; i++) d[i] *= mask.data()[i];
            return out;
        }
        int n = map.nx();
        double radius = particleDiameter / (2 * map.pixelSize());
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    double r = Math.sqrt((x - n / 2) * (x - n / 2) + (y - n / 2) * (y - n / 2) + (z - n / 2) * (z - n / 2));
                    d[x + n * (y + n * z)] *= (float) softEdge(r, radius, WIDTH_MASK_EDGE);
                }
        return out;
    }

    /** RELION's width_mask_edge, pixels. */
    static final double WIDTH_MASK_EDGE = 5;

    /** 1 inside the radius, 0 beyond radius + width, a raised cosine in between. */
    static double softEdge(double r, double radius, double width) {
        if (r < radius) return 1;
        if (r > radius + width) return 0;
        return 0.5 + 0.5 * Math.cos(Math.PI * (r - radius) / width);
    }

    /** The soft circular particle mask of the images (box x box). */
    public static float[] particleMask(int box, double particleDiameter, double pixelSize) {
        float[] m = new float[box * box];
        double radius = particleDiameter / (2 * pixelSize);
        for (int y = 0; y < box; y++)
            for (int x = 0; x < box; x++)
                m[x + box * y] = (float) softEdge(Math.hypot(x - box / 2, y - box / 2), radius, WIDTH_MASK_EDGE);
        return m;
    }
}
