package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.AtomicOutput;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.atomic.Atom;
import org.cryoj.map.atomic.AtomicMapRenderer;
import org.cryoj.map.atomic.Element;
import org.cryoj.map.atomic.PseudoAtomicModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cryoj pseudo_atomic}: a symmetric pseudo-atomic test structure ({@link PseudoAtomicModel})
 * as a map with signal to Nyquist ({@link AtomicMapRenderer}) and, optionally, as a PDB file.
 */
@Command(name = "pseudo_atomic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a symmetric pseudo-atomic test structure from a seed: one compact chain",
                "of C, N, O and S atoms per asymmetric unit, copied by the point group's",
                "operators. Write its map (signal to Nyquist, band-limited exactly to the pixel",
                "size, symmetry centre at voxel box/2) and optionally its atoms as PDB."})
public final class PseudoAtomicCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--o", paramLabel = "MRC", description = "Output map (.mrc, float32)")
    Path output;
    @Option(names = "--o_pdb", paramLabel = "PDB", description = "Output model: ATOM records, one chain per symmetry copy, on the map's coordinates")
    Path outputPdb;
    @Option(names = "--sym", defaultValue = "D2", description = "Point group, RELION's names and axes (default: ${DEFAULT-VALUE})")
    String sym;
    @Option(names = "--angpix", defaultValue = "1.77", description = "Pixel size of the map in Å (default: ${DEFAULT-VALUE})")
    double angpix;
    @Option(names = "--box", defaultValue = "96", description = "Box of the map in pixels (default: ${DEFAULT-VALUE})")
    int box;
    @Option(names = "--bfactor", defaultValue = "" + PseudoAtomicModel.DEFAULT_BFACTOR, description = "B-factor of every atom in Å² (default: ${DEFAULT-VALUE})")
    double bfactor;
    @Option(names = "--residues", defaultValue = "" + PseudoAtomicModel.DEFAULT_RESIDUES, description = "Residues per asymmetric unit, about 6 atoms each (default: ${DEFAULT-VALUE})")
    int residues;
    @Option(names = "--seed", defaultValue = "" + PseudoAtomicModel.DEFAULT_SEED, description = "Random seed of the structure (default: ${DEFAULT-VALUE}, the structure cryoj simulate and the demo use)")
    long seed;
    @Option(names = "--j", defaultValue = "1", description = "Number of threads (default: ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--force", description = "Overwrite existing outputs")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (output == null && outputPdb == null) throw new IllegalArgumentException("--o (map) and/or --o_pdb (model) must be given");
        if (!(angpix > 0 && Double.isFinite(angpix))) throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + angpix);
        if (box < 8) throw new IllegalArgumentException("--box must be at least 8 pixels, was " + box);
        if (threads < 1) throw new IllegalArgumentException("--j must be >= 1, was " + threads);
        if (output != null && outputPdb != null && output.toAbsolutePath().normalize().equals(outputPdb.toAbsolutePath().normalize()))
            throw new IllegalArgumentException("--o and --o_pdb name the same file");
        if (output != null) AtomicOutput.checkWritable(output, force);
        if (outputPdb != null) AtomicOutput.checkWritable(outputPdb, force);
        SymmetryGroup group = SymmetryGroup.parse(sym);
        long t0 = System.nanoTime();
        PseudoAtomicModel model = PseudoAtomicModel.generate(group, residues, bfactor, seed);
        double diameter = 2 * model.radius();
        if (diameter > box * angpix)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--box %d at %.3f Å/px (%.1f Å) is smaller than the structure (%.1f Å across); --box %d would hold it",
                    box, angpix, box * angpix, diameter, model.fittingBox(angpix)));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "pseudo_atomic: %s, %d x %d atoms (%s per copy), %.1f Å across",
                group.name(), model.copies(), model.asymmetricUnit().size(), composition(model), diameter));
        if (output != null) {
            FloatVolume map = AtomicMapRenderer.render(model, box, angpix, threads);
            MrcFile.write(output, map, MrcMode.FLOAT32, force);
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float v : map.data()) { min = Math.min(min, v); max = Math.max(max, v); }
            line.append(String.format(Locale.ROOT, "; map %d^3 at %.3f Å/px (min %.3f, max %.3f) -> %s", box, angpix, min, max, output));
        }
        if (outputPdb != null) {
            model.writePdb(outputPdb, box / 2 * angpix, force);
            line.append("; model -> ").append(outputPdb);
        }
        line.append(String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - t0) / 1e9));
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String composition(PseudoAtomicModel model) {
        Map<Element, Integer> n = new EnumMap<>(Element.class);
        for (Atom a : model.asymmetricUnit()) n.merge(a.element(), 1, Integer::sum);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Element, Integer> e : n.entrySet()) sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append(' ').append(e.getValue());
        return sb.toString();
    }
}
