package org.cryoj.parity;

import java.util.ArrayList;
import java.util.List;

import org.cryoj.parity.CaseInput.Content;
import org.cryoj.parity.CaseInput.MapInput;

/**
 * Random relion_mask_create option sets: thresholds inside the map's range, grown or shrunk
 * masks, soft edges, low-pass first, inverted, combined with a second map (--and, --or, --and_not,
 * --or_not), de novo spheres and shells; and sets both must refuse.
 */
final class MaskCreateCases {
    private MaskCreateCases() {}

    static ParityCase generate(long seed, int index, Draw d) {
        int n = d.intIn(16, 48);
        double px = d.chance(0.5) ? d.pick(1.0, 1.5, 2.0, 3.54) : d.in(0.8, 4.0, 0.001);
        boolean image = d.chance(0.1);
        MapInput in = new MapInput(d.chance(0.6) ? Content.PHANTOM : Content.BLOB, n, n, image ? 1 : n, px, d.nextLong());
        if (image) in = new MapInput(Content.BLOB, n, n, 1, px, in.seed());
        List<CaseOption> o = new ArrayList<>();
        double roll = d.nextDouble();
        if (roll < 0.1) denovo(d, o);
        else if (roll < 0.2) invalid(d, o);
        else valid(in, d, o);
        o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
        return new ParityCase(seed, index, Tool.MASK_CREATE, in, o);
    }

    private static void valid(MapInput in, Draw d, List<CaseOption> o) {
        o.add(CaseOption.of("--i", "in.mrc"));
        // phantom voxels run from 0 to about 2.5 at its blobs, the blob's from about 0 to 1
        double top = in.content() == Content.PHANTOM ? 1.2 : 0.8;
        o.add(CaseOption.of("--ini_threshold", Draw.num(d.in(0.05, top, 0.01))));
        if (d.chance(0.5)) o.add(CaseOption.of("--extend_inimask", Draw.num(d.in(-3, 4, 0.5))));
        if (d.chance(0.6)) o.add(CaseOption.of("--width_soft_edge", Draw.num(d.in(0, 6, 0.5))));
        if (d.chance(0.3)) {
            o.add(CaseOption.of("--lowpass", Draw.num(d.in(2.5, 10, 0.1) * in.headerAngpix())));
            if (d.chance(0.3)) o.add(CaseOption.of("--angpix", Draw.num(d.in(0.8, 4, 0.01))));
        }
        if (d.chance(0.2)) o.add(CaseOption.flag("--invert"));
        if (d.chance(0.15)) o.add(CaseOption.of(d.pick("--and", "--or", "--and_not", "--or_not"), "op.mrc"));
        if (d.chance(0.1)) o.add(CaseOption.of("--j", d.intIn(1, 2)));
    }

    private static void denovo(Draw d, List<CaseOption> o) {
        int box = d.intIn(16, 48);
        o.add(CaseOption.flag("--denovo"));
        o.add(CaseOption.of("--box_size", box));
        double outer = d.in(0.2 * box, 0.45 * box, 0.5);
        o.add(CaseOption.of("--outer_radius", Draw.num(outer)));
        if (d.chance(0.4)) o.add(CaseOption.of("--inner_radius", Draw.num(d.in(0, 0.6 * outer, 0.5))));
        if (d.chance(0.6)) o.add(CaseOption.of("--width_soft_edge", Draw.num(d.in(0, 5, 0.5))));
        if (d.chance(0.3)) {
            o.add(CaseOption.of("--center_x", Draw.num(d.in(-3, 3, 0.5))));
            o.add(CaseOption.of("--center_y", Draw.num(d.in(-3, 3, 0.5))));
            o.add(CaseOption.of("--center_z", Draw.num(d.in(-3, 3, 0.5))));
        }
        if (d.chance(0.5)) o.add(CaseOption.of("--angpix", Draw.num(d.in(0.8, 4, 0.01))));
        if (d.chance(0.2)) o.add(CaseOption.flag("--invert"));
    }

    private static void invalid(Draw d, List<CaseOption> o) {
        switch (d.intIn(0, 4)) {
            case 0 -> o.add(CaseOption.of("--i", "missing.mrc"));
            case 1 -> { o.add(CaseOption.of("--i", "in.mrc")); o.add(CaseOption.of(d.pick("--ini_threshold", "--extend_inimask", "--width_soft_edge"), "abc")); }
            case 2 -> { o.add(CaseOption.of("--i", "in.mrc")); o.add(CaseOption.of(d.pick("--and", "--or", "--and_not", "--or_not"), "other.mrc")); }
            case 3 -> o.add(CaseOption.flag("--denovo"));   // without --box_size
            default -> o.add(CaseOption.of("--ini_threshold", "0.1"));   // no --i, no --denovo
        }
    }
}
