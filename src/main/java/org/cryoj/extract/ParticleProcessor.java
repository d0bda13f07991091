package org.cryoj.extract;

import java.util.Objects;
import java.util.Random;

import org.cryoj.image.FloatVolume;

/**
 * relion_preprocess's per-particle operations, in its order: window from the micrograph,
 * Fourier rescale to --scale, normalisation (dust, ramp, background mean/stddev), then
 * contrast inversion.
 */
public final class ParticleProcessor {
    private final ExtractSettings settings;
    private final Rescaler rescaler;

    public ParticleProcessor(ExtractSettings settings, Rescaler rescaler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rescaler = Objects.requireNonNull(rescaler, "rescaler");
    }

    /**
     * @param micrograph  the whole micrograph (nz == 1)
     * @param random      noise source for dust replacement
     * @return the processed particle, {@code outputSize()} square, at the output pixel size
     */
    public FloatVolume process(FloatVolume micrograph, double coordX, double coordY, Random random) {
        if (micrograph.nz() != 1)
            throw new IllegalArgumentException("expected a 2D micrograph, got " + micrograph);
        int box = settings.extractSize();
        float[] px = ParticleWindow.extract(micrograph.data(), micrograph.nx(), micrograph.ny(), coordX, coordY, box);
        FloatVolume img = new FloatVolume(box, box, 1, px, micrograph.pixelSize());
        int out = settings.outputSize();
        if (out != box) img = rescaler.resize(img, out, settings.outputPixelSize(micrograph.pixelSize()));
        float[] d = img.data();
        if (settings.normalise())
            BackgroundNormaliser.normalise(d, out, settings.backgroundRadius(), settings.ramp(),
                    settings.whiteDust(), settings.blackDust(), random);
        if (settings.invertContrast())
            for (int i = 0; i < d.length; i++) d[i] = -d[i];
        return img;
    }
}
