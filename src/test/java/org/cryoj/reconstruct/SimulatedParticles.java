package org.cryoj.reconstruct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.mrc.MrcStackWriter;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.cryoj.testutil.NoisyParticle;

/**
 * Writes particles.mrcs and particles.star (RELION 3.1): projections of a map at random angles
 * (uniform on the sphere) and origins, CTF-modulated, with white Gaussian noise. Public so that
 * the Fiji command tests reconstruct the same kind of particle set as the library tests.
 */
public final class SimulatedParticles {
    private SimulatedParticles() {}

    /** @return the STAR file; the stack's name in it is absolute, so any working directory reads it */
    public static Path write(Path dir, FloatVolume map, int count, double noiseSigma, long seed) throws IOException {
        int n = map.nx();
        double px = map.pixelSize();
        Random rnd = new Random(seed);
        Projector projector = Projector.of(map, 2);
        StarTable optics = new StarTable("rlnOpticsGroupName", "rlnOpticsGroup", "rlnVoltage", "rlnSphericalAberration",
                "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality");
        int o = optics.addRow();
        optics.setString(o, "rlnOpticsGroupName", "opticsGroup1");
        optics.setInt(o, "rlnOpticsGroup", 1);
        optics.setDouble(o, "rlnVoltage", 300);
        optics.setDouble(o, "rlnSphericalAberration", 2.7);
        optics.setDouble(o, "rlnAmplitudeContrast", 0.1);
        optics.setDouble(o, "rlnImagePixelSize", px);
        optics.setInt(o, "rlnImageSize", n);
        optics.setInt(o, "rlnImageDimensionality", 2);
        StarTable parts = new StarTable("rlnImageName", "rlnOpticsGroup", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnOriginXAngst", "rlnOriginYAngst", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle");
        Path stack = dir.resolve("particles.mrcs").toAbsolutePath();
        try (MrcStackWriter w = MrcStackWriter.create(stack, n, n, px, MrcMode.FLOAT32, false)) {
            for (int i = 0; i < count; i++) {
                double rot = rnd.nextDouble() * 360 - 180, tilt = Math.toDegrees(Math.acos(2 * rnd.nextDouble() - 1));
                double psi = rnd.nextDouble() * 360 - 180;
                double ox = (rnd.nextDouble() * 2 - 1) * 3 * px, oy = (rnd.nextDouble() * 2 - 1) * 3 * px;
                double du = 10000 + 15000 * rnd.nextDouble(), dv = du - 500 * rnd.nextDouble(), da = rnd.nextDouble() * 180;
                float[] img = NoisyParticle.image(projector, TestMaps.matrix(rot, tilt, psi), CtfParameters.of(du, dv, da, 300, 2.7, 0.1), px,
                        ox / px, oy / px, 1, noiseSigma, rnd);
                w.append(img);
                int r = parts.addRow();
                parts.setString(r, "rlnImageName", String.format("%06d@%s", i + 1, stack));
                parts.setInt(r, "rlnOpticsGroup", 1);
                parts.setDouble(r, "rlnAngleRot", rot);
                parts.setDouble(r, "rlnAngleTilt", tilt);
                parts.setDouble(r, "rlnAnglePsi", psi);
                parts.setDouble(r, "rlnOriginXAngst", ox);
                parts.setDouble(r, "rlnOriginYAngst", oy);
                parts.setDouble(r, "rlnDefocusU", du);
                parts.setDouble(r, "rlnDefocusV", dv);
                parts.setDouble(r, "rlnDefocusAngle", da);
            }
            w.commit();
        }
        Path star = dir.resolve("particles.star");
        StarFile.of(StarBlock.loop("optics", optics), StarBlock.loop("particles", parts)).write(star, false);
        return star;
    }
}
