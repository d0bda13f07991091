package org.cryoj.map;

import java.util.Objects;

import org.cryoj.fourier.RadialSpectrum;
import org.cryoj.image.FloatVolume;

/**
 * --adjust_power: every shell of the image is scaled so its mean amplitude becomes the
 * reference's (shells the image has no amplitude in are left alone). Shells are those of
 * RELION's loops ({@link RadialSpectrum#amplitude}): on a non-square image some frequencies sit in
 * the shell of a wrong label, as in relion_image_handler; a box so much longer in y or z than in x
 * that a label passes the last shell is refused (RELION writes past its spectrum and aborts).
 */
public record AdjustPower(FloatVolume reference) implements ImageOperation {
    public AdjustPower {
        Objects.requireNonNull(reference, "reference");
    }

    @Override
    public FloatVolume apply(FloatVolume v) {
        ImageOperation.requireSameSize(v, reference);
        double[] want = RadialSpectrum.amplitude(reference), have = RadialSpectrum.amplitude(v);
        double[] factor = new double[have.length];
        for (int s = 0; s < factor.length; s++) factor[s] = have[s] > 0 ? want[s] / have[s] : 1;
        return RadialSpectrum.scaleShells(v, factor);
    }
}
