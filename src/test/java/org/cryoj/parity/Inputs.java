package org.cryoj.parity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.Phantoms;
import org.cryoj.parity.CaseInput.MapInput;
import org.cryoj.parity.CaseInput.MicrographInput;
import org.cryoj.parity.CaseInput.ParticleInput;
import org.cryoj.reconstruct.SimulatedParticles;

/** Writes a case's input into its folder; the same input record always gives the same files. */
public final class Inputs {
    private Inputs() {}

    public static void write(CaseInput input, Path dir) throws IOException {
        if (input instanceof MapInput m) writeMap(m, dir);
        else if (input instanceof ParticleInput p)
            SimulatedParticles.write(dir, Phantoms.d2(p.box(), p.angpix()), p.count(), p.noiseSigma(), p.seed());
        else if (input instanceof MicrographInput m) MicrographProject.write(m, dir);
        else throw new IllegalArgumentException("unknown input " + input);
    }

    private static void writeMap(MapInput m, Path dir) throws IOException {
        double px = m.headerAngpix() > 0 ? m.headerAngpix() : 1.0;
        FloatVolume in = content(m, px);
        write(dir.resolve("in.mrc"), in, m.headerAngpix());
        write(dir.resolve("op.mrc"), operand(in, m.seed() + 1), m.headerAngpix());
        write(dir.resolve("mask.mrc"), softSphere(in), m.headerAngpix());
        // a second image of another size, for the invalid sets
        write(dir.resolve("other.mrc"), noise(m.nx() + 2, m.ny() + 2, m.is3d() ? m.nz() + 2 : 1, px, m.seed() + 2), m.headerAngpix());
    }

    static FloatVolume content(MapInput m, double px) {
        return switch (m.content()) {
            case PHANTOM -> Phantoms.d2(m.nx(), px);
            case NOISE -> noise(m.nx(), m.ny(), m.nz(), px, m.seed());
            case BLOB -> blob(m, px);
            case NAN -> {
                FloatVolume v = noise(m.nx(), m.ny(), m.nz(), px, m.seed());
                float[] d = v.data();
                d[0] = Float.NaN;
                d[5] = Float.POSITIVE_INFINITY;
                d[d.length / 2 + 3] = Float.NEGATIVE_INFINITY;
                d[d.length - 1] = Float.NaN;
                yield v;
            }
        };
    }

    /** Writes a map (nz > 1) or image; headerAngpix 0 leaves the header's cell at 0 (no pixel size). */
    private static void write(Path f, FloatVolume v, double headerAngpix) throws IOException {
        MrcFile.write(f, v, MrcMode.FLOAT32, true);
        if (headerAngpix > 0) return;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()), 40);   // cella (words 11-13)
        }
    }

    static FloatVolume noise(int nx, int ny, int nz, double angpix, long seed) {
        Random r = new Random(seed);
        float[] d = new float[nx * ny * nz];
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return new FloatVolume(nx, ny, nz, d, angpix);
    }

    /** A Gaussian blob a few voxels off the centre, on weak noise. */
    private static FloatVolume blob(MapInput m, double px) {
        FloatVolume v = noise(m.nx(), m.ny(), m.nz(), px, m.seed());
        Random r = new Random(m.seed() + 7);
        double cx = m.nx() / 2 + 4 * r.nextDouble() - 2, cy = m.ny() / 2 + 4 * r.nextDouble() - 2;
        double cz = m.nz() > 1 ? m.nz() / 2 + 4 * r.nextDouble() - 2 : 0;
        double s2 = 2 * Math.pow(1 + 0.1 * Math.min(m.nx(), m.ny()), 2);
        for (int z = 0; z < m.nz(); z++)
            for (int y = 0; y < m.ny(); y++)
                for (int x = 0; x < m.nx(); x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                    v.set(x, y, z, (float) (0.05 * v.get(x, y, z) + Math.exp(-d2 / s2)));
                }
        return v;
    }

    /** Noise plus 0.6 of the input (so fitted scales mean something), with exact zeros every 11th voxel. */
    private static FloatVolume operand(FloatVolume like, long seed) {
        FloatVolume v = noise(like.nx(), like.ny(), like.nz(), like.pixelSize(), seed);
        float[] d = v.data(), x = like.data();
        for (int i = 0; i < d.length; i++) d[i] = Float.isFinite(x[i]) ? 0.5f * d[i] + 0.6f * x[i] : d[i];
        for (int i = 0; i < d.length; i += 11) d[i] = 0;
        return v;
    }

    /** 1 in the middle, 0 from 0.45 of the box on, with a cosine edge. */
    private static FloatVolume softSphere(FloatVolume like) {
        int nx = like.nx(), ny = like.ny(), nz = like.nz();
        FloatVolume m = FloatVolume.zeros(nx, ny, nz, like.pixelSize());
        double r0 = 0.25 * nx, r1 = 0.45 * nx;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    double r = Math.sqrt(Math.pow(x - nx / 2, 2) + Math.pow(y - ny / 2, 2) + (nz > 1 ? Math.pow(z - nz / 2, 2) : 0));
                    m.set(x, y, z, (float) (r <= r0 ? 1 : r >= r1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * (r - r0) / (r1 - r0))));
                }
        return m;
    }
}
