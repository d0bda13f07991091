package org.cryoj.refine;

import java.util.Random;

import org.cryoj.ctf.Ctf;
import org.cryoj.fourier.PhaseShift;
import org.cryoj.fourier.FourierVolume;
import org.cryoj.reconstruct.Projector;

/**
 * RELION's calculateExpectedAngularErrors: for a particle at its current pose, the angular (or
 * translational) error at which the projection changes enough that
 * sum |CTF (F1 - F2)|² / (2 sigma²) over the current-size window exceeds -ln(0.01) = 4.60517,
 * i.e. the probability ratio drops to 1%. The error grows in RELION's steps (0.05 degree at
 * first, coarser later; 0.1 pixel, ...), perturbing rot, tilt or psi (x or y) at random with a
 * per-particle seed; capped at 30 degrees and 10 pixels. Averaged over the particles given.
 */
final class AccuracyEstimator {
    static final double P_VALUE = 4.60517;

    private AccuracyEstimator() {}

    /** {accuracy in degrees, accuracy in Å}. */
    static double[] estimate(Projector projector, FourierRegion window, Pose[] poses, Ctf[] ctfs, double[][] invSigma2,
                             int[] groups, double pixelSize, long seed) {
        double angSum = 0, shSum = 0;
        int n = poses.length;
        for (int i = 0; i < n; i++) {
            angSum += error(projector, window, poses[i], ctfs[i], invSigma2[groups[i]], pixelSize, seed + i, true);
            shSum += pixelSize * error(projector, window, poses[i], ctfs[i], invSigma2[groups[i]], pixelSize, seed + i, false);
        }
        return new double[] {angSum / n, shSum / n};
    }

    private static double error(Projector projector, FourierRegion window, Pose pose, Ctf ctf, double[] invSigma2,
                                double pixelSize, long seed, boolean angular) {
        int box = projector.grid().box();
        float[] c = ctf == null ? null : window.gatherReal(ctf.halfComplexImage(box, box, pixelSize));
        FourierVolume f1 = projector.project(pose.matrix());
        float[] a = window.gather(f1.data());
        // a mixed seed: java.util.Random's first draws for neighbouring seeds (particle i, i + 1) are nearly equal
        Random rnd = new Random(new java.util.SplittableRandom(seed).nextLong());
        double err = 0, snr = 0;
        while (snr <= P_VALUE) {
            err += angular ? angularStep(err) : shiftStep(err);
            if ((angular && err > 30) || (!angular && err > 10)) break;
            double ran = rnd.nextDouble();
            float[] b;
            if (angular) {
                Pose p2 = ran < 0.3333 ? new Pose(pose.rot() + err, pose.tilt(), pose.psi(), 0, 0)
                        : ran < 0.6667 ? new Pose(pose.rot(), pose.tilt() + err, pose.psi(), 0, 0)
                        : new Pose(pose.rot(), pose.tilt(), pose.psi() + err, 0, 0);
                b = window.gather(projector.project(p2.matrix()).data());
            } else {
                FourierVolume f2 = f1.copy();
                if (ran < 0.5) PhaseShift.shift(f2, err, 0, 0); else PhaseShift.shift(f2, 0, err, 0);
                b = window.gather(f2.data());
            }
            snr = 0;
            for (int j = 0; j < window.size(); j++) {
                int s = window.shell(j);
                if (s == 0) continue;
                double cj = c == null ? 1 : c[j];
                double dr = cj * (a[2 * j] - b[2 * j]), di = cj * (a[2 * j + 1] - b[2 * j + 1]);
                snr += (dr * dr + di * di) * invSigma2[s] / 2;
            }
        }
        return err;
    }

    private static double angularStep(double e) {
        return e < 0.2 ? 0.05 : e < 1 ? 0.1 : e < 2 ? 0.2 : e < 5 ? 0.5 : e < 10 ? 1 : e < 20 ? 2 : 5;
    }

    private static double shiftStep(double e) {
        return e < 1 ? 0.1 : e < 2 ? 0.2 : e < 5 ? 0.5 : e < 10 ? 1 : 2;
    }
}
