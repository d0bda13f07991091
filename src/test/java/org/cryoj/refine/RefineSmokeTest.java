package org.cryoj.refine;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefineSmokeTest {
    @Test
    void runs(@TempDir Path dir) throws Exception {
        RefineTestData d = RefineTestData.create(dir, 48, 4.72, 300, 1.0, 3);
        RefineSettings s = RefineSettings.of(d.input(), dir.resolve("Refine3D/run"), d.reference(), 40, 200)
                .tutorial("D2").withSampling(2, 3, 3, 1).withThreads(2).withMaxIterations(25);
        Refiner.Outcome o = new Refiner(s, new RefineListener() {
            @Override public void message(String line) { System.out.println(line); }
        }, new CpuExpectationBackend()).run(null);
        System.out.println(o);
    }
}
