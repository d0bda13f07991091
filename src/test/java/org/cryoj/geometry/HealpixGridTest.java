package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class HealpixGridTest {

    @Test
    void pixelCountsAre12Nside2() {
        for (int order = 0; order <= 8; order++) {
            HealpixGrid g = new HealpixGrid(order);
            assertEquals(1L << order, g.nside());
            assertEquals(12L << (2 * order), g.npix());
        }
    }

    /** Equal areas: random directions (uniform on the sphere) fall evenly into the pixels, in both schemes. */
    @Test
    void pixelsHaveEqualSolidAngle() {
        HealpixGrid g = new HealpixGrid(2); // 192 pixels
        int samples = 192 * 2000;
        long[] nest = new long[192], ring = new long[192];
        Random rnd = new Random(7);
        for (int i = 0; i < samples; i++) {
            double z = 2 * rnd.nextDouble() - 1, phi = 2 * Math.PI * rnd.nextDouble();
            nest[(int) g.ang2pixNest(z, phi)]++;
            ring[(int) g.ang2pixRing(z, phi)]++;
        }
        double expected = samples / 192.0, sd = Math.sqrt(expected);
        for (int p = 0; p < 192; p++) {
            assertEquals(expected, nest[p], 5 * sd, "nested pixel " + p);
            assertEquals(expected, ring[p], 5 * sd, "ring pixel " + p);
        }
    }

    @Test
    void centresMapBackToTheirPixelsAndSchemesAgree() {
        for (int order = 0; order <= 5; order++) {
            HealpixGrid g = new HealpixGrid(order);
            boolean[] seen = new boolean[(int) g.npix()];
            for (long p = 0; p < g.npix(); p++) {
                HealpixGrid.Pixel c = g.pix2angNest(p);
                assertEquals(p, g.ang2pixNest(c.z(), c.phi()));
                long r = g.nest2ring(p);
                HealpixGrid.Pixel cr = g.pix2angRing(r);
                assertEquals(c.z(), cr.z(), 1e-12, "order " + order + " pixel " + p);
                assertEquals(0, Math.sin((c.phi() - cr.phi()) / 2), 1e-12);
                assertEquals(p, g.ring2nest(r));
                assertTrue(!seen[(int) r], "ring index used twice");
                seen[(int) r] = true;
            }
        }
    }

    /** Textbook values: order 0 centres at z = +-2/3 and 0, ring pixel 0 at phi = pi/4. */
    @Test
    void knownCentres() {
        HealpixGrid g = new HealpixGrid(0);
        assertEquals(2. / 3, g.pix2angRing(0).z(), 1e-15);
        assertEquals(Math.PI / 4, g.pix2angRing(0).phi(), 1e-15);
        assertEquals(0, g.pix2angRing(4).z(), 1e-15);
        assertEquals(-2. / 3, g.pix2angRing(11).z(), 1e-15);
        // nested pixel 0 of order 1 is the southern-most quarter of base pixel 0
        assertTrue(new HealpixGrid(1).pix2angNest(0).z() < 2. / 3);
    }

    /** Nearest-neighbour distances between centres are close to the nominal step of 60/Nside degrees. */
    @Test
    void neighbourDistancesAreAboutTheStep() {
        for (int order = 1; order <= 4; order++) {
            HealpixGrid g = new HealpixGrid(order);
            int n = (int) g.npix();
            Vector3[] v = new Vector3[n];
            for (int p = 0; p < n; p++) v[p] = HealpixGrid.fromZPhi(g.pix2angNest(p).z(), g.pix2angNest(p).phi());
            double step = 60.0 / g.nside(), sum = 0;
            for (int p = 0; p < n; p++) {
                double best = 180;
                for (int q = 0; q < n; q++) if (q != p) best = Math.min(best, v[p].angleDegTo(v[q]));
                assertTrue(best > 0.5 * step && best < 1.2 * step, "order " + order + ": " + best + " vs step " + step);
                sum += best;
            }
            assertEquals(step, sum / n, 0.2 * step, "mean nearest-neighbour distance at order " + order);
            assertTrue(Math.toDegrees(g.maxPixelRadius()) > 0.5 * step);
        }
    }
}
