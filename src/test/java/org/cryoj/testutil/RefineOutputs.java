package org.cryoj.testutil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.star.StarFile;
import org.cryoj.io.star.StarTable;

/** Comparisons of two refinements' final files, for the tests of --continue (locally and on Spark). */
public final class RefineOutputs {
    private RefineOutputs() {}

    /** The final maps bit for bit, the poses of run_data.star and run_model.star (root names aside) are equal. */
    public static void assertSameFinalFiles(Path rootA, Path rootB, String what) throws IOException {
        for (String map : new String[] {"_class001.mrc", "_half1_class001_unfil.mrc", "_half2_class001_unfil.mrc"}) {
            FloatVolume va = MrcFile.read(Path.of(rootA + map)), vb = MrcFile.read(Path.of(rootB + map));
            assertArrayEquals(va.data(), vb.data(), 0f, what + " " + map);
        }
        StarTable da = StarFile.read(Path.of(rootA + "_data.star")).block("particles").table();
        StarTable db = StarFile.read(Path.of(rootB + "_data.star")).block("particles").table();
        assertEquals(da.rowCount(), db.rowCount());
        for (int r = 0; r < da.rowCount(); r++)
            for (String l : new String[] {"rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst"})
                assertEquals(da.getDouble(r, l), db.getDouble(r, l), 0, what + " particle " + (r + 1) + " " + l);
        String modelA = Files.readString(Path.of(rootA + "_model.star")).replace(rootA.toString(), "ROOT");
        String modelB = Files.readString(Path.of(rootB + "_model.star")).replace(rootB.toString(), "ROOT");
        assertEquals(modelA, modelB, what + " run_model.star");
    }
}
