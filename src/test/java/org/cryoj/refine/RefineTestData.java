package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.fourier.FourierFilters;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarLabel;
import org.cryoj.io.star.StarTable;
import org.cryoj.map.Phantoms;
import org.cryoj.reconstruct.Projector;
import org.cryoj.reconstruct.SimulatedParticles;

/**
 * A simulated refinement project: D2 particles of a known map (the blob phantom or the pseudo-atomic
 * structure; random poses, origins within 3 px, CTF, white noise at a given SNR) written by {@link SimulatedParticles}; input.star is particles.star
 * without the true angles and origins (kept in particles.star as the truth); ref.mrc is the
 * true map low-passed (40 Å by default) and scaled by an arbitrary factor, as a reference from another job.
 */
public record RefineTestData(Path input, Path truthStar, Path reference, FloatVolume truth) {

    public static RefineTestData create(Path dir, int box, double angpix, int count, double snr, long seed) throws IOException {
        return create(dir, Phantoms.d2(box, angpix), count, snr, seed, 40);
    }

    /** The same from any true map (e.g. the pseudo-atomic structure), the reference low-passed to {@code refLowpass} Å. */
    public static RefineTestData create(Path dir, FloatVolume truth, int count, double snr, long seed, double refLowpass) throws IOException {
        double angpix = truth.pixelSize();
        double signal = projectionStd(truth);
        Path truthStar = SimulatedParticles.write(dir, truth, count, signal / Math.sqrt(snr), seed);
        StarFile f = StarFile.read(truthStar);
        StarTable t = f.block("particles").table();
        int[] all = new int[t.rowCount()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        StarTable in = t.select(all);
        for (StarLabel l : new StarLabel[] {StarLabel.ANGLE_ROT, StarLabel.ANGLE_TILT, StarLabel.ANGLE_PSI, StarLabel.ORIGIN_X_ANGST, StarLabel.ORIGIN_Y_ANGST})
            in.removeColumn(l);
        Path input = dir.resolve("input.star");
        StarFile.of(f.block("optics"), StarBlock.loop("particles", in)).write(input, false);
        FloatVolume ref = FourierFilters.lowPass(truth, refLowpass, angpix, FourierFilters.DEFAULT_EDGE_WIDTH);
        for (int i = 0; i < ref.data().length; i++) ref.data()[i] = 3.7f * ref.data()[i] + 0.2f;
        Path refFile = dir.resolve("ref.mrc");
        MrcFile.write(refFile, ref, MrcMode.FLOAT32, false);
        return new RefineTestData(input, truthStar, refFile, truth);
    }

    /** Standard deviation of a projection (angles 0, 0, 0) of the map: the signal level of the images. */
    public static double projectionStd(FloatVolume map) {
        float[] img = org.cryoj.fourier.Fft.inverse(Projector.of(map, 2).project(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1).data();
        double s = 0, s2 = 0;
        for (float v : img) { s += v; s2 += v * v; }
        return Math.sqrt(s2 / img.length - (s / img.length) * (s / img.length));
    }
}
