package org.cryoj.map.atomic;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.image.FloatVolume;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The Coulomb-potential map of a {@link PseudoAtomicModel}, band-limited exactly to the map's
 * sampling: the Fourier coefficients of the result are those of the continuous density
 * (every atom a sum of five Gaussians, its {@link Element} scattering factor times the
 * B-factor term exp(-B s²), s = q/2) at every frequency with |k| &lt; box/2 along each axis; the
 * Nyquist planes are zero, so the map is real and has exactly the model's symmetry.
 *
 * <p>How (a Gaussian-gridding non-uniform FFT, Greengard and Lee 2004): the atoms' Gaussians,
 * each widened by an extra Gaussian of variance tau², are evaluated analytically on a grid
 * twice as fine as the map; its Fourier transform is cropped to the map's frequencies and
 * divided by the extra Gaussian's transform exp(-2 pi² tau² q²). tau is chosen so that every
 * widened Gaussian has variance at least 0.36 (map pixel)²: the aliases folded into the kept
 * frequencies are then below exp(-4 pi² x 0.36) ~ 7e-7 of the true coefficients, and the
 * division amplifies rounding by at most exp(pi² x 0.36 / 2) ~ 6 at Nyquist. Each Gaussian is
 * cut at 5.5 standard deviations (relative error ~3e-7). The fine grid is processed one z plane
 * at a time (transformed in x and y, cropped, kept), so memory is about box³ x 4 complex floats
 * beyond the map itself.
 *
 * <p>Values are the potential in Å^-2 (Peng's a_i in Å over volume): about 0.5 at a lone carbon
 * atom's centre with B = 25 Å², of order 1 in protein. The symmetry centre is voxel
 * (box/2, box/2, box/2), RELION's origin.
 */
public final class AtomicMapRenderer {
    /** Least variance of a widened Gaussian, in map pixels². */
    static final double MIN_VARIANCE = 0.36;
    /** Gaussians are evaluated out to this many standard deviations. */
    static final double CUTOFF_SIGMAS = 5.5;
    /** Fine-grid samples per map pixel along each axis. */
    static final int OVERSAMPLING = 2;

    private AtomicMapRenderer() {}

    /** Renders on all cores. */
    public static FloatVolume render(PseudoAtomicModel model, int box, double angpix) {
        return render(model, box, angpix, Runtime.getRuntime().availableProcessors());
    }

    public static FloatVolume render(PseudoAtomicModel model, int box, double angpix, int threads) {
        if (box < 8) throw new IllegalArgumentException("--box must be at least 8, was " + box);
        if (!(angpix > 0 && Double.isFinite(angpix))) throw new IllegalArgumentException("--angpix must be > 0, was " + angpix);
        if (threads < 1) throw new IllegalArgumentException("--j must be >= 1, was " + threads);
        List<Atom> atoms = model.atoms();
        int n = box, fine = OVERSAMPLING * n;
        double h = angpix / OVERSAMPLING;
        // extra width so that the narrowest Gaussian is wide enough not to alias
        double minVar = Double.POSITIVE_INFINITY;
        for (Atom a : atoms)
            for (int i = 0; i < a.element().terms(); i++) minVar = Math.min(minVar, variance(a.element().b(i), a.bfactor()));
        double tau2 = Math.max(0, MIN_VARIANCE * angpix * angpix - minVar);

        // every Gaussian term as separable 1D weights on the fine grid
        int terms = 0;
        for (Atom a : atoms) terms += a.element().terms();
        Term[] all = new Term[terms];
        int t = 0;
        for (Atom a : atoms) {
            for (int i = 0; i < a.element().terms(); i++) {
                double v = variance(a.element().b(i), a.bfactor()) + tau2;
                // a_i (4 pi / (b_i + B))^(3/2) exp(-4 pi² r² / (b_i + B)) = a_i (2 pi v)^(-3/2) exp(-r² / 2v)
                double amp = a.element().a(i) * Math.pow(2 * Math.PI * v, -1.5);
                all[t++] = new Term(amp, v, a.x() / h + fine / 2.0, a.y() / h + fine / 2.0, a.z() / h + fine / 2.0, h, fine);
            }
        }
        // terms by fine z plane
        int[] count = new int[fine];
        for (Term g : all) for (int z = g.z0; z < g.z0 + g.wz.length; z++) count[z]++;
        int[][] byPlane = new int[fine][];
        for (int z = 0; z < fine; z++) byPlane[z] = new int[count[z]];
        int[] fill = new int[fine];
        for (int k = 0; k < all.length; k++) {
            Term g = all[k];
            for (int z = g.z0; z < g.z0 + g.wz.length; z++) byPlane[z][fill[z]++] = k;
        }

        // kept frequencies: |k| <= (n-1)/2 on every axis (no Nyquist plane for even n)
        int kmax = (n - 1) / 2, hxKept = kmax + 1, nyKept = 2 * kmax + 1;
        float[][] slab = new float[fine][];   // per fine z plane: (ky, kx) complex, or null when empty
        inPool(threads, () -> IntStream.range(0, fine).parallel().forEach(z -> {
            if (byPlane[z].length == 0) return;
            slab[z] = planeSpectrum(all, byPlane[z], z, fine, hxKept, kmax);
        }));

        FourierVolume out = FourierVolume.zeros(n, n, n);
        float[] dst = out.data();
        double norm = 1.0 / ((double) fine * fine * fine), box3 = n * angpix;
        inPool(threads, () -> IntStream.range(0, nyKept).parallel().forEach(yi -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(fine);
            double[] buf = new double[2 * fine];
            int ky = yi - kmax;
            for (int kx = 0; kx < hxKept; kx++) {
                int src = 2 * (kx + hxKept * yi);
                boolean any = false;
                for (int z = 0; z < fine; z++) {
                    float[] p = slab[z];
                    if (p == null) { buf[2 * z] = 0; buf[2 * z + 1] = 0; }
                    else { buf[2 * z] = p[src]; buf[2 * z + 1] = p[src + 1]; any = true; }
                }
                if (!any) continue;
                fft.complexForward(buf);
                for (int kz = -kmax; kz <= kmax; kz++) {
                    int zi = kz < 0 ? kz + fine : kz;
                    double q2 = ((double) kx * kx + (double) ky * ky + (double) kz * kz) / (box3 * box3);
                    double g = norm * Math.exp(2 * Math.PI * Math.PI * tau2 * q2);
                    int o = out.offset(kx, ky, kz);
                    dst[o] = (float) (buf[2 * zi] * g);
                    dst[o + 1] = (float) (buf[2 * zi + 1] * g);
                }
            }
        }));
        return Fft.inverse(out, angpix);
    }

    /** Variance in Å² of the real-space Gaussian of a term a exp(-(b + B) s²), s = q/2. */
    static double variance(double b, double bfactor) {
        return (b + bfactor) / (8 * Math.PI * Math.PI);
    }

    /**
     * One fine z plane: the Gaussians summed, transformed along x (kept: kx 0..hxKept-1) and y
     * (kept: |ky| &lt;= kmax); returns (ky + kmax, kx) complex pairs.
     */
    private static float[] planeSpectrum(Term[] all, int[] terms, int z, int fine, int hxKept, int kmax) {
        double[] plane = new double[fine * fine];
        int ylo = fine, yhi = -1;
        for (int k : terms) {
            Term g = all[k];
            double wz = g.amp * g.wz[z - g.z0];
            for (int j = 0; j < g.wy.length; j++) {
                double wzy = wz * g.wy[j];
                int row = (g.y0 + j) * fine + g.x0;
                double[] wx = g.wx;
                for (int i = 0; i < wx.length; i++) plane[row + i] += wzy * wx[i];
            }
            ylo = Math.min(ylo, g.y0);
            yhi = Math.max(yhi, g.y0 + g.wy.length - 1);
        }
        // x transform of every non-empty row, keeping kx < hxKept
        double[] rows = new double[2 * hxKept * fine];
        DoubleFFT_1D fx = new DoubleFFT_1D(fine);
        double[] buf = new double[2 * fine];
        for (int y = ylo; y <= yhi; y++) {
            System.arraycopy(plane, y * fine, buf, 0, fine);
            fx.realForwardFull(buf);
            System.arraycopy(buf, 0, rows, 2 * hxKept * y, 2 * hxKept);
        }
        // y transform of each kept column, keeping |ky| <= kmax
        float[] out = new float[2 * hxKept * (2 * kmax + 1)];
        DoubleFFT_1D fy = new DoubleFFT_1D(fine);
        for (int kx = 0; kx < hxKept; kx++) {
            for (int y = 0; y < fine; y++) {
                buf[2 * y] = rows[2 * (kx + hxKept * y)];
                buf[2 * y + 1] = rows[2 * (kx + hxKept * y) + 1];
            }
            fy.complexForward(buf);
            for (int ky = -kmax; ky <= kmax; ky++) {
                int yi = ky < 0 ? ky + fine : ky;
                int o = 2 * (kx + hxKept * (ky + kmax));
                out[o] = (float) buf[2 * yi];
                out[o + 1] = (float) buf[2 * yi + 1];
            }
        }
        return out;
    }

    /** One Gaussian term: amplitude and its 1D weights exp(-d²/2v) on the fine grid along x, y, z. */
    private static final class Term {
        final double amp;
        final int x0, y0, z0;
        final double[] wx, wy, wz;

        Term(double amp, double variance, double cx, double cy, double cz, double h, int fine) {
            this.amp = amp;
            double sigma = Math.sqrt(variance) / h;   // in fine voxels
            int reach = (int) Math.ceil(CUTOFF_SIGMAS * sigma);
            int[] lo = new int[3];
            double[][] w = new double[3][];
            double[] c = {cx, cy, cz};
            for (int axis = 0; axis < 3; axis++) {
                int from = Math.max(0, (int) Math.floor(c[axis]) - reach), to = Math.min(fine - 1, (int) Math.ceil(c[axis]) + reach);
                if (to < from) { from = 0; to = -1; }
                lo[axis] = from;
                w[axis] = new double[to - from + 1];
                for (int i = from; i <= to; i++) {
                    double d = i - c[axis];
                    w[axis][i - from] = Math.exp(-d * d / (2 * sigma * sigma));
                }
            }
            x0 = lo[0]; y0 = lo[1]; z0 = lo[2];
            wx = w[0]; wy = w[1]; wz = w[2];
        }
    }

    private static void inPool(int threads, Runnable task) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rendering interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error er) throw er;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
