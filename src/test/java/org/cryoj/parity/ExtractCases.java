package org.cryoj.parity;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.parity.CaseInput.MicrographInput;

/**
 * Random re-extractions (relion_preprocess --extract --reextract_data_star): box sizes, Fourier
 * rescaling (even, and odd --scale, which RELION rounds up), normalisation with a background radius
 * (with or without a ramp), dust removal, contrast inversion, re-centring (on the refined origin or
 * on a point of the reference, in its own pixel size), reset offsets; and sets both must refuse.
 * Not drawn: --premultiply_ctf, --phase_flip, --window, --keep_ctfs_micrographs and helical
 * extraction (CryoJ does not have them; see README).
 */
final class ExtractCases {
    private ExtractCases() {}

    static ParityCase generate(long seed, int index, Draw d) {
        double micPx = d.pick(0.8, 1.0, 1.3, 1.6);
        MicrographInput in = new MicrographInput(d.intIn(1, 2), d.intIn(96, 200), d.intIn(96, 200), micPx,
                micPx * d.pick(1.0, 1.0, 1.5, 2.0, 2.5), d.intIn(3, 6), d.nextLong());
        List<CaseOption> o = new ArrayList<>();
        o.add(CaseOption.of("--i", MicrographProject.MICS_STAR));
        o.add(CaseOption.of("--reextract_data_star", MicrographProject.DATA_STAR));
        o.add(CaseOption.of("--part_dir", Runs.OUT + "/"));
        o.add(CaseOption.of("--part_star", Runs.OUT + "/particles.star"));
        o.add(CaseOption.flag("--extract"));
        double roll = d.nextDouble();
        if (roll < 0.1) invalid(d, o);
        else valid(d, o, roll < 0.16);
        return new ParityCase(seed, index, Tool.EXTRACT, in, o);
    }

    private static void valid(Draw d, List<CaseOption> o, boolean deliberate) {
        int size = d.evenIn(24, 48);
        o.add(CaseOption.of("--extract_size", size));
        int out = size;
        if (d.chance(0.4)) {
            out = d.chance(0.15) ? 2 * d.intIn(8, 24) + 1 : d.evenIn(16, 56);
            o.add(CaseOption.of("--scale", out));
            out += out % 2;
        }
        if (deliberate) {
            // README: CryoJ refuses dust removal without --norm (RELION ignores it), and takes --norm
            // without --bg_radius with RELION's GUI default (relion_preprocess refuses it)
            if (d.chance(0.5)) o.add(CaseOption.of(d.pick("--white_dust", "--black_dust"), Draw.num(d.in(2, 5, 0.5))));
            else o.add(CaseOption.flag("--norm"));
        } else if (d.chance(0.7)) {
            o.add(CaseOption.flag("--norm"));
            o.add(CaseOption.of("--bg_radius", d.intIn(Math.max(2, out / 4), out / 2 - 1)));
            if (d.chance(0.2)) o.add(CaseOption.flag("--no_ramp"));
            // thresholds of 2 deviations and more: below, DustCheck's chance of taking a replaced pixel for a kept one grows
            if (d.chance(0.25)) o.add(CaseOption.of("--white_dust", Draw.num(d.in(2, 5, 0.5))));
            if (d.chance(0.25)) o.add(CaseOption.of("--black_dust", Draw.num(d.in(2, 5, 0.5))));
        }
        if (d.chance(0.5)) o.add(CaseOption.flag("--invert_contrast"));
        if (d.chance(0.1)) o.add(CaseOption.flag("--reset_offsets"));
        else if (d.chance(0.55)) {
            o.add(CaseOption.flag("--recenter"));
            if (d.chance(0.35)) {
                o.add(CaseOption.of("--recenter_x", Draw.num(d.in(-4, 4, 0.5))));
                o.add(CaseOption.of("--recenter_y", Draw.num(d.in(-4, 4, 0.5))));
                if (d.chance(0.7)) o.add(CaseOption.of("--recenter_z", Draw.num(d.in(-4, 4, 0.5))));
                if (d.chance(0.4)) o.add(CaseOption.of("--ref_angpix", Draw.num(d.in(0.8, 3, 0.01))));
            }
        }
    }

    private static void invalid(Draw d, List<CaseOption> o) {
        switch (d.intIn(0, 4)) {
            case 0 -> o.add(CaseOption.of("--extract_size", 2 * d.intIn(12, 23) + 1));   // odd
            case 1 -> o.add(CaseOption.flag("--norm"));   // no --extract_size
            case 2 -> { o.set(0, CaseOption.of("--i", "missing.star")); o.add(CaseOption.of("--extract_size", 32)); }
            case 3 -> o.add(CaseOption.of("--extract_size", "abc"));
            default -> { o.remove(1); o.add(CaseOption.of("--extract_size", 32)); }   // no --reextract_data_star (nor coordinates)
        }
    }
}
