package org.cryoj.parity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.cryoj.parity.CaseInput.Content;
import org.cryoj.parity.CaseInput.MapInput;

/**
 * Random relion_image_handler option sets on a random map or image. Most are sets CryoJ takes
 * as RELION does (one arithmetic option, a flip only on the map as read, Fourier filters on
 * square images, ...); some print instead of writing (--stats, --com, --power, --fsc); some are
 * the sets README's "Deliberate differences" names; some are sets both must refuse.
 * Not drawn: --phase_randomise (RELION's phases are random: nothing to compare; an analytic test
 * covers it), the whole-stack and movie options (--average, --avg_*: they take stacks).
 */
final class ImageHandlerCases {
    private static final String[] GROUPS = {"C1", "C2", "C3", "C4", "C5", "C6", "D2", "D3", "D4", "D5", "T", "O", "I", "I1", "I3"};

    private ImageHandlerCases() {}

    static ParityCase generate(long seed, int index, Draw d) {
        MapInput in = input(d);
        List<CaseOption> o = new ArrayList<>();
        o.add(CaseOption.of("--i", "in.mrc"));
        double roll = d.nextDouble();
        if (roll < 0.08) report(in, d, o);
        else if (roll < 0.14) deliberate(in, d, o);
        else if (roll < 0.22) invalid(in, d, o);
        else valid(in, d, o);
        return new ParityCase(seed, index, Tool.IMAGE_HANDLER, in, shuffled(o, d));
    }

    private static MapInput input(Draw d) {
        double[] sizes = {1.0, 1.5, 2.0, 2.5, 3.54};
        double px = d.chance(0.5) ? d.pick(1.0, 1.5, 2.0, 2.5, 3.54) : d.in(0.8, 4.0, 0.001);
        if (d.chance(0.03)) px = 0;   // a header without a pixel size
        long seed = d.nextLong();
        if (d.chance(0.65)) {
            int n = d.intIn(16, 40);
            Content c = d.pick(Content.PHANTOM, Content.PHANTOM, Content.NOISE, Content.NOISE, Content.NOISE, Content.BLOB, Content.BLOB, Content.NAN);
            return new MapInput(c, n, n, n, px, seed);
        }
        int nx = d.intIn(16, 48), ny = d.chance(0.75) ? nx : d.intIn(16, 48);
        return new MapInput(d.pick(Content.NOISE, Content.NOISE, Content.BLOB, Content.NAN), nx, ny, 1, px, seed);
    }

