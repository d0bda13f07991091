package org.cryoj.extract;

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
        long xpos = (long) coordX, ypos = (long) coordY;   // C's (long int) cast, as RELION does
        long x0 = xpos - size / 2, y0 = ypos - size / 2;
        if (x0 + size - 1 < 0 || x0 >= nx || y0 + size - 1 < 0 || y0 >= ny)
            throw new IllegalArgumentException("particle at (" + coordX + ", " + coordY
                    + ") lies completely outside the " + nx + "x" + ny + " micrograph");
        float[] box = new float[size * size];
        for (int j = 0; j < size; j++) {
            int y = (int) clamp(y0 + j, ny);
            int row = y * nx;
            for (int i = 0; i < size; i++)
                box[i + size * j] = mic[row + (int) clamp(x0 + i, nx)];
        }
        return box;
    }

    private static long clamp(long v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
