package org.cryoj.parity;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.parity.CaseInput.ParticleInput;

/**
 * Random relion_reconstruct runs on simulated particles of the D2 phantom: point groups (the
 * particles' own D2, others it does not have), with and without CTF correction, padding 1 to 3,
 * a resolution limit, another pixel size; and sets both must refuse. Not drawn: --subset and
 * --class (the simulated set has neither column), --NN, --only_flip_phases,
 * --ctf_intact_first_peak, Ewald-sphere and helical options (CryoJ does not have them).
 */
final class ReconstructCases {
    private static final String[] GROUPS = {"C1", "C1", "C1", "C2", "C3", "D2", "D2", "D3", "T", "O", "I"};

    private ReconstructCases() {}

    static ParityCase generate(long seed, int index, Draw d) {
        int box = d.evenIn(24, 40);   // particle boxes are even in RELION (extraction makes them so)
        double px = d.pick(2.0, 2.5, 3.0, 3.54);
        ParticleInput in = new ParticleInput(box, px, d.intIn(60, 200), d.pick(0.0, 0.05, 0.3), d.nextLong());
        List<CaseOption> o = new ArrayList<>();
        o.add(CaseOption.of("--i", "particles.star"));
        o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
        if (d.chance(0.1)) {
            switch (d.intIn(0, 3)) {
                case 0 -> o.add(CaseOption.of("--sym", d.pick("Q5", "C0", "D")));
                case 1 -> o.set(0, CaseOption.of("--i", "missing.star"));
                case 2 -> o.add(CaseOption.of("--pad", "abc"));
                default -> o.add(CaseOption.of("--maxres", "x"));
            }
            return new ParityCase(seed, index, Tool.RECONSTRUCT, in, o);
        }
        if (d.chance(0.8)) o.add(CaseOption.of("--sym", d.pick(GROUPS)));
        if (d.chance(0.5)) o.add(CaseOption.flag("--ctf"));
        if (d.chance(0.5)) o.add(CaseOption.of("--pad", d.pick(1, 2, 2, 3)));
        if (d.chance(0.3)) o.add(CaseOption.of("--maxres", Draw.num(d.in(2.5 * px, 10 * px, 0.1))));
        if (d.chance(0.1)) o.add(CaseOption.of("--angpix", Draw.num(d.in(1.5, 4, 0.01))));
        return new ParityCase(seed, index, Tool.RECONSTRUCT, in, o);
    }
}
