package org.cryoj.geometry;

/**
 * The HEALPix pixelisation of the sphere (Gorski et al. 2005, ApJ 622:759) at one order:
 * Nside = 2^order, 12 Nside^2 equal-area pixels, numbered in the NESTED or RING scheme.
 * Angles are colatitude theta (0 at +z) and longitude phi in [0, 2 pi), in radians.
 */
public final class HealpixGrid {
    public static final int MAX_ORDER = 13;

    /** Centre of a pixel: z = cos(theta) and phi (radians). */
    public record Pixel(double z, double phi) {
        public double theta() { return Math.acos(z); }
    }

    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7};

    private final int order;
    private final long nside;
    private final long npix;
    private final long ncap;
    private final double fact1;
    private final double fact2;

    public HealpixGrid(int order) {
        if (order < 0 || order > MAX_ORDER)
            throw new IllegalArgumentException("--healpix_order must be between 0 and " + MAX_ORDER + ", was " + order);
        this.order = order;
        this.nside = 1L << order;
        this.npix = 12 * nside * nside;
        this.ncap = 2 * nside * (nside - 1);
        this.fact2 = 4.0 / npix;
        this.fact1 = 2 * nside * fact2;
    }

    public int order() { return order; }
    public long nside() { return nside; }
    public long npix() { return npix; }

    /** Centre of NESTED pixel {@code pix}. */
    public Pixel pix2angNest(long pix) {
        checkPixel(pix);
        int face = (int) (pix >> (2 * order));
        long local = pix & (nside * nside - 1);
        long ix = compressBits(local), iy = compressBits(local >> 1);
        long jr = JRLL[face] * nside - ix - iy - 1;
        long nr;
        double z;
        if (jr < nside) {
            nr = jr;
            z = 1 - nr * nr * fact2;
        } else if (jr > 3 * nside) {
            nr = 4 * nside - jr;
            z = nr * nr * fact2 - 1;
        } else {
            nr = nside;
            z = (2 * nside - jr) * fact1;
        }
        long tmp = JPLL[face] * nr + ix - iy;
        if (tmp < 0) tmp += 8 * nr;
        return new Pixel(z, Math.PI / 4 * tmp / nr);
    }

    /** Centre of RING pixel {@code pix}. */
    public Pixel pix2angRing(long pix) {
        checkPixel(pix);
        if (pix < ncap) { // north polar cap
            long iring = (1 + isqrt(1 + 2 * pix)) >> 1;
            long iphi = pix + 1 - 2 * iring * (iring - 1);
            return new Pixel(1 - iring * iring * fact2, (iphi - 0.5) * Math.PI / (2 * iring));
        } else if (pix < npix - ncap) { // equatorial belt
            long ip = pix - ncap;
            long iring = ip / (4 * nside) + nside;
            long iphi = ip % (4 * nside) + 1;
            double fodd = ((iring + nside) & 1) != 0 ? 1 : 0.5;
            return new Pixel((2 * nside - iring) * fact1, (iphi - fodd) * Math.PI / (2 * nside));
        } else { // south polar cap
            long ip = npix - pix;
            long iring = (1 + isqrt(2 * ip - 1)) >> 1;
            long iphi = 4 * iring + 1 - (ip - 2 * iring * (iring - 1));
            return new Pixel(iring * iring * fact2 - 1, (iphi - 0.5) * Math.PI / (2 * iring));
        }
    }

    /** NESTED pixel containing the direction (z = cos theta, phi). */
    public long ang2pixNest(double z, double phi) {
        double za = Math.abs(z);
        double tt = floorMod(phi * 2 / Math.PI, 4);
        long face, ix, iy;
        if (za <= 2. / 3) {
            double t1 = nside * (0.5 + tt), t2 = nside * z * 0.75;
            long jp = (long) (t1 - t2), jm = (long) (t1 + t2);
            long ifp = jp >> order, ifm = jm >> order;
            face = ifp == ifm ? (ifp | 4) : (ifp < ifm ? ifp : ifm + 8);
            ix = jm & (nside - 1);
            iy = nside - (jp & (nside - 1)) - 1;
        } else {
            int ntt = Math.min(3, (int) tt);
            double tp = tt - ntt, tmp = nside * Math.sqrt(3 * (1 - za));
            long jp = Math.min(nside - 1, (long) (tp * tmp)), jm = Math.min(nside - 1, (long) ((1 - tp) * tmp));
            if (z >= 0) {
                face = ntt;
                ix = nside - jm - 1;
                iy = nside - jp - 1;
            } else {
                face = ntt + 8;
                ix = jp;
                iy = jm;
            }
        }
        return (face << (2 * order)) + spreadBits(ix) + (spreadBits(iy) << 1);
    }

    /** RING pixel containing the direction (z = cos theta, phi). */
    public long ang2pixRing(double z, double phi) {
        double za = Math.abs(z);
        double tt = floorMod(phi * 2 / Math.PI, 4);
        if (za <= 2. / 3) {
            double t1 = nside * (0.5 + tt), t2 = nside * z * 0.75;
            long jp = (long) (t1 - t2), jm = (long) (t1 + t2);
            long ir = nside + 1 + jp - jm;
            long kshift = 1 - (ir & 1);
            long ip = Math.floorMod((jp + jm - nside + kshift + 1) / 2, 4 * nside);
            return ncap + (ir - 1) * 4 * nside + ip;
        }
        double tp = tt - (long) tt, tmp = nside * Math.sqrt(3 * (1 - za));
        long jp = (long) (tp * tmp), jm = (long) ((1 - tp) * tmp);
        long ir = jp + jm + 1;
        long ip = Math.floorMod((long) (tt * ir), 4 * ir);
        return z > 0 ? 2 * ir * (ir - 1) + ip : npix - 2 * ir * (ir + 1) + ip;
    }

    /** RING number of a NESTED pixel (pixel centres lie inside their pixels). */
    public long nest2ring(long pix) {
        Pixel p = pix2angNest(pix);
        return ang2pixRing(p.z(), p.phi());
    }

    /** NESTED number of a RING pixel. */
    public long ring2nest(long pix) {
        Pixel p = pix2angRing(pix);
        return ang2pixNest(p.z(), p.phi());
    }

    /**
     * Largest angular distance (radians) between a pixel centre and its corners, as Healpix C++'s
     * max_pixrad(); RELION uses half of it to decide that two directions coincide.
     */
    public double maxPixelRadius() {
        Vector3 a = fromZPhi(2. / 3, Math.PI / (4 * nside));
        double t1 = 1 - 1.0 / nside;
        t1 *= t1;
        Vector3 b = fromZPhi(1 - t1 / 3, 0);
        return Math.toRadians(a.angleDegTo(b));
    }

    static Vector3 fromZPhi(double z, double phi) {
        double s = Math.sqrt((1 - z) * (1 + z));
        return new Vector3(s * Math.cos(phi), s * Math.sin(phi), z);
    }

    private void checkPixel(long pix) {
        if (pix < 0 || pix >= npix) throw new IllegalArgumentException("pixel " + pix + " outside 0.." + (npix - 1));
    }

    private static double floorMod(double v, double m) {
        double r = v - m * Math.floor(v / m);
        return r >= m ? 0 : r;
    }

    private static long isqrt(long v) {
        long r = (long) Math.sqrt(v + 0.5);
        while (r * r > v) r--;
        while ((r + 1) * (r + 1) <= v) r++;
        return r;
    }

    /** Every other bit of v (bits 0, 2, 4, ...) packed together. */
    private static long compressBits(long v) {
        long r = 0;
        for (int b = 0; b < 32; b++) r |= ((v >> (2 * b)) & 1L) << b;
        return r;
    }

    /** Inverse of compressBits: bit b of v goes to bit 2b. */
    private static long spreadBits(long v) {
        long r = 0;
        for (int b = 0; b < 32; b++) r |= ((v >> b) & 1L) << (2 * b);
        return r;
    }
}
