package org.cryoj.simulate;

import java.util.List;
import java.util.Locale;

import org.cryoj.ctf.CtfParameters;
import org.cryoj.geometry.EulerAngles;
import org.cryoj.io.star.StarBlock;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/** The STAR files of a simulated data set, in RELION 3.1's layout (data_optics first). */
final class SimulationStars {
    /** Folder the earlier job's (unwritten) particle stacks are named after. */
    static final String EARLIER_EXTRACT = "Extract/job005/";
    static final String STACK = "Particles/particles.mrcs";

    private final SimulationSettings s;
    private final double angpix;
    private final int box;

    SimulationStars(SimulationSettings s, double angpix, int box) {
        this.s = s;
        this.angpix = angpix;
        this.box = box;
    }

    static String micrographName(int oneBased) { return String.format(Locale.ROOT, "Micrographs/mic_%03d.mrc", oneBased); }

    /** micrographs_ctf.star, as CtfFind writes it. */
    StarFile micrographs(List<CtfParameters> ctfs) {
        StarTable optics = optics(false, 0, 0);
        StarTable mics = new StarTable("rlnMicrographName", "rlnOpticsGroup", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
                "rlnCtfMaxResolution", "rlnCtfFigureOfMerit");
        for (int m = 0; m < ctfs.size(); m++) {
            int r = mics.addRow();
            mics.setString(r, "rlnMicrographName", micrographName(m + 1));
            mics.setInt(r, "rlnOpticsGroup", 1);
            setCtf(mics, r, ctfs.get(m));
            // a plausible fit: Thon rings seen to a little beyond Nyquist of the binned data
            mics.setDouble(r, "rlnCtfMaxResolution", Math.max(2.5 * angpix, 4.0));
            mics.setDouble(r, "rlnCtfFigureOfMerit", 0.15);
        }
        return StarFile.of(StarBlock.loop("optics", optics), StarBlock.loop("micrographs", mics));
    }

    /** particles_picked_refined.star: the earlier (binned) job's picks, offsets and noisy angles. */
    StarFile earlierParticles(List<SimulatedParticle> ps) {
        StarTable optics = optics(true, s.earlierAngpix(), s.earlierBox());
        StarTable t = new StarTable("rlnCoordinateX", "rlnCoordinateY", "rlnImageName", "rlnMicrographName", "rlnOpticsGroup",
                "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnOriginXAngst", "rlnOriginYAngst", "rlnClassNumber", "rlnGroupNumber", "rlnRandomSubset");
        int inMic = 0, lastMic = -1;
        for (SimulatedParticle p : ps) {
            inMic = p.micrograph() == lastMic ? inMic + 1 : 1;
            lastMic = p.micrograph();
            int r = t.addRow();
            t.setDouble(r, "rlnCoordinateX", p.pickedX());
            t.setDouble(r, "rlnCoordinateY", p.pickedY());
            String mic = micrographName(p.micrograph());
            t.setString(r, "rlnImageName", String.format(Locale.ROOT, "%06d@%s%s", inMic, EARLIER_EXTRACT, mic.replace(".mrc", ".mrcs")));
            t.setString(r, "rlnMicrographName", mic);
            t.setInt(r, "rlnOpticsGroup", 1);
            setCtf(t, r, p.ctf());
            setAngles(t, r, p.earlierPose());
            t.setDouble(r, "rlnOriginXAngst", p.originXAngst());
            t.setDouble(r, "rlnOriginYAngst", p.originYAngst());
            t.setInt(r, "rlnClassNumber", 1);
            t.setInt(r, "rlnGroupNumber", p.group());
            t.setInt(r, "rlnRandomSubset", p.randomSubset());
        }
        return StarFile.of(StarBlock.loop("optics", optics), StarBlock.loop("particles", t));
    }

    /** particles.star for the stack, ready for refinement (true or earlier angles). */
    StarFile stackedParticles(List<SimulatedParticle> ps) {
        StarTable optics = optics(true, angpix, box);
        StarTable t = new StarTable("rlnImageName", "rlnOpticsGroup", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                "rlnOriginXAngst", "rlnOriginYAngst", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle",
                "rlnClassNumber", "rlnGroupNumber", "rlnRandomSubset");
        for (int i = 0; i < ps.size(); i++) {
            SimulatedParticle p = ps.get(i);
            int r = t.addRow();
            t.setString(r, "rlnImageName", String.format(Locale.ROOT, "%06d@%s", i + 1, STACK));
            t.setInt(r, "rlnOpticsGroup", 1);
            setAngles(t, r, s.noisyStartAngles() ? p.earlierPose() : p.pose());
            t.setDouble(r, "rlnOriginXAngst", p.originXAngst());
            t.setDouble(r, "rlnOriginYAngst", p.originYAngst());
            setCtf(t, r, p.ctf());
            t.setInt(r, "rlnClassNumber", 1);
            t.setInt(r, "rlnGroupNumber", p.group());
            t.setInt(r, "rlnRandomSubset", p.randomSubset());
        }
        return StarFile.of(StarBlock.loop("optics", optics), StarBlock.loop("particles", t));
    }

