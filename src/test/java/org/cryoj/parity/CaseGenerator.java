package org.cryoj.parity;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed to cases: case {@code index} of run {@code seed} is drawn from its own random stream,
 * so it is the same case whatever else the run holds (rerun one with
 * {@code bench/parity.sh 1 SEED INDEX}). Tools in proportion to their options: half the cases
 * image_handler, a fifth mask_create, the rest extraction and reconstruction.
 */
public final class CaseGenerator {
    private CaseGenerator() {}

    public static ParityCase generate(long seed, int index) {
        Draw d = new Draw(seed * 1_000_003L + index);
        double t = d.nextDouble();
        if (t < 0.5) return ImageHandlerCases.generate(seed, index, d);
        if (t < 0.7) return MaskCreateCases.generate(seed, index, d);
        if (t < 0.85) return ExtractCases.generate(seed, index, d);
        return ReconstructCases.generate(seed, index, d);
    }

    public static List<ParityCase> generate(long seed, int first, int count) {
        List<ParityCase> cases = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) cases.add(generate(seed, i));
        return cases;
    }
}
