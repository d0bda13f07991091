package org.cryoj.extract;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.Random;

import org.cryoj.fourier.ImageRescaler;
import org.cryoj.image.FloatVolume;

/**
 * relion_preprocess's per-particle operations, in its order: window from the micrograph,
 * Fourier rescale to --scale, normalisation (dust, ramp, background mean/stddev), then
 * contrast inversion. Keeps its buffers between particles: one processor per thread.
 */
public final class ParticleProcessor {
    private final ExtractSettings settings;
    private final ImageRescaler rescaler;
    private final BackgroundMask background;
    private final float[] window, rescaled;

    public ParticleProcessor(ExtractSettings settings, Rescaler rescaler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int box = settings.extractSize(), out = settings.outputSize();
        this.rescaler = out != box ? Objects.requireNonNull(rescaler, "rescaler").create(box, out) : null;
        this.background = settings.normalise() ? new BackgroundMask(out, settings.backgroundRadius()) : null;
        this.window = new float[box * box];
        this.rescaled = out != box ? new float[out * out] : null;
    }

    /**
     * @param micrograph  the whole micrograph (nz == 1)
     * @param random      noise source for dust replacement
     * @return the processed particle, {@code outputSize()} square, at the output pixel size
     */
    public FloatVolume process(FloatVolume micrograph, double coordX, double coordY, Random random) {
        if (micrograph.nz() != 1)
            throw new IllegalArgumentException("expected a 2D micrograph, got " + micrograph);
        float[] d = process(new FloatBuffer[] {FloatBuffer.wrap(micrograph.data())}, 0, micrograph.ny(),
                micrograph.nx(), micrograph.ny(), coordX, coordY, random);
        int out = settings.outputSize();
        return new FloatVolume(out, out, 1, d.clone(), settings.outputPixelSize(micrograph.pixelSize()));
    }

    /**
     * The same on micrograph rows in memory, in blocks of {@code blockRows} rows from block
     * {@code firstBlock} on (see {@link ParticleWindow#extract(FloatBuffer[], int, int, int, int, double, double, int, float[])}).
     *
     * @return outputSize()² pixels in a buffer of this processor, valid until the next call
     */
    float[] process(FloatBuffer[] blocks, int firstBlock, int blockRows, int nx, int ny, double coordX, double coordY,
                    Random random) {
        ParticleWindow.extract(blocks, firstBlock, blockRows, nx, ny, coordX, coordY, settings.extractSize(), window);
        float[] d = window;
        if (rescaler != null) {
            rescaler.rescale(window, rescaled);
            d = rescaled;
        }
        if (background != null)
            BackgroundNormaliser.normalise(d, background, settings.ramp(), settings.whiteDust(), settings.blackDust(), random);
        if (settings.invertContrast())
            for (int i = 0; i < d.length; i++) d[i] = -d[i];
        return d;
    }
}
