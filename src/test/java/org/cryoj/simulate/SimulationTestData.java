package org.cryoj.simulate;

import java.nio.file.Path;

/** Settings for tests: the D2 phantom at 3.54 Å, small and fast. */
final class SimulationTestData {
    static final Path PHANTOM = Path.of("test-images/phantom_d2_box64_3.54A.mrc");

    private SimulationTestData() {}

    static SimulationSettings particles(Path out, int n, double snr, boolean noisyAngles) {
        return new SimulationSettings(PHANTOM, Double.NaN, "D2", n, 64, SimulationSettings.Mode.PARTICLES, 1024, 0,
                300, 2.7, 0.1, 1.0, 2.5, 0.05, 0, snr, 2, 7.08, 32, 5, 3, noisyAngles, 30, 7, out, 2, false);
    }

    static SimulationSettings micrographs(Path out, int n, int micSize, double snr) {
        return new SimulationSettings(PHANTOM, Double.NaN, "D2", n, 64, SimulationSettings.Mode.MICROGRAPHS, micSize, 0,
                300, 2.7, 0.1, 1.0, 2.5, 0.05, 0, snr, 2, 7.08, 32, 5, 3, false, 30, 3, out, 2, false);
    }
}
