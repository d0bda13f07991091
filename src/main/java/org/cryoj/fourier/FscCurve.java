package org.cryoj.fourier;

/**
 * A Fourier shell correlation curve: one value per shell 0 .. box/2, shell i holding the
 * frequencies whose radius rounds to i (RELION's getFSC).
 *
 * @param fsc    correlation per shell
 * @param box    real-space box size in pixels
 * @param angpix pixel size in Å
 */
public record FscCurve(double[] fsc, int box, double angpix) {

    public int shells() { return fsc.length; }

    /** Resolution of a shell in Å, box * angpix / shell (infinite for shell 0). */
    public double resolution(int shell) {
        return shell == 0 ? Double.POSITIVE_INFINITY : box * angpix / shell;
    }

    /**
     * The resolution where the curve first drops below the threshold (0.143 gold standard,
     * 0.5 against a model): that of the last shell, counting from 1, at or above it. Infinite
     * when shell 1 is already below it; Nyquist when it never drops.
     */
    public double resolutionAt(double threshold) {
        int last = 0;
        for (int i = 1; i < fsc.length; i++) {
            if (!(fsc[i] >= threshold)) break;
            last = i;
        }
        return resolution(last);
    }
}