    /** One output map, a handful of steps in any order on the command line. */
    private static void valid(MapInput in, Draw d, List<CaseOption> o) {
        double px = in.headerAngpix() > 0 ? in.headerAngpix() : 1.0;
        if (in.headerAngpix() == 0 || d.chance(0.12)) {
            px = d.in(0.8, 4.0, 0.01);
            o.add(CaseOption.of("--angpix", Draw.num(px)));
        }
        boolean fourier = in.isSquare();   // CryoJ refuses Fourier filters on non-square images (README)
        boolean earlier = false;
        if (in.content() == Content.NAN) {
            o.add(CaseOption.flag("--remove_nan"));
            if (d.chance(0.5)) o.add(CaseOption.of("--replace_nan", Draw.num(d.in(-2, 2, 0.25))));
            earlier = true;
        }
        if (d.chance(0.35)) earlier |= arithmetic(in, d, o);
        if (fourier && d.chance(0.15)) { o.add(CaseOption.of("--bfactor", Draw.num(d.in(-100, 300, 10)))); earlier = true; }
        if (fourier && d.chance(0.05)) { o.add(CaseOption.of("--LoG", Draw.num(d.in(2 * px, 6 * px, 0.1)))); earlier = true; }
        if (fourier && d.chance(0.3)) {
            o.add(CaseOption.of("--lowpass", Draw.num(d.in(1.5 * px, 12 * px, 0.1))));
            if (d.chance(0.15)) o.add(CaseOption.of("--directional", in.is3d() ? d.pick("X", "Y", "Z", "x") : d.pick("X", "Y")));
            if (d.chance(0.2)) o.add(CaseOption.of("--filter_edge_width", d.intIn(2, 6)));
            earlier = true;
        }
        if (fourier && d.chance(0.15)) {
            o.add(CaseOption.of("--highpass", Draw.num(d.in(3 * px, 20 * px, 0.1))));
            if (!o.stream().anyMatch(x -> x.name().equals("--filter_edge_width")) && d.chance(0.2))
                o.add(CaseOption.of("--filter_edge_width", d.intIn(2, 6)));
            earlier = true;
        }
        // RELION flips the map as read, dropping the steps before (README): a flip only without them here
        if (!earlier && d.chance(0.3))
            o.add(CaseOption.flag(in.is3d() ? d.pick("--flipX", "--flipY", "--flipZ", "--invert_hand") : d.pick("--flipX", "--flipY", "--invert_hand")));
        if (d.chance(0.2)) {
            if (in.content() == Content.BLOB && d.chance(0.5)) o.add(CaseOption.flag("--shift_com"));
            else {
                o.add(CaseOption.of("--shift_x", Draw.num(d.in(-5, 5, 0.25))));
                if (d.chance(0.6)) o.add(CaseOption.of("--shift_y", Draw.num(d.in(-5, 5, 0.25))));
                if (in.is3d() && d.chance(0.5)) o.add(CaseOption.of("--shift_z", Draw.num(d.in(-5, 5, 0.25))));
            }
        }
        if (d.chance(0.3)) o.add(CaseOption.of("--rescale_angpix", Draw.num(px * d.in(0.55, 1.9, 0.001))));
        if (d.chance(0.3)) o.add(CaseOption.of("--new_box", d.intIn(10, 56)));
        if (in.is3d() && d.chance(0.15)) o.add(CaseOption.of("--sym", d.pick(GROUPS)));
        if (d.chance(0.1)) o.add(CaseOption.of("--threshold_above", Draw.num(d.in(0, 1.5, 0.05))));
        if (d.chance(0.1)) o.add(CaseOption.of("--threshold_below", Draw.num(d.in(-1.5, 0.3, 0.05))));
        if (d.chance(0.08)) o.add(CaseOption.of("--force_header_angpix", Draw.num(d.in(0.5, 5, 0.01))));
        if (!in.is3d() && in.isSquare() && d.chance(0.05)) {
            o.add(CaseOption.flag("--add_edge"));
            o.add(CaseOption.of("--edge_x0", d.intIn(0, 4)));
            o.add(CaseOption.of("--edge_xF", in.nx() - 1 - d.intIn(0, 4)));
            o.add(CaseOption.of("--edge_y0", d.intIn(0, 4)));
            o.add(CaseOption.of("--edge_yF", in.ny() - 1 - d.intIn(0, 4)));
        }
        if (o.size() == 1) o.add(CaseOption.of("--new_box", d.intIn(10, 56)));
        o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
    }

    /** One option of RELION's "image-by-constant" and "image-by-image" groups; true when one was added. */
    private static boolean arithmetic(MapInput in, Draw d, List<CaseOption> o) {
        double v = d.in(-3, 3, 0.25);
        if (v == 0) v = 1.5;
        switch (d.intIn(0, 10)) {
            case 0 -> o.add(CaseOption.of("--multiply_constant", Draw.num(v)));
            case 1 -> o.add(CaseOption.of("--divide_constant", Draw.num(v)));
            case 2 -> o.add(CaseOption.of("--add_constant", Draw.num(v)));
            case 3 -> o.add(CaseOption.of("--subtract_constant", Draw.num(v)));
            case 4 -> o.add(CaseOption.of("--multiply", "op.mrc"));
            case 5 -> o.add(CaseOption.of("--divide", "op.mrc"));
            case 6 -> o.add(CaseOption.of("--add", "op.mrc"));
            case 7 -> {
                o.add(CaseOption.of("--subtract", "op.mrc"));
                if (d.chance(0.4)) {
                    o.add(CaseOption.flag("--optimise_scale_subtract"));
                    if (d.chance(0.5)) o.add(CaseOption.of("--mask_optimise_subtract", "mask.mrc"));
                    if (d.chance(0.3)) o.add(CaseOption.of("--optimise_bfactor_subtract", d.pick(20, 50, 100)));
                }
            }
            // the phantom's near-empty outer shells turn float rounding into large power factors: not on it
            case 8 -> { if (in.content() == Content.PHANTOM) return false; o.add(CaseOption.of("--adjust_power", "op.mrc")); }
            // RELION reads past the end of the filter image at kz = +n/2 for an even 3D map: odd maps and images only
            case 9 -> {   // non-square images: CryoJ refuses (README), so not among the sets CryoJ takes
                if (in.is3d() && in.nx() % 2 == 0 || !in.isSquare()) return false;
                o.add(CaseOption.of("--fourier_filter", "mask.mrc"));
            }
            default -> { return false; }
        }
        return true;
    }

