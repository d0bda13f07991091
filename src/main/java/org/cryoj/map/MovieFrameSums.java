package org.cryoj.map;

import java.io.IOException;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler's movie-frame options on a stack of frames: --avg_first/--avg_last sum a
 * range of frames into one image, --avg_bin sums every run of that many frames into one image of
 * a new stack (frames left over at the end are dropped). Sums, not means, as RELION writes them,
 * in double precision; the pixel size is the frames'.
 */
public final class MovieFrameSums {
    private MovieFrameSums() {}

    /** Frames first .. last (counted from 1; first 0 counts as 1) summed into one image. */
    public static FloatVolume range(ImageHandlerBatch.Input frames, int first, int last) throws IOException {
        int n = requireMovie(frames);
        if (first < 0 || last < first || last > n)
            throw new IllegalArgumentException("--avg_first " + first + " --avg_last " + last + " do not name frames of "
                    + frames.path() + " (1 .. " + n + ")");
        return sums(frames, 1, index -> index + 1 >= first && index + 1 <= last ? 0 : -1);
    }

    /** Every {@code width} frames summed: a stack of n / width images. */
    public static FloatVolume bins(ImageHandlerBatch.Input frames, int width) throws IOException {
        int n = requireMovie(frames);
        if (width < 1 || width > n)
            throw new IllegalArgumentException("--avg_bin must be between 1 and the " + n + " frames of " + frames.path() + ", was " + width);
        int count = n / width;
        return sums(frames, count, index -> index / width < count ? index / width : -1);
    }

    private static int requireMovie(ImageHandlerBatch.Input frames) {
        if (frames.isStar()) throw new IllegalArgumentException("--avg_first/--avg_last/--avg_bin take a stack of movie frames (.mrcs), not a STAR file");
        int n = frames.items().size();
        if (n < 2) throw new IllegalArgumentException(frames.path() + " holds one frame; movie-frame sums need a stack of frames");
        return n;
    }

    @FunctionalInterface
    private interface Target { int of(int frame); }

    private static FloatVolume sums(ImageHandlerBatch.Input frames, int count, Target target) throws IOException {
        double[][] sum = {null};
        FloatVolume[] first = {null};
        ImageHandlerBatch.forEach(frames, (item, image) -> {
            if (sum[0] == null) {
                sum[0] = new double[count * image.data().length];
                first[0] = image;
            }
            int t = target.of(item.index());
            if (t < 0) return;
            float[] d = image.data();
            for (int i = 0, o = t * d.length; i < d.length; i++) sum[0][o + i] += d[i];
        });
        float[] out = new float[sum[0].length];
        for (int i = 0; i < out.length; i++) out[i] = (float) sum[0][i];
        return new FloatVolume(first[0].nx(), first[0].ny(), count, out, first[0].pixelSize());
    }
}
