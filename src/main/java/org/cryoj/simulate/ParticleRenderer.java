package org.cryoj.simulate;

import org.cryoj.ctf.Ctf;
import org.cryoj.fourier.Fft;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.fourier.PhaseShift;
import org.cryoj.geometry.Rotation3;
import org.cryoj.image.FloatVolume;
import org.cryoj.map.CentredWindow;
import org.cryoj.reconstruct.Projector;

/**
 * The noise-free image of one particle: the Fourier-space projection of the map (RELION's
 * contrast: the map's density, protein positive), moved by a sub-pixel shift (phase ramp) and
 * multiplied by RELION's CTF, as relion_project --ctf makes it. Thread-safe.
 */
final class ParticleRenderer {
    private final Projector projector;
    private final int box;
    private final double angpix;

    /** @param map a cubic map whose box is the particle box */
    ParticleRenderer(FloatVolume map) {
        this.projector = Projector.of(map, 2);
        this.box = map.nx();
        this.angpix = map.pixelSize();
    }

    int box() { return box; }

    double angpix() { return angpix; }

    /**
     * An n x n image (n >= box) with the map centre at (n/2 + dx, n/2 + dy).
     *
     * @param ctf RELION's CTF on the n x n grid ({@link Ctf#halfComplexImage}), or null for none.
     *            For n > box the projection is zero-padded in real space first, so that the CTF
     *            spreads the signal over the larger image instead of wrapping it around the box,
     *            as it does on a micrograph.
     */
    float[] render(Rotation3 r, double dx, double dy, float[] ctf, int n) {
        FourierVolume f = projector.project(matrix(r));
        if (n != box) {
            FloatVolume projection = Fft.inverse(f, angpix);
            f = Fft.forward(CentredWindow.window(projection, n));
        }
        if (dx != 0 || dy != 0) PhaseShift.shift(f, dx, dy, 0);
        if (ctf != null) {
            float[] d = f.data();
            if (ctf.length * 2 != d.length) throw new IllegalArgumentException("CTF of " + ctf.length + " values for a " + n + " x " + n + " image");
            for (int k = 0; k < ctf.length; k++) { d[2 * k] *= ctf[k]; d[2 * k + 1] *= ctf[k]; }
        }
        return Fft.inverse(f, angpix).data();
    }

    private static double[][] matrix(Rotation3 r) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = r.get(i, j);
        return m;
    }
}
