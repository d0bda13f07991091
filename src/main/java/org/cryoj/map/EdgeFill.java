package org.cryoj.map;

import org.cryoj.image.FloatVolume;

/**
 * relion_image_handler --add_edge: the columns left of x0 take column x0's values, those right of
 * xF column xF's; then the rows above y0 take row y0's, those below yF row yF's (a barcode-like
 * edge on a micrograph or movie frame). Bounds past the image leave that side alone.
 *
 * @param x0 first kept column (RELION's --edge_x0, default 0)
 * @param xF last kept column (--edge_xF, default 4095)
 * @param y0 first kept row (--edge_y0, default 0)
 * @param yF last kept row (--edge_yF, default 4095)
 */
public record EdgeFill(int x0, int xF, int y0, int yF) {
    public EdgeFill {
        if (x0 < 0 || y0 < 0 || xF < x0 || yF < y0)
            throw new IllegalArgumentException("--edge_x0/--edge_xF/--edge_y0/--edge_yF must give 0 <= x0 <= xF and 0 <= y0 <= yF, were "
                    + x0 + ", " + xF + ", " + y0 + ", " + yF);
    }

    public FloatVolume apply(FloatVolume v) {
        int nx = v.nx(), ny = v.ny();
        if (v.nz() != 1) throw new IllegalArgumentException("--add_edge works on 2D images, got a " + nx + "x" + ny + "x" + v.nz() + " map");
        if (x0 >= nx || y0 >= ny)
            throw new IllegalArgumentException("--edge_x0 " + x0 + " / --edge_y0 " + y0 + " lie outside the " + nx + "x" + ny + " image");
        float[] d = v.data().clone();
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                if (x < x0) d[x + nx * y] = d[x0 + nx * y];
                else if (x > xF) d[x + nx * y] = d[xF + nx * y];
            }
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                if (y < y0) d[x + nx * y] = d[x + nx * y0];
                else if (y > yF) d[x + nx * y] = d[x + nx * yF];
            }
        return new FloatVolume(nx, ny, 1, d, v.pixelSize());
    }
}
