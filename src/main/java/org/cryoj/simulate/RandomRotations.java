package org.cryoj.simulate;

import java.util.random.RandomGenerator;

import org.cryoj.geometry.Rotation3;
import org.cryoj.geometry.Vector3;

/**
 * Random rotations. Uniform over SO(3) (Haar measure) from a uniformly random unit quaternion,
 * four independent Gaussians normalised: drawing Euler angles uniformly would crowd the poles.
 */
public final class RandomRotations {
    private RandomRotations() {}

    public static Rotation3 uniform(RandomGenerator rnd) {
        double a, b, c, d, s;
        do {
            a = rnd.nextGaussian(); b = rnd.nextGaussian(); c = rnd.nextGaussian(); d = rnd.nextGaussian();
            s = Math.sqrt(a * a + b * b + c * c + d * d);
        } while (s < 1e-6);
        a /= s; b /= s; c /= s; d /= s;
        return Rotation3.of(
                a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
                2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b),
                2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d);
    }

    /**
     * {@code r} followed by a small random rotation whose rotation vector has independent
     * Gaussian components of {@code sigmaDeg} degrees: the pose an earlier, less accurate
     * refinement would have found. The angle between the two has an rms of sigma * sqrt(3).
     */
    public static Rotation3 perturb(Rotation3 r, double sigmaDeg, RandomGenerator rnd) {
        if (sigmaDeg == 0) return r;
        Vector3 w = new Vector3(rnd.nextGaussian() * sigmaDeg, rnd.nextGaussian() * sigmaDeg, rnd.nextGaussian() * sigmaDeg);
        double angle = Math.sqrt(w.x() * w.x() + w.y() * w.y() + w.z() * w.z());
        if (angle == 0) return r;
        return Rotation3.aboutAxis(w, angle).multiply(r);
    }
}
