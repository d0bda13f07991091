package org.cryoj.extract;

import java.nio.FloatBuffer;

/**
 * Cuts the box of one particle out of a micrograph as relion_preprocess does: the box centre
 * (pixel size/2, size/2) sits on the coordinate truncated toward zero, and pixels beyond the
 * micrograph edge repeat the nearest edge pixel (RELION fills them so, rather than with zeros,
 * to keep the background statistics free of a step).
 */
public final class ParticleWindow {
    private ParticleWindow() {}

    /**
     * @param mic  micrograph pixels, x fastest, {@code nx * ny} of them
     * @return {@code size * size} pixels, x fastest
     * @throws IllegalArgumentException when the box lies wholly outside the micrograph (RELION stops there too)
     */
    public static float[] extract(float[] mic, int nx, int ny, double coordX, double coordY, int size) {
        if (mic.length != (long) nx * ny)
            throw new IllegalArgumentException("micrograph has " + mic.length + " pixels, not " + nx + "x" + ny);
        float[] box = new float[size * size];
        extract(new FloatBuffer[] {FloatBuffer.wrap(mic)}, 0, ny, nx, ny, coordX, coordY, size, box);
        return box;
    }

    /**
     * The same into {@code box} (size * size) from blocks of micrograph rows in memory: row r lies
     * in {@code blocks[r / blockRows - firstBlock]} from float {@code (r % blockRows) * nx} on; the
     * blocks must hold every row the box reads ({@link #rowsRead}).
     */
    static void extract(FloatBuffer[] blocks, int firstBlock, int blockRows, int nx, int ny,
                        double coordX, double coordY, int size, float[] box) {
        long xpos = (long) coordX, ypos = (long) coordY;   // C's (long int) cast, as RELION does
        long x0 = xpos - size / 2, y0 = ypos - size / 2;
        if (x0 + size - 1 < 0 || x0 >= nx || y0 + size - 1 < 0 || y0 >= ny)
            throw new IllegalArgumentException("particle at (" + coordX + ", " + coordY
                    + ") lies completely outside the " + nx + "x" + ny + " micrograph");
        // columns [left, right) of the box lie on the micrograph; the others repeat its edge
        int left = (int) Math.max(0, -x0), right = (int) Math.min(size, nx - x0);
        for (int j = 0; j < size; j++) {
            int r = (int) clamp(y0 + j, ny), out = size * j;
            FloatBuffer b = blocks[r / blockRows - firstBlock];
            int row = (r % blockRows) * nx;
            if (left > 0) java.util.Arrays.fill(box, out, out + left, b.get(row));
            b.get(row + (int) (x0 + left), box, out + left, right - left);
            if (right < size) java.util.Arrays.fill(box, out + right, out + size, b.get(row + nx - 1));
        }
    }

    /** Micrograph rows [first, end) the box of a particle at coordY reads (clamped to the micrograph; at least one row). */
    static int[] rowsRead(double coordY, int ny, int size) {
        long top = (long) coordY - size / 2;
        int first = (int) clamp(top, ny);
        int end = (int) Math.max(first + 1, Math.min(ny, top + size));
        return new int[] {first, end};
    }

    private static long clamp(long v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
