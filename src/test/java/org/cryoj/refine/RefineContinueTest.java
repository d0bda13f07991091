package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --continue follows RELION's semantics: a run stopped after iteration k (--max_iter k) and
 * continued from run_it00k_optimiser.star ends with the same final map and poses as the run that
 * was never stopped. Tiny data (100 particles, box 32) so the three runs take seconds.
 */
class RefineContinueTest {
    @TempDir static Path dir;
    static RefineTestData data;
    static RefineSettings base;
    static Refiner.Outcome whole;

    @BeforeAll
    static void runToConvergence() throws Exception {
        data = RefineTestData.create(dir, 32, 7.08, 100, 2.0, 5);
        base = RefineSettings.of(data.input(), dir.resolve("whole/run"), data.reference(), 40, 200)
                .tutorial("D2").withSampling(1, 3, 3, 1).withThreads(2).withMaxIterations(30);
        whole = new Refiner(base, quiet(), new CpuExpectationBackend()).run(null);
        assertTrue(whole.converged(), whole.toString());
    }

    static RefineListener quiet() {
        return new RefineListener() {
            @Override public void message(String line) { System.out.println(line); }
        };
    }

    @Test
    void maxIterThenContinueEqualsTheUninterruptedRun() throws Exception {
        assertTrue(whole.iterations() >= 3, "needs a few iterations to stop in the middle: " + whole);
        int k = whole.iterations() / 2;
        RefineSettings part = base.withOutput(dir.resolve("parts/run")).withMaxIterations(k);
        Refiner.Outcome stopped = new Refiner(part, quiet(), new CpuExpectationBackend()).run(null);
        assertFalse(stopped.converged());
        assertEquals(k, stopped.iterations());
        assertFalse(Files.exists(part.file("_class001.mrc")), "a stopped run writes no final map");
        assertFalse(Files.exists(part.file(RefineFiles.it(k + 1) + "_optimiser.star")));
        Path optimiser = part.file(RefineFiles.it(k) + "_optimiser.star");
        Refiner.Outcome resumed = new Refiner(part.withMaxIterations(30), quiet(), new CpuExpectationBackend()).run(optimiser);
        assertTrue(resumed.converged());
        assertEquals(whole.iterations(), resumed.iterations());
        assertSameResult(base, part);
    }

    static void assertSameResult(RefineSettings a, RefineSettings b) throws Exception {
        for (String map : new String[] {"_class001.mrc", "_half1_class001_unfil.mrc", "_half2_class001_unfil.mrc"}) {
            FloatVolume va = MrcFile.read(a.file(map)), vb = MrcFile.read(b.file(map));
            assertArrayEquals(va.data(), vb.data(), 0f, map);
        }
        StarTable da = StarFile.read(a.file("_data.star")).block("particles").table();
        StarTable db = StarFile.read(b.file("_data.star")).block("particles").table();
        assertEquals(da.rowCount(), db.rowCount());
        for (int r = 0; r < da.rowCount(); r++)
            for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst"})
                assertEquals(da.getDouble(r, l), db.getDouble(r, l), 0, "particle " + (r + 1) + " " + l);
        String modelA = Files.readString(a.file("_model.star")).replace(a.outputRoot().getParent().toString(), "");
        String modelB = Files.readString(b.file("_model.star")).replace(b.outputRoot().getParent().toString(), "");
        assertEquals(modelA, modelB, "run_model.star");
    }
}
