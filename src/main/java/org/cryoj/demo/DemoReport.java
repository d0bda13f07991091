package org.cryoj.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cryoj.fourier.Fsc;
import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.ui.view.FscCurve;
import org.cryoj.refine.RefineHistory;
import org.cryoj.ui.view.FscPlot;
import org.cryoj.ui.view.IterationPlot;
import org.cryoj.ui.view.MapSlices;

/**
 * What the demo shows at the end: the Auto-refine lines of run.out, the gold-standard resolution
 * RELION-style, the resolution against the true map, the median pose errors, and where the maps
 * and pictures are.
 */
public record DemoReport(List<String> autoRefineLines, double goldStandardResolution,
                         double truthResolution05, double truthResolution0143,
                         double medianAngleError, double medianShiftErrorPx, int particles,
                         Path finalMap, Path fscPng, Path slicesPng, Path iterationsPng, List<DemoRunner.Step> steps) {

    static DemoReport of(Path project, Path truthMap, List<DemoRunner.Step> steps) throws IOException {
        Path refine = project.resolve("Refine3D/job019");
        List<String> auto = Files.readAllLines(refine.resolve("run.out")).stream()
                .filter(l -> l.contains("Auto-refine:")).map(String::strip).toList();
        double gold = StarFile.read(refine.resolve("run_model.star")).block("model_general").table()
                .getDouble(0, "rlnCurrentResolution");
        FloatVolume finalMap = MrcFile.read(refine.resolve("run_class001.mrc"));
        FloatVolume truth = MrcFile.read(truthMap);
        org.cryoj.fourier.FscCurve vsTruth = Fsc.of(finalMap, truth);
        org.cryoj.fourier.FscCurve halves = Fsc.of(MrcFile.read(refine.resolve("run_half1_class001_unfil.mrc")),
                MrcFile.read(refine.resolve("run_half2_class001_unfil.mrc")));
        PoseErrors errors = PoseErrors.compare(refine.resolve("run_data.star"), project.resolve("truth.star"),
                SymmetryGroup.parse("D2"), DemoRunner.ANGPIX);

        Path fscPng = refine.resolve("run_fsc.png"), slicesPng = refine.resolve("run_class001_slices.png");
        Path iterationsPng = refine.resolve("run_iterations.png");
        IterationPlot.of("CryoJ demo: auto-refine", RefineHistory.read(refine.resolve("run"))).savePng(iterationsPng, true);
        FscPlot.of(plotted("half-maps (unmasked)", halves)).withSecond(plotted("final map vs truth", vsTruth))
                .withTitle("CryoJ demo: FSC").savePng(fscPng, true);
        MapSlices.writePng(finalMap, null, slicesPng, true);
        return new DemoReport(auto, gold, vsTruth.resolutionAt(0.5), vsTruth.resolutionAt(0.143),
                errors.medianAngle(), errors.medianShift(), errors.count(), refine.resolve("run_class001.mrc"),
                fscPng, slicesPng, iterationsPng, steps);
    }

    private static FscCurve plotted(String label, org.cryoj.fourier.FscCurve c) {
        return FscCurve.fromShells(label, c.fsc(), c.angpix(), c.box());
    }

    public String text() {
        StringBuilder sb = new StringBuilder("\n=== CryoJ demo: results\n");
        for (String l : autoRefineLines) sb.append("  ").append(l).append('\n');
        sb.append(String.format(Locale.ROOT, "  Final resolution (gold-standard FSC 0.143): %.2f A%n", goldStandardResolution));
        sb.append(String.format(Locale.ROOT, "  Final map vs the true map: FSC 0.5 at %.2f A, FSC 0.143 at %.2f A%n",
                truthResolution05, truthResolution0143));
        sb.append(String.format(Locale.ROOT, "  Pose errors vs truth (%d particles): median angle %.2f deg, median centre %.2f px%n",
                particles, medianAngleError, medianShiftErrorPx));
        sb.append("  Map:        ").append(finalMap).append('\n');
        sb.append("  FSC plot:   ").append(fscPng).append('\n');
        sb.append("  Map slices: ").append(slicesPng).append('\n');
        sb.append("  Iterations: ").append(iterationsPng).append('\n');
        double total = 0;
        for (DemoRunner.Step s : steps) total += s.seconds();
        sb.append(String.format(Locale.ROOT, "  Time: %.0f s in all (", total));
        for (int i = 0; i < steps.size(); i++)
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f s", shortName(steps.get(i).name()), steps.get(i).seconds()));
        return sb.append(")\n").toString();
    }

    private static String shortName(String title) {
        int sp = title.indexOf(' ');
        return (sp < 0 ? title : title.substring(0, sp)).toLowerCase(Locale.ROOT);
    }
}
