package org.cryoj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cryoj.geometry.SymmetryGroup;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcHeader;
import org.cryoj.simulate.Simulation;
import org.cryoj.simulate.SimulationSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cryoj simulate}: a data set with known answers from a map, or without --i from the
 * pseudo-atomic structure of --sym, as micrographs with an earlier job's particles (for
 * re-extraction) or as a particle stack (for refinement). See {@link Simulation} for the outputs
 * and the demo recipe.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate micrographs or a particle stack with known poses, centres and CTFs",
                "from a map or, without --i, from the pseudo-atomic test structure of --sym",
                "(see cryoj pseudo_atomic), which is written as truth_map.mrc."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--i", paramLabel = "MRC", description = "The true map (cubic); without it, the pseudo-atomic structure of --sym rendered at --angpix and --box")
    Path map;
    @Option(names = "--o", required = true, paramLabel = "DIR", description = "Output folder")
    Path output;
    @Option(names = "--angpix", defaultValue = "-1", description = "Pixel size of the map, micrographs and particles in Å (default: from the map header; required without --i)")
    double angpix;
    @Option(names = "--sym", defaultValue = "C1", description = "Symmetry of the map, recorded with the truth (default: ${DEFAULT-VALUE})")
    String sym;
    @Option(names = "--nr_particles", defaultValue = "1000", description = "Number of particles (default: ${DEFAULT-VALUE})")
    int particles;
    @Option(names = "--box", defaultValue = "0", description = "Particle box in pixels (default: the map's box; without --i, 1.25 x the structure's diameter)")
    int box;
    @Option(names = "--mode", defaultValue = "particles", description = "micrographs or particles (default: ${DEFAULT-VALUE})")
    String mode;
    @Option(names = "--mic_size", defaultValue = "1024", description = "Micrograph size in pixels (default: ${DEFAULT-VALUE})")
    int micSize;
    @Option(names = "--parts_per_mic", defaultValue = "0", description = "Particles per micrograph (default: as many as fit)")
    int perMic;
    @Option(names = "--snr", defaultValue = "0.05", description = "Signal variance / noise variance in the particle box; Infinity = no noise (default: ${DEFAULT-VALUE})")
    double snr;
    @Option(names = "--defocus_min", defaultValue = "1.0", description = "Smallest defocus in µm (default: ${DEFAULT-VALUE})")
    double defocusMin;
    @Option(names = "--defocus_max", defaultValue = "2.5", description = "Largest defocus in µm (default: ${DEFAULT-VALUE})")
    double defocusMax;
    @Option(names = "--astigmatism", defaultValue = "0.05", description = "Largest defocus U - V in µm (default: ${DEFAULT-VALUE})")
    double astigmatism;
    @Option(names = "--kV", defaultValue = "300", description = "Voltage in kV (default: ${DEFAULT-VALUE})")
    double kv;
    @Option(names = "--Cs", defaultValue = "2.7", description = "Spherical aberration in mm (default: ${DEFAULT-VALUE})")
    double cs;
    @Option(names = "--Q0", defaultValue = "0.1", description = "Amplitude contrast (default: ${DEFAULT-VALUE})")
    double q0;
    @Option(names = "--bfactor", defaultValue = "0", description = "B-factor envelope of the signal in Å² (default: ${DEFAULT-VALUE})")
    double bfactor;
    @Option(names = "--pick_error", defaultValue = "2", description = "Stddev of picked - true centre in pixels (default: ${DEFAULT-VALUE})")
    double pickError;
    @Option(names = "--earlier_angpix", defaultValue = "-1", description = "Pixel size of the earlier job's particles in Å (default: twice --angpix)")
    double earlierAngpix;
    @Option(names = "--earlier_box", defaultValue = "-1", description = "Box of the earlier job's particles (default: half the box, even)")
    int earlierBox;
    @Option(names = "--angle_noise", defaultValue = "5", description = "Stddev about each axis of the earlier job's angular error in degrees (default: ${DEFAULT-VALUE})")
    double angleNoise;
    @Option(names = "--max_shift", defaultValue = "3", description = "True offsets of stacked particles within ± this many pixels (default: ${DEFAULT-VALUE})")
    double maxShift;
    @Option(names = "--start_angles", defaultValue = "true", description = "Angles in particles.star: true or noisy (the earlier job's) (default: ${DEFAULT-VALUE})")
    String startAngles;
    @Option(names = "--ref_lowpass", defaultValue = "30", description = "Resolution of reference_lp.mrc in Å (default: ${DEFAULT-VALUE})")
    double refLowpass;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--j", defaultValue = "1", description = "Number of threads (default: ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--force", description = "Overwrite existing outputs (never the input map)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        SimulationSettings.Mode m = switch (mode.toLowerCase(Locale.ROOT)) {
            case "micrographs" -> SimulationSettings.Mode.MICROGRAPHS;
            case "particles" -> SimulationSettings.Mode.PARTICLES;
            default -> throw new IllegalArgumentException("--mode must be micrographs or particles, was " + mode);
        };
        boolean noisy = switch (startAngles.toLowerCase(Locale.ROOT)) {
            case "true" -> false;
            case "noisy" -> true;
            default -> throw new IllegalArgumentException("--start_angles must be true or noisy, was " + startAngles);
        };
        double px = angpix == -1 ? Double.NaN : angpix;
        double mapAngpix;
        int particleBox;
        if (map != null) {
            MrcHeader header = MrcFile.readHeader(map);
            mapAngpix = Double.isNaN(px) ? header.pixelSizeX() : px;
            particleBox = box > 0 ? box : header.nx();
        } else {
            if (Double.isNaN(px)) throw new IllegalArgumentException("--angpix is required without --i (the pixel size the pseudo-atomic structure is rendered at)");
            if (!(px > 0 && Double.isFinite(px))) throw new IllegalArgumentException("--angpix must be a positive pixel size in Å, was " + px);
            SymmetryGroup.parse(sym);   // names --sym if it is wrong
            mapAngpix = px;
            particleBox = box != 0 ? box : Simulation.pseudoAtomicBox(sym, px);
        }
        SimulationSettings s = new SimulationSettings(map, px, sym, particles, map == null ? particleBox : box, m, micSize, perMic, kv, cs, q0,
                defocusMin, defocusMax, astigmatism, bfactor, snr, pickError,
                earlierAngpix == -1 ? 2 * mapAngpix : earlierAngpix,
                earlierBox == -1 ? Math.max(2, particleBox / 4 * 2) : earlierBox,
                angleNoise, maxShift, noisy, refLowpass, seed, output, threads, force);
        long t0 = System.nanoTime();
        Simulation.Result r = Simulation.run(s);
        spec.commandLine().getOut().printf(Locale.ROOT, "simulate: %d particles (%s%s) in %s, noise stddev %.4g, %d files in %.2f s%n",
                r.particles().size(), m.name().toLowerCase(Locale.ROOT),
                map == null ? String.format(Locale.ROOT, " of the %s pseudo-atomic structure, box %d at %.3f Å/px", sym, particleBox, px) : "",
                output, r.noiseStddev(), r.files().size(), (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
