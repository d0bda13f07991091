package org.cryoj.reconstruct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.geometry.Rotation3;
import org.cryoj.io.InputFormatException;
import org.cryoj.io.mrc.ImageReference;
import org.cryoj.io.star.OpticsGroup;
import org.cryoj.io.star.ParticleOptics;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;

/** Reads the particles of a STAR file into {@link Particle}s, with the optics of each row. */
public final class ParticleReader {
    /** Particles, the optics of the first one, and the pixel size of the map (--angpix, or the first optics group's). */
    public record Particles(List<Particle> list, OpticsGroup firstOptics, double pixelSize) {}

    private ParticleReader() {}

    /**
     * @param angpix pixel size to use, or NaN for the first optics group's (relion_reconstruct's rule)
     * @param ctf    whether the CTF columns are needed
     */
    public static Particles read(Path star, double angpix, boolean ctf) throws IOException {
        StarFile file = StarFile.read(star);
        String block = file.hasBlock("particles") ? "particles" : file.blocks().get(file.blocks().size() - 1).name();
        StarTable t = file.block(block).table();
        t.requireColumns(StarLabel.IMAGE_NAME, StarLabel.ANGLE_ROT, StarLabel.ANGLE_TILT, StarLabel.ANGLE_PSI);
        if (ctf) t.requireColumns(StarLabel.DEFOCUS_U, StarLabel.DEFOCUS_V, StarLabel.DEFOCUS_ANGLE);
        ParticleOptics optics = ParticleOptics.of(file, block);
        if (t.rowCount() == 0) throw new InputFormatException(star, -1, block, "no particles");
        double px = Double.isNaN(angpix) ? optics.pixelSize(0) : angpix;
        boolean angst = t.hasColumn(StarLabel.ORIGIN_X_ANGST);
        List<Particle> out = new ArrayList<>(t.rowCount());
        try {
            for (int r = 0; r < t.rowCount(); r++) {
                ImageReference ref = ImageReference.parse(t.getString(r, StarLabel.IMAGE_NAME), star, t.line(r), "rlnImageName");
                double[][] m = relionBackprojectionMatrix(t.getDouble(r, StarLabel.ANGLE_ROT), t.getDouble(r, StarLabel.ANGLE_TILT),
                        t.getDouble(r, StarLabel.ANGLE_PSI));
                double ox = angst ? t.getDouble(r, StarLabel.ORIGIN_X_ANGST) / optics.pixelSize(r) : origin(t, r, StarLabel.ORIGIN_X);
                double oy = angst ? t.getDouble(r, StarLabel.ORIGIN_Y_ANGST) / optics.pixelSize(r) : origin(t, r, StarLabel.ORIGIN_Y);
                out.add(new Particle(ref, m, ox, oy, ctf ? ctfOf(t, r, optics, star) : null, optics.pixelSize(r)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Particles(out, optics.group(0), px);
    }

    private static double origin(StarTable t, int r, StarLabel label) {
        return t.hasColumn(label) ? t.getDouble(r, label) : 0;
    }

    private static CtfParameters ctfOf(StarTable t, int r, ParticleOptics optics, Path star) throws InputFormatException {
        try {
            return new CtfParameters(t.getDouble(r, StarLabel.DEFOCUS_U), t.getDouble(r, StarLabel.DEFOCUS_V),
                    t.getDouble(r, StarLabel.DEFOCUS_ANGLE), optics.voltage(r), optics.sphericalAberration(r),
                    optics.amplitudeContrast(r), optional(t, r, StarLabel.CTF_BFACTOR, 0),
                    optional(t, r, StarLabel.CTF_SCALEFACTOR, 1), optional(t, r, StarLabel.PHASE_SHIFT, 0));
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(star, t.line(r), "CTF", e.getMessage());
        }
    }

    private static double optional(StarTable t, int r, StarLabel label, double fallback) {
        return t.hasColumn(label) ? t.getDouble(r, label) : fallback;
    }

    /**
     * RELION's Euler matrix A of (rot, tilt, psi), inverted as relion_reconstruct inverts it
     * (Matrix2D::inv: adjugate over determinant), transposed: the {@link BackProjector} takes A
     * and uses its transpose, which here is RELION's A^-1 to the last bit (angles to radians as
     * RELION's DEG2RAD, d x pi / 180). For a rotation A^-1 = A^T up to rounding; the rounding decides
     * whether an image pixel exactly on the circle of radius N/2 lies inside the grid's radius
     * (r^2 <= R^2) or not, and so which of those pixels RELION backprojects.
     */
    static double[][] relionBackprojectionMatrix(double rot, double tilt, double psi) {
        double alpha = rot * Math.PI / 180, beta = tilt * Math.PI / 180, gamma = psi * Math.PI / 180;
        double ca = Math.cos(alpha), cb = Math.cos(beta), cg = Math.cos(gamma);
        double sa = Math.sin(alpha), sb = Math.sin(beta), sg = Math.sin(gamma);
        double cc = cb * ca, cs = cb * sa, sc = sb * ca, ss = sb * sa;
        double[][] a = {{cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb},
                {-sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb},
                {sc, ss, cb}};
        double[][] r = new double[3][3];
        r[0][0] = a[2][2] * a[1][1] - a[2][1] * a[1][2];
        r[0][1] = -(a[2][2] * a[0][1] - a[2][1] * a[0][2]);
        r[0][2] = a[1][2] * a[0][1] - a[1][1] * a[0][2];
        r[1][0] = -(a[2][2] * a[1][0] - a[2][0] * a[1][2]);
        r[1][1] = a[2][2] * a[0][0] - a[2][0] * a[0][2];
        r[1][2] = -(a[1][2] * a[0][0] - a[1][0] * a[0][2]);
        r[2][0] = a[2][1] * a[1][0] - a[2][0] * a[1][1];
        r[2][1] = -(a[2][1] * a[0][0] - a[2][0] * a[0][1]);
        r[2][2] = a[1][1] * a[0][0] - a[1][0] * a[0][1];
        double det = a[0][0] * r[0][0] + a[1][0] * r[0][1] + a[2][0] * r[0][2];
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[j][i] = r[i][j] / det;
        return t;
    }

    /** The 3x3 array of a matrix, the form Projector and BackProjector take. */
    static double[][] matrix(Rotation3 m) {
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[i][j] = m.get(i, j);
        return a;
    }
}
