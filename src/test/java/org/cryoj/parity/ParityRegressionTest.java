package org.cryoj.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.cryoj.parity.CaseInput.Content;
import org.cryoj.parity.CaseInput.MapInput;
import org.cryoj.parity.CaseInput.MicrographInput;
import org.cryoj.parity.CaseInput.ParticleInput;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per divergence the parity harness found and CryoJ's code now fixes, each run by RELION
 * and CryoJ as the harness runs them and compared with the same tolerances: they must agree. And
 * one per divergence README's "Deliberate differences" now names: the harness must file it there.
 */
class ParityRegressionTest {
    private static final String MICS = MicrographProject.MICS_STAR, DATA = MicrographProject.DATA_STAR;

    @TempDir Path work;

    static Stream<Arguments> fixed() {
        MapInput phantom = new MapInput(Content.PHANTOM, 28, 28, 28, 2.0, 5);
        MapInput blob = new MapInput(Content.BLOB, 25, 25, 25, 1.5, 6);
        ParticleInput particles = new ParticleInput(26, 2.0, 84, 0.05, 11);
        MicrographInput mics = new MicrographInput(1, 150, 130, 1.0, 2.0, 5, 12);
        return Stream.of(
                // mask_create lacked --and, --or, --and_not, --or_not, --denovo and --j; its header kept the map's pixel size under --angpix
                Arguments.of("mask_create --and", Tool.MASK_CREATE, blob, "--i in.mrc --ini_threshold 0.3 --width_soft_edge 3 --and op.mrc"),
                Arguments.of("mask_create --or", Tool.MASK_CREATE, phantom, "--i in.mrc --ini_threshold 0.6 --extend_inimask 2 --or op.mrc"),
                Arguments.of("mask_create --and_not", Tool.MASK_CREATE, phantom, "--i in.mrc --ini_threshold 0.5 --lowpass 8 --and_not op.mrc"),
                Arguments.of("mask_create --or_not", Tool.MASK_CREATE, blob, "--i in.mrc --ini_threshold 0.4 --or_not op.mrc --invert"),
                Arguments.of("mask_create --denovo", Tool.MASK_CREATE, blob,
                        "--denovo --box_size 33 --outer_radius 12.5 --inner_radius 4 --width_soft_edge 3 --center_x 2 --center_y -1.5 --center_z 0.5 --angpix 1.7"),
                Arguments.of("mask_create --angpix, --j", Tool.MASK_CREATE, phantom, "--i in.mrc --ini_threshold 0.5 --lowpass 9 --angpix 2.6 --j 2"),
                // extract refused an odd --scale, which relion_preprocess makes even
                Arguments.of("extract odd --scale", Tool.EXTRACT, mics, "--extract_size 32 --scale 21 --norm --bg_radius 8 --recenter"),
                // reconstruct: no gridding iterations, F(0,0) kept, --angpix scale inverted, --maxres as a double, the transpose for A^-1
                Arguments.of("reconstruct --pad 1", Tool.RECONSTRUCT, particles, "--i particles.star --pad 1"),
                Arguments.of("reconstruct --ctf --pad 2", Tool.RECONSTRUCT, particles, "--i particles.star --ctf --sym C2"),
                Arguments.of("reconstruct --angpix", Tool.RECONSTRUCT, particles, "--i particles.star --angpix 2.7 --sym D2"),
                Arguments.of("reconstruct --maxres 16.8 at 3 A", Tool.RECONSTRUCT, new ParticleInput(28, 3.0, 102, 0.05, 13),
                        "--i particles.star --maxres 16.8"),
                // image_handler printed Java's "Infinity"
                Arguments.of("image_handler --stats with inf and NaN", Tool.IMAGE_HANDLER, new MapInput(Content.NAN, 24, 24, 1, 2.0, 8),
                        "--i in.mrc --stats"),
                // image_handler --adjust_power put each frequency of a non-square image in the shell of its true |k|;
                // RELION's loops wrap y at nx/2 + 1 (case 20261204:103, 41x38)
                Arguments.of("image_handler --adjust_power wider than high", Tool.IMAGE_HANDLER, new MapInput(Content.BLOB, 41, 38, 1, 1.5, 14),
                        "--i in.mrc --adjust_power op.mrc"),
                Arguments.of("image_handler --adjust_power higher than wide", Tool.IMAGE_HANDLER, new MapInput(Content.NOISE, 30, 40, 1, 2.0, 15),
                        "--i in.mrc --adjust_power op.mrc"));
    }

    /** Divergences the harness found that README's "Deliberate differences" names: each must be filed under its entry. */
    static Stream<Arguments> deliberate() {
        return Stream.of(
                // case 20261204:48: RELION fits the B-factor on the input's NaN, finds none and subtracts the operand unscaled
                Arguments.of("no B-factor fits the NaN input", new MapInput(Content.NAN, 46, 46, 1, 1.0, 16),
                        "--optimise_bfactor_subtract 100 --subtract op.mrc --optimise_scale_subtract --i in.mrc --rescale_angpix 1.709 "
                                + "--new_box 30 --remove_nan --replace_nan -0.25"),
                // RELION's loop labels pass its last shell: it writes past its spectrum (and here goes on)
                Arguments.of("--adjust_power past the last shell", new MapInput(Content.NOISE, 16, 23, 1, 1.5, 17),
                        "--i in.mrc --adjust_power op.mrc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixed")
    void agreesWithRelion(String name, Tool tool, CaseInput input, String options) throws Exception {
        Outcome out = run(tool, input, options);
        System.out.println(name + ": " + out.verdict());
        assertTrue(out.category() == Outcome.Category.AGREE, name + ": " + out.verdict());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliberate")
    void filedUnderItsReadmeEntry(String entry, CaseInput input, String options) throws Exception {
        Outcome out = run(Tool.IMAGE_HANDLER, input, options);
        System.out.println(entry + ": " + out.verdict());
        assertEquals(entry, out.deliberate() == null ? null : out.deliberate().id(), out.category() + ": " + out.verdict());
    }

    /** The case as the harness runs it: --o added (but for --stats and extraction, which take their own). */
    private Outcome run(Tool tool, CaseInput input, String options) throws Exception {
        ExternalTools.require(tool.relionProgram());
        List<CaseOption> o = new ArrayList<>();
        String[] w = options.split(" ");
        for (int i = 0; i < w.length; i++)
            o.add(i + 1 < w.length && !w[i + 1].startsWith("--") ? CaseOption.of(w[i], w[++i]) : CaseOption.flag(w[i]));
        if (tool == Tool.EXTRACT) {
            o.addAll(0, List.of(CaseOption.of("--i", MICS), CaseOption.of("--reextract_data_star", DATA),
                    CaseOption.of("--part_dir", Runs.OUT + "/"), CaseOption.of("--part_star", Runs.OUT + "/particles.star"), CaseOption.flag("--extract")));
        } else if (!options.contains("--stats")) {
            o.add(CaseOption.of("--o", Runs.OUT + ".mrc"));
        }
        return new ParityRun(work, false).run(new ParityCase(0, 0, tool, input, o));
    }
}
