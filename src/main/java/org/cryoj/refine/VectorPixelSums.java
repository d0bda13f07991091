package org.cryoj.refine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelSums} with the per-pixel terms on the Vector API, a lane per pixel: the same multiplications,
 * additions and subtractions in the same order as the plain loop (no fused multiply-add), so the same numbers,
 * about three times as fast (4.2 against 1.3 ns per pixel, box 64, AVX-512). Loaded by name where the JVM has
 * the module (see {@link PixelSums#of}).
 */
final class VectorPixelSums extends PixelSums {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    VectorPixelSums(int k) { super(k); }

    @Override
    void addTerms(int from, double wo) {
        double invWo = 1 / wo;
        int j = from, bound = from + D.loopBound(k - from);
        for (; j < bound; j += D.length()) {
            DoubleVector pr = DoubleVector.fromArray(D, phaseSum, j), pi = DoubleVector.fromArray(D, phaseSum, k + j);
            DoubleVector cj = DoubleVector.fromArray(D, c, j);
            DoubleVector ar = cj.mul(DoubleVector.fromArray(D, pR, j)), ai = cj.mul(DoubleVector.fromArray(D, pI, j));
            DoubleVector mr = DoubleVector.fromArray(D, xmR, j), mi = DoubleVector.fromArray(D, xmI, j);
            DoubleVector sr = mr.mul(pr).sub(mi.mul(pi)), si = mr.mul(pi).add(mi.mul(pr));
            DoubleVector a2 = ar.mul(ar).add(ai.mul(ai)), sa = sr.mul(ar).add(si.mul(ai));
            // wo (|X|² + a2) - 2 sa, positive sa and (positive wo) a2, as the plain loop groups them
            DoubleVector.fromArray(D, noisePixel, j).add(DoubleVector.fromArray(D, xPower, j).add(a2).mul(wo).sub(sa.mul(2)))
                    .intoArray(noisePixel, j);
            DoubleVector positiveJ = DoubleVector.fromArray(D, positive, j);
            DoubleVector.fromArray(D, xaPixel, j).add(positiveJ.mul(sa)).intoArray(xaPixel, j);
            DoubleVector.fromArray(D, aaPixel, j).add(positiveJ.mul(wo).mul(a2)).intoArray(aaPixel, j);
            DoubleVector cw = DoubleVector.fromArray(D, invS2, j).mul(wo).mul(cj);
            DoubleVector rr = DoubleVector.fromArray(D, xrR, j), ri = DoubleVector.fromArray(D, xrI, j);
            cw.mul(rr.mul(pr).sub(ri.mul(pi)).mul(invWo)).intoArray(outR, j);
            cw.mul(rr.mul(pi).add(ri.mul(pr)).mul(invWo)).intoArray(outI, j);
            cw.mul(cj).intoArray(outW, j);
        }
        super.addTerms(j, wo);
    }
}
