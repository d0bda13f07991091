package org.cryoj.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.cryoj.geometry.EulerAngles;
import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.testutil.ExternalTools;
import org.cryoj.testutil.ImageAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulated particles against relion_project, run in the test on the same map. */
class RelionProjectionTest {
    @TempDir Path dir;

    @Test
    void noiseFreeParticleWithoutCtfIsRelionsProjection() throws Exception {
        ExternalTools.require("relion_project");
        FloatVolume map = MrcFile.read(SimulationTestData.PHANTOM);
        ParticleRenderer r = new ParticleRenderer(map);
        double[][] cases = {{10, 20, 30, 3, 0}, {-120, 75, 200, -1.5, 2.25}, {44, 150, -10, 0.4, -2.7}};
        for (double[] c : cases) {
            ExternalTools.runOk(dir, 60, "relion_project", "--i", SimulationTestData.PHANTOM.toAbsolutePath().toString(),
                    "--o", "p.mrc", "--rot", "" + c[0], "--tilt", "" + c[1], "--psi", "" + c[2], "--xoff", "" + c[3], "--yoff", "" + c[4]);
            float[] relion = MrcFile.read(dir.resolve("p.mrc")).data();
            // --xoff/--yoff are an origin: the particle centre goes to box/2 - offset
            float[] ours = r.render(new EulerAngles(c[0], c[1], c[2]).toMatrix(), -c[3], -c[4], null, 64);
            float[] other = r.render(new EulerAngles(c[0], c[1], c[2]).toMatrix(), c[3], c[4], null, 64);
            double cc = ImageAssert.correlation(relion, ours), wrong = ImageAssert.correlation(relion, other);
            System.out.printf("simulate vs relion_project (no CTF) at %s: correlation %.6f (opposite shift %.4f)%n",
                    Arrays.toString(c), cc, wrong);
            assertTrue(cc >= 0.999, "correlation " + cc);
        }
    }
}
