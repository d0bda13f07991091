package org.cryoj.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.testutil.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealpixSamplingTest {

    @Test
    void c1Order2Has192DirectionsAnd24Psi() {
        HealpixSampling s = new HealpixSampling(2, SymmetryGroup.parse("C1"));
        assertEquals(192, s.directions().size());
        assertEquals(24, s.psiAngles().length);
        assertEquals(15, s.angularStep(), 0);
        assertEquals(4608, s.orientations());
        assertEquals(12 * 4, new HealpixSampling(1, SymmetryGroup.parse("C1")).directions().size());
        assertEquals(3.75, new HealpixSampling(4, SymmetryGroup.parse("C1")).angularStep(), 0);
    }

    /** The asymmetric unit holds about 1/|rotations| of the sphere, and covers it: every direction has a mate in it. */
    @Test
    void asymmetricUnitCoversTheSphereOnce() {
        for (String name : new String[] {"C2", "C4", "D2", "D3", "T", "O", "I", "I1", "I3", "I4"}) {
            SymmetryGroup g = SymmetryGroup.parse(name);
            HealpixSampling s = new HealpixSampling(3, g);
            int n = s.directions().size();
            double expected = 768.0 / g.size();
            assertTrue(Math.abs(n - expected) <= 0.25 * expected + 3, name + ": " + n + " directions, expected about " + expected);
            HealpixSampling full = new HealpixSampling(3, SymmetryGroup.parse("C1"));
            for (HealpixSampling.Direction d : full.directions()) {
                double best = 180;
                for (HealpixSampling.Direction a : s.directions())
                    for (int j = 0; j < g.size(); j++) best = Math.min(best, g.directionImage(j, a.vector()).angleDegTo(d.vector()));
                assertTrue(best < 1.5 * s.angularStep(), name + ": direction " + d + " is " + best + " deg from the unit");
            }
        }
    }

    @Test
    void localSearchKeepsDirectionsNearThePriorWithGaussianWeights() {
        HealpixSampling s = new HealpixSampling(3, SymmetryGroup.parse("C1"));
        EulerAngles prior = new EulerAngles(40, 70, 100);
        HealpixSampling.LocalSearch ls = s.localSearch(prior, 5);
        assertTrue(ls.directionIndices().length > 1 && ls.directionIndices().length < 30, "" + ls.directionIndices().length);
        double sum = 0, maxW = 0, nearestW = 0, nearest = 180;
        for (int k = 0; k < ls.directionIndices().length; k++) {
            double angle = s.directions().get(ls.directionIndices()[k]).vector().angleDegTo(prior.direction());
            assertTrue(angle < 15 + 1e-9);
            sum += ls.directionWeights()[k];
            maxW = Math.max(maxW, ls.directionWeights()[k]);
            if (angle < nearest) {
                nearest = angle;
                nearestW = ls.directionWeights()[k];
            }
        }
        assertEquals(1, sum, 1e-12);
        assertEquals(maxW, nearestW, 0, "the nearest direction weighs most");
        // psi step 7.5: within 3 * 5 degrees of 100 lie 90, 97.5, 105 and 112.5
        double[] psi = s.psiAngles();
        for (int k : ls.psiIndices()) assertTrue(Math.abs(psi[k] - 100) < 15, "" + psi[k]);
        assertEquals(4, ls.psiIndices().length);
    }

    /**
     * The scan's shortcut (the prior's symmetry images dotted with each direction, an arc cosine only
     * near the cutoff) must select the same directions with the same weights as measuring every
     * direction's angle to the prior over all its symmetry mates.
     */
    @Test
    void localSearchEqualsMeasuringEveryDirectionOverItsSymmetryMates() {
        Random r = new Random(11);
        for (String name : new String[] {"C1", "C4", "D2", "I"}) {
            SymmetryGroup sym = SymmetryGroup.parse(name);
            HealpixSampling s = new HealpixSampling(4, sym);
            for (int k = 0; k < 6; k++) {
                EulerAngles prior = new EulerAngles(360 * r.nextDouble() - 180, Math.toDegrees(Math.acos(2 * r.nextDouble() - 1)), 360 * r.nextDouble());
                double sigma = 0.5 + 4 * r.nextDouble();
                HealpixSampling.LocalSearch ls = s.localSearch(prior, sigma);
                List<Integer> expected = new ArrayList<>();
                List<Double> weights = new ArrayList<>();
                int nearest = -1;
                double nearestAngle = 180;
                for (int i = 0; i < s.directions().size(); i++) {
                    Vector3 v = s.directions().get(i).vector();
                    double angle = v.angleDegTo(prior.direction());
                    for (int j = 0; j < sym.size(); j++) angle = Math.min(angle, sym.directionImage(j, v).angleDegTo(prior.direction()));
                    if (angle < 3 * sigma) {
                        expected.add(i);
                        weights.add(Math.exp(-angle * angle / (2 * sigma * sigma)));
                    }
                    if (angle < nearestAngle) {
                        nearestAngle = angle;
                        nearest = i;
                    }
                }
                if (expected.isEmpty()) {
                    // nothing within the cutoff: the nearest direction alone
                    expected.add(nearest);
                    weights.add(1.0);
                }
                double total = weights.stream().mapToDouble(Double::doubleValue).sum();
                String where = name + ", prior " + prior + ", sigma " + sigma;
                assertEquals(expected, java.util.Arrays.stream(ls.directionIndices()).boxed().toList(), where);
                for (int q = 0; q < expected.size(); q++) assertEquals(weights.get(q) / total, ls.directionWeights()[q], 1e-9, where);
            }
        }
    }

    @Test
    void localSearchUsesSymmetryMates() {
        SymmetryGroup c4 = SymmetryGroup.parse("C4");
        HealpixSampling s = new HealpixSampling(2, c4);
        // a prior outside the unit (rot 150) still finds directions: through its C4 mate at rot 60 / -30
        HealpixSampling.LocalSearch ls = s.localSearch(new EulerAngles(150, 60, 0), 10);
        assertTrue(ls.directionIndices().length >= 2, "" + ls.directionIndices().length);
    }

    /**
     * RELION 3.1's own grid: a one-iteration relion_refine on four noise images writes
     * run_it001_sampling.star with the asymmetric-unit directions; ours must be the same list.
     */
    @Test
    void directionsMatchRelionsSamplingStar(@TempDir Path dir) throws Exception {
        ExternalTools.require("relion_refine");
        writeTinyDataSet(dir);
        for (String sym : new String[] {"C1", "C2", "C4", "C3v", "Ci", "Cs", "C4h", "S4", "D2", "D3", "D3v", "D2h", "T", "Td", "Th", "O", "Oh",
                "I", "I1", "I3", "I4", "Ih", "I1h", "I3h", "I4h"}) {
            Path out = Files.createDirectories(dir.resolve("run_" + sym));
            String log = ExternalTools.runOk(dir, 120, "relion_refine", "--i", "parts.star", "--ref", "ref.mrc",
                    "--o", out.resolve("run").toString(), "--iter", "1", "--K", "1", "--healpix_order", "2", "--sym", sym,
                    "--ini_high", "20", "--particle_diameter", "40", "--firstiter_cc", "--offset_range", "0", "--offset_step", "1",
                    "--dont_check_norm");
            List<double[]> relion = readDirections(out.resolve("run_it001_sampling.star"));
            HealpixSampling ours = new HealpixSampling(2, SymmetryGroup.parse(sym));
            assertEquals(relion.size(), ours.directions().size(), sym + ": number of directions");
            for (int i = 0; i < relion.size(); i++) {
                HealpixSampling.Direction d = ours.directions().get(i);
                assertEquals(relion.get(i)[0], d.rot(), 1e-4, sym + " direction " + i + " rot");
                assertEquals(relion.get(i)[1], d.tilt(), 1e-4, sym + " direction " + i + " tilt");
            }
            Matcher m = Pattern.compile("OrientationalSampling= 15 NrOrientations= (\\d+)").matcher(log);
            assertTrue(m.find(), log);
            assertEquals(Long.parseLong(m.group(1)), ours.orientations(), sym + ": orientations");
        }
    }

    private static void writeTinyDataSet(Path dir) throws Exception {
        FloatVolume ref = FloatVolume.zeros(16, 16, 16, 3.0);
        for (int z = 4; z < 12; z++) for (int y = 6; y < 10; y++) for (int x = 5; x < 11; x++) ref.set(x, y, z, 1);
        MrcFile.write(dir.resolve("ref.mrc"), ref, MrcMode.FLOAT32, false);
        float[] noise = new float[16 * 16 * 4];
        Random rnd = new Random(1);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) rnd.nextGaussian();
        MrcFile.writeStack(dir.resolve("parts.mrcs"), new FloatVolume(16, 16, 4, noise, 3.0), MrcMode.FLOAT32, false);
        StringBuilder star = new StringBuilder("data_optics\nloop_\n_rlnOpticsGroup\n_rlnOpticsGroupName\n_rlnImagePixelSize\n"
                + "_rlnImageSize\n_rlnImageDimensionality\n_rlnVoltage\n_rlnSphericalAberration\n_rlnAmplitudeContrast\n"
                + "1 opticsGroup1 3.0 16 2 300 2.7 0.1\n\ndata_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\n");
        for (int i = 1; i <= 4; i++) star.append(i).append("@parts.mrcs 1\n");
        Files.writeString(dir.resolve("parts.star"), star);
    }

    /** (rot, tilt) rows of the data_sampling_directions table. */
    private static List<double[]> readDirections(Path star) throws Exception {
        List<double[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(star)) {
            String t = line.trim();
            if (t.startsWith("data_")) inTable = t.equals("data_sampling_directions");
            else if (inTable && !t.isEmpty() && !t.startsWith("_") && !t.startsWith("loop_") && !t.startsWith("#")) {
                String[] f = t.split("\\s+");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        return rows;
    }
}