    /** --stats, --com, --power, --fsc: a table or line on standard output, no map. */
    private static void report(MapInput in, Draw d, List<CaseOption> o) {
        if (in.content() == Content.NAN) o.add(CaseOption.flag("--stats"));
        else switch (d.intIn(0, 3)) {
            case 0 -> o.add(CaseOption.flag("--stats"));
            case 1 -> o.add(CaseOption.flag("--com"));
            case 2 -> o.add(CaseOption.flag("--power"));
            default -> o.add(CaseOption.of("--fsc", "op.mrc"));
        }
        if ((in.headerAngpix() == 0 || d.chance(0.3)) && !o.get(o.size() - 1).name().matches("--stats|--com"))
            o.add(CaseOption.of("--angpix", Draw.num(d.in(0.8, 4, 0.01))));
    }

    /** A set README's "Deliberate differences" names: CryoJ refuses it or does what the option says. */
    private static void deliberate(MapInput in, Draw d, List<CaseOption> o) {
        double px = in.headerAngpix() > 0 ? in.headerAngpix() : 1.0;
        if (in.headerAngpix() == 0) o.add(CaseOption.of("--angpix", "1.5"));
        if (in.content() == Content.NAN) o.add(CaseOption.flag("--remove_nan"));
        switch (d.intIn(0, 8)) {
            case 8 -> {   // Fourier filters on a non-square image (CryoJ refuses them), else a CryoJ-only option
                if (in.isSquare() || in.is3d()) o.add(CaseOption.flag("--invert"));
                else if (d.chance(0.5)) o.add(CaseOption.of("--fourier_filter", "mask.mrc"));
                else o.add(CaseOption.of(d.pick("--lowpass", "--highpass", "--bfactor", "--LoG"), Draw.num(6 * px)));
            }
            case 0 -> { o.add(CaseOption.of("--multiply_constant", "2")); o.add(CaseOption.of(d.pick("--add_constant", "--subtract_constant"), "1")); }
            case 1 -> { o.add(CaseOption.flag(d.pick("--flipX", "--flipY", "--invert_hand"))); o.add(CaseOption.of(d.pick("--multiply_constant", "--add_constant"), "2")); }
            case 2 -> { o.add(CaseOption.of("--lowpass", Draw.num(4 * px))); o.add(CaseOption.of("--filter_edge_width", d.intIn(0, 1))); }
            case 3 -> o.add(CaseOption.flag(d.pick("--flipX", "--flipY")));   // with the two flips case below when 3D
            case 4 -> o.add(CaseOption.of("--replace_nan", "1"));
            case 5 -> { o.add(CaseOption.flag("--shift_com")); o.add(CaseOption.of("--shift_x", "2")); }
            case 6 -> o.add(CaseOption.flag("--invert"));   // CryoJ's own option; relion_image_handler does not know it
            default -> o.add(CaseOption.of("--lowpas", Draw.num(4 * px)));   // a typo: RELION warns and goes on
        }
        if (o.stream().anyMatch(x -> x.name().equals("--flipX") || x.name().equals("--flipY")) && o.size() <= 2)
            o.add(CaseOption.flag(in.is3d() ? "--flipZ" : "--invert_hand"));
        o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
    }

    /** A set both must refuse. */
    private static void invalid(MapInput in, Draw d, List<CaseOption> o) {
        switch (d.intIn(0, 6)) {
            case 0 -> o.set(0, CaseOption.of("--i", "missing.mrc"));
            case 1 -> o.add(CaseOption.of(d.pick("--lowpass", "--rescale_angpix", "--multiply_constant", "--new_box"), d.pick("abc", "1,5", "")));
            case 2 -> o.add(CaseOption.flag(in.is3d() ? "--add_edge" : "--flipZ"));
            case 3 -> { o.add(CaseOption.of("--lowpass", "10")); return; }   // no --o
            case 4 -> o.add(CaseOption.of(d.pick("--multiply", "--add", "--subtract", "--divide"), "other.mrc"));
            case 5 -> o.add(CaseOption.of("--sym", in.is3d() ? d.pick("Q5", "C0", "D") : "C2"));
            default -> o.add(CaseOption.of("--multiply", "missing.mrc"));
        }
        o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
    }

    private static List<CaseOption> shuffled(List<CaseOption> o, Draw d) {
        List<CaseOption> s = new ArrayList<>(o);
        Collections.shuffle(s, new Random(d.nextLong()));
        return s;
    }
}
