package org.cryoj.refine;

import java.io.IOException;
import java.nio.file.Path;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.map.atomic.AtomicMapRenderer;
import org.cryoj.map.atomic.PseudoAtomicModel;

/**
 * Small refinement projects with detail to Nyquist for the test suite: a D2 pseudo-atomic structure of
 * {@link #RESIDUES} residues per asymmetric unit (about 80 Å across) rendered at box {@link #BOX},
 * {@link #ANGPIX} Å/px (Nyquist 4.4 Å), particles and reference as {@link RefineTestData} makes them.
 */
final class AtomicTestData {
    static final int RESIDUES = 100, BOX = 48;
    static final double ANGPIX = 2.2, DIAMETER = 96;

    private AtomicTestData() {}

    static FloatVolume truth() {
        PseudoAtomicModel m = PseudoAtomicModel.generate(SymmetryGroup.parse("D2"), RESIDUES, PseudoAtomicModel.DEFAULT_BFACTOR,
                PseudoAtomicModel.DEFAULT_SEED);
        return AtomicMapRenderer.render(m, BOX, ANGPIX);
    }

    /** {@code count} particles at the given SNR; the reference is the truth low-passed to 30 Å on another grey scale. */
    static RefineTestData create(Path dir, int count, double snr, long seed) throws IOException {
        return RefineTestData.create(dir, truth(), count, snr, seed, 30);
    }
}
