package org.cryoj.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;

/**
 * Draws everything random about the particles except the noise, in a fixed order from one seed,
 * so a data set does not depend on the number of threads that render it.
 */
final class ParticlePlanner {
    private final SimulationSettings s;
    private final double angpix;
    private final int box;
    private final Random rnd;

    ParticlePlanner(SimulationSettings s, double angpix, int box, Random rnd) {
        this.s = s;
        this.angpix = angpix;
        this.box = box;
        this.rnd = rnd;
    }

    /** A random CTF: defocus U in the range, V up to --astigmatism less, any angle. */
    CtfParameters randomCtf() {
        double u = 1e4 * (s.defocusMin() + (s.defocusMax() - s.defocusMin()) * rnd.nextDouble());
        double v = u - 1e4 * s.astigmatism() * rnd.nextDouble();
        return CtfParameters.of(u, v, 180 * rnd.nextDouble(), s.voltage(), s.cs(), s.q0());
    }

    /** The CTF the signal is multiplied by: the written one with the B-factor envelope. */
    CtfParameters withEnvelope(CtfParameters c) {
        return new CtfParameters(c.defocusU(), c.defocusV(), c.defocusAngle(), c.voltage(), c.sphericalAberration(),
                c.amplitudeContrast(), s.bfactor(), 1, 0);
    }

    /** Stacked particles: own CTF each, offsets within ±maxShift pixels, one group. */
    List<SimulatedParticle> stacked() {
        List<SimulatedParticle> out = new ArrayList<>(s.particles());
        for (int i = 0; i < s.particles(); i++) {
            Rotation3 r = RandomRotations.uniform(rnd);
            double ox = (2 * rnd.nextDouble() - 1) * s.maxShift() * angpix, oy = (2 * rnd.nextDouble() - 1) * s.maxShift() * angpix;
            EulerAngles pose = EulerAngles.fromMatrix(r);
            EulerAngles earlier = EulerAngles.fromMatrix(RandomRotations.perturb(pose.toMatrix(), s.angleNoise(), rnd));
            out.add(new SimulatedParticle(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ox, oy, pose, earlier,
                    randomCtf(), 1 + i % 2, 1));
        }
        return out;
    }

    /** Particle boxes sit in cells of 1.25 box, jittered inside their cell, so boxes never overlap. */
    int cell() { return box + box / 4; }

    int particlesPerMicrograph() {
        int c = s.micrographSize() / cell();
        if (c < 1) throw new IllegalArgumentException("--mic_size " + s.micrographSize() + " holds no box of " + box + " pixels");
        int fit = c * c;
        if (s.particlesPerMicrograph() > fit)
            throw new IllegalArgumentException("--parts_per_mic " + s.particlesPerMicrograph() + ": at most " + fit
                    + " boxes of " + box + " pixels fit on a " + s.micrographSize() + " pixel micrograph without overlap");
        return s.particlesPerMicrograph() > 0 ? s.particlesPerMicrograph() : fit;
    }

    int micrographCount() { return (s.particles() + particlesPerMicrograph() - 1) / particlesPerMicrograph(); }

    /** One CTF per micrograph, drawn first. */
    List<CtfParameters> micrographCtfs() {
        List<CtfParameters> out = new ArrayList<>();
        for (int m = 0; m < micrographCount(); m++) out.add(randomCtf());
        return out;
    }

    /** Particles on micrographs, micrograph by micrograph; the earlier job's picks and offsets. */
    List<SimulatedParticle> onMicrographs(List<CtfParameters> ctfs) {
        int perMic = particlesPerMicrograph(), cell = cell(), c = s.micrographSize() / cell;
        double offset = (s.micrographSize() - c * cell) / 2.0, jitter = (cell - box) / 2.0;
        List<SimulatedParticle> out = new ArrayList<>(s.particles());
        for (int m = 0; m < ctfs.size(); m++) {
            int[] cells = shuffled(c * c);
            int here = Math.min(perMic, s.particles() - out.size());
            for (int k = 0; k < here; k++) {
                double cx = offset + (cells[k] % c + 0.5) * cell + (2 * rnd.nextDouble() - 1) * jitter;
                double cy = offset + (cells[k] / c + 0.5) * cell + (2 * rnd.nextDouble() - 1) * jitter;
                // autopick writes whole pixels; the earlier refinement found the rest: centre = pick - origin / angpix
                double px = Math.rint(cx + s.pickError() * rnd.nextGaussian()), py = Math.rint(cy + s.pickError() * rnd.nextGaussian());
                EulerAngles pose = EulerAngles.fromMatrix(RandomRotations.uniform(rnd));
                EulerAngles earlier = EulerAngles.fromMatrix(RandomRotations.perturb(pose.toMatrix(), s.angleNoise(), rnd));
                out.add(new SimulatedParticle(m + 1, cx, cy, px, py, (px - cx) * angpix, (py - cy) * angpix, pose, earlier,
                        ctfs.get(m), 1 + out.size() % 2, m + 1));
            }
        }
        return out;
    }

    private int[] shuffled(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
