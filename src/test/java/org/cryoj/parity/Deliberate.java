package org.cryoj.parity;

import java.util.List;
import java.util.function.Predicate;

import org.cryoj.parity.Verdict.Diverge;

/**
 * The divergences README's "Deliberate differences" names. Each entry quotes README (the CI test
 * checks that the quote is there) and says which cases and which kind of divergence it covers;
 * any other divergence fails the CI test.
 */
public record Deliberate(String id, String readme, Predicate<Found> covers) {

    /** What an entry looks at: the case, its verdict and both runs. */
    public record Found(ParityCase c, Verdict v, RunPair runs) {
        Tool tool() { return c.tool(); }

        boolean has(String... names) {
            for (String n : names) if (c.has(n)) return true;
            return false;
        }

        long count(String... names) {
            return List.of(names).stream().filter(c::has).count();
        }

        boolean cryojRefused() {
            return v instanceof Diverge d && d.field().equals("exit status") && d.detail().contains("CryoJ refused");
        }

        boolean relionRefused() {
            return v instanceof Diverge d && d.field().equals("exit status") && d.detail().startsWith("RELION refused");
        }

        boolean field(String name) {
            return v instanceof Diverge d && d.field().equals(name);
        }

        /** RELION said it does not know one of the options ("... is not a valid RELION argument"). */
        boolean relionIgnoredAnOption() {
            return runs.relion().output().contains("is not a valid RELION argument");
        }
    }

    static final String[] IMAGE_OPS = {"--multiply_constant", "--divide_constant", "--add_constant", "--subtract_constant",
            "--multiply", "--divide", "--add", "--subtract", "--adjust_power", "--fourier_filter", "--fsc", "--power", "--invert"};
    static final String[] FLIPS = {"--flipX", "--flipY", "--flipZ", "--invert_hand", "--flipXY", "--flipmXY"};
    static final String[] EARLIER = {"--multiply_constant", "--divide_constant", "--add_constant", "--subtract_constant",
            "--multiply", "--divide", "--add", "--subtract", "--adjust_power", "--fourier_filter", "--bfactor", "--LoG",
            "--lowpass", "--highpass", "--remove_nan", "--add_edge"};

    public static final List<Deliberate> ALL = List.of(
            new Deliberate("one arithmetic option, one flip, one shift", "`image_handler` refuses two arithmetic options at once",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.cryojRefused()
                            && (f.count(IMAGE_OPS) > 1 || f.count(FLIPS) > 1 || (f.has("--shift_com") && f.has("--shift_x", "--shift_y", "--shift_z")))),
            new Deliberate("options that need another", "options that do nothing without another",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.cryojRefused()
                            && ((f.has("--replace_nan") && !f.has("--remove_nan")) || (f.has("--directional") && !f.has("--lowpass"))
                                || (f.has("--mask_optimise_subtract") && !f.has("--optimise_scale_subtract")))),
            new Deliberate("flip after the other steps", "flip the map the earlier steps made",
                    f -> f.tool() == Tool.IMAGE_HANDLER && (f.field("voxels") || f.field("non-finite voxels"))
                            && f.count(FLIPS) == 1 && f.count(EARLIER) > 0),
            new Deliberate("Fourier steps keep the NaN replacement", "after `--remove_nan` keep the replacement",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.field("non-finite voxels") && f.has("--remove_nan")
                            && f.has("--fourier_filter", "--phase_randomise", "--correct_avg_ampl", "--adjust_power", "--optimise_scale_subtract")),
            new Deliberate("no B-factor fits the NaN input", "RELION's fit on the NaN of the input finds no B-factor at all",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.field("voxels") && f.has("--remove_nan")
                            && f.has("--optimise_scale_subtract") && f.has("--optimise_bfactor_subtract")
                            && f.runs().relion().output().contains("; optimised scale = 1\n")),
            new Deliberate("hard filter edge", "`image_handler --filter_edge_width 0` or `1` keeps the edge shell",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.field("non-finite voxels") && f.c().number("--filter_edge_width", 2) <= 1),
            new Deliberate("flipXY keeps the pixel size", "`image_handler --flipXY/--flipmXY`",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.field("header pixel size") && f.has("--flipXY", "--flipmXY")),
            new Deliberate("no Fourier filters on non-square images", "refuses Fourier filters on them",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.cryojRefused() && f.c().input() instanceof CaseInput.MapInput m
                            && !m.isSquare() && f.has("--lowpass", "--highpass", "--bfactor", "--LoG", "--fourier_filter")),
            new Deliberate("spectra of non-square images", "tables of a non-square image are per shell of the true frequency",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.c().input() instanceof CaseInput.MapInput m && !m.isSquare() && !m.is3d()
                            && f.has("--power", "--fsc") && f.v() instanceof Diverge),
            new Deliberate("--adjust_power past the last shell", "a label passes shell nx - 1 is refused",
                    f -> f.tool() == Tool.IMAGE_HANDLER && f.cryojRefused() && f.has("--adjust_power")
                            && f.c().input() instanceof CaseInput.MapInput m && !m.isSquare()
                            && f.runs().cryoj().output().contains("is too long in y or z for its x size")),
            new Deliberate("unknown options", "RELION's programs warn that an option \"is not a valid RELION argument\"",
                    f -> f.relionIgnoredAnOption() && (f.cryojRefused() || f.has("--invert") && f.tool() == Tool.IMAGE_HANDLER)),
            new Deliberate("header without a pixel size", "on a map whose header has no pixel size (0) writes 1 Å",
                    f -> f.field("header pixel size") && f.c().input() instanceof CaseInput.MapInput m && m.headerAngpix() == 0
                            && f.runs().relionOut() != null && ((Diverge) f.v()).detail().startsWith("0.00000 ")),
            new Deliberate("numbers read whole", "A number option's value must be a whole number",
                    f -> f.cryojRefused() && f.c().options().stream().anyMatch(o -> o.value() != null
                            && (o.value().isEmpty() || o.value().matches("[+-]?[0-9]+(\\.[0-9]*)?[^0-9.eE].*")))),
            new Deliberate("no group C0", "`--sym C0`",
                    f -> f.cryojRefused() && "C0".equalsIgnoreCase(f.c().value("--sym").orElse(""))),
            new Deliberate("dust removal without --norm", "`extract --white_dust/--black_dust` without `--norm`",
                    f -> f.tool() == Tool.EXTRACT && f.cryojRefused() && f.has("--white_dust", "--black_dust") && !f.has("--norm")),
            new Deliberate("--norm without --bg_radius", "`extract --norm` without `--bg_radius`",
                    f -> f.tool() == Tool.EXTRACT && f.relionRefused() && f.has("--norm") && !f.has("--bg_radius")));

    /** The entry that covers this case's divergence, or null. */
    public static Deliberate matching(ParityCase c, Verdict v, RunPair runs) {
        if (!(v instanceof Diverge)) return null;
        Found f = new Found(c, v, runs);
        for (Deliberate d : ALL) if (d.covers().test(f)) return d;
        return null;
    }
}
