package org.cryoj.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefineHistoryTest {
    @TempDir Path dir;

    @Test
    void readsResolutionAndAccuracyPerIterationFromRelionStyleModelFiles() throws Exception {
        // as RELION 3.1.3 writes them (key-value model_general, loop model_classes)
        double[][] values = {{37.76, 11.67}, {20.596363, 5.86}, {18.88, 3.78}};
        for (int it = 0; it <= 3; it++) {
            double res = it == 0 ? Double.POSITIVE_INFINITY : values[it - 1][0];
            double acc = it == 0 ? 999 : values[it - 1][1];
            Files.writeString(dir.resolve(String.format("run_it%03d_half1_model.star", it)), String.join("\n",
                    "", "# version 30001", "", "data_model_general", "",
                    "_rlnReferenceDimensionality                        3",
                    "_rlnCurrentResolution                      " + (it == 0 ? "inf" : Double.toString(res)),
                    "_rlnPixelSize                               3.540000", "",
                    "# version 30001", "", "data_model_classes", "", "loop_",
                    "_rlnReferenceImage #1", "_rlnClassDistribution #2", "_rlnAccuracyRotations #3",
                    "run_it00" + it + "_half1_class001.mrc     1.000000     " + acc, ""));
        }
        RefineHistory h = RefineHistory.read(dir.resolve("run"));
        assertArrayEquals(new int[] {1, 2, 3}, h.iterations());
        assertArrayEquals(new double[] {37.76, 20.596363, 18.88}, h.resolution(), 1e-9);
        assertArrayEquals(new double[] {11.67, 5.86, 3.78}, h.accuracyRotations(), 1e-9);
    }

    @Test
    void aFolderWithoutModelFilesIsNotARefinement() {
        assertThrows(IOException.class, () -> RefineHistory.read(dir.resolve("run")));
    }
}