    /**
     * truth.star: data_simulation (how it was made) and data_particles with the exact answers:
     * true centres on the micrographs (doubles) or true offsets in the stack, true angles, CTF.
     */
    StarFile truth(List<SimulatedParticle> ps, double noiseStddev, double referenceScale) {
        StarTable sim = new StarTable("cryojMap", "cryojSymmetry", "rlnImagePixelSize", "rlnImageSize", "cryojSnr",
                "cryojNoiseStddev", "cryojBfactor", "cryojAngleNoise", "cryojPickError", "cryojReferenceScale", "cryojSeed");
        sim.addRow();
        sim.setString(0, "cryojMap", s.pseudoAtomic() ? s.outputDir().resolve(Simulation.TRUTH_MAP).toString() : s.map().toString());
        sim.setString(0, "cryojSymmetry", s.symmetry());
        sim.setDouble(0, "rlnImagePixelSize", angpix);
        sim.setInt(0, "rlnImageSize", box);
        sim.setString(0, "cryojSnr", num(s.snr()));
        sim.setString(0, "cryojNoiseStddev", num(noiseStddev));
        sim.setString(0, "cryojBfactor", num(s.bfactor()));
        sim.setString(0, "cryojAngleNoise", num(s.angleNoise()));
        sim.setString(0, "cryojPickError", num(s.pickError()));
        sim.setString(0, "cryojReferenceScale", num(referenceScale));
        sim.setString(0, "cryojSeed", Long.toString(s.seed()));
        boolean onMics = s.mode() == SimulationSettings.Mode.MICROGRAPHS;
        StarTable t = onMics
                ? new StarTable("rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                        "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnRandomSubset")
                : new StarTable("rlnImageName", "rlnOriginXAngst", "rlnOriginYAngst", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                        "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnRandomSubset");
        for (int i = 0; i < ps.size(); i++) {
            SimulatedParticle p = ps.get(i);
            int r = t.addRow();
            if (onMics) {
                t.setString(r, "rlnMicrographName", micrographName(p.micrograph()));
                t.setDouble(r, "rlnCoordinateX", p.centreX());
                t.setDouble(r, "rlnCoordinateY", p.centreY());
            } else {
                t.setString(r, "rlnImageName", String.format(Locale.ROOT, "%06d@%s", i + 1, STACK));
                t.setDouble(r, "rlnOriginXAngst", p.originXAngst());
                t.setDouble(r, "rlnOriginYAngst", p.originYAngst());
            }
            setAngles(t, r, p.pose());
            setCtf(t, r, p.ctf());
            t.setInt(r, "rlnRandomSubset", p.randomSubset());
        }
        return StarFile.of(StarBlock.keyValues("simulation", sim), StarBlock.loop("particles", t));
    }

    private StarTable optics(boolean images, double imageAngpix, int imageSize) {
        StarTable o = images
                ? new StarTable("rlnOpticsGroupName", "rlnOpticsGroup", "rlnMicrographOriginalPixelSize", "rlnVoltage",
                        "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality")
                : new StarTable("rlnOpticsGroupName", "rlnOpticsGroup", "rlnMicrographOriginalPixelSize", "rlnVoltage",
                        "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnMicrographPixelSize");
        int r = o.addRow();
        o.setString(r, "rlnOpticsGroupName", "opticsGroup1");
        o.setInt(r, "rlnOpticsGroup", 1);
        o.setDouble(r, "rlnMicrographOriginalPixelSize", angpix);
        o.setDouble(r, "rlnVoltage", s.voltage());
        o.setDouble(r, "rlnSphericalAberration", s.cs());
        o.setDouble(r, "rlnAmplitudeContrast", s.q0());
        if (images) {
            o.setDouble(r, "rlnImagePixelSize", imageAngpix);
            o.setInt(r, "rlnImageSize", imageSize);
            o.setInt(r, "rlnImageDimensionality", 2);
        } else {
            o.setDouble(r, "rlnMicrographPixelSize", angpix);
        }
        return o;
    }

    private static void setCtf(StarTable t, int r, CtfParameters c) {
        t.setDouble(r, "rlnDefocusU", c.defocusU());
        t.setDouble(r, "rlnDefocusV", c.defocusV());
        t.setDouble(r, "rlnDefocusAngle", c.defocusAngle());
    }

    private static void setAngles(StarTable t, int r, EulerAngles a) {
        t.setDouble(r, "rlnAngleRot", a.rot());
        t.setDouble(r, "rlnAngleTilt", a.tilt());
        t.setDouble(r, "rlnAnglePsi", a.psi());
    }

    private static String num(double v) { return Double.toString(v); }
}
