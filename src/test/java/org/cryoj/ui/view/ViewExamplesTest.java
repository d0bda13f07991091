package org.cryoj.ui.view;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the documented example runnable (headless: it writes its PNGs). */
class ViewExamplesTest {

    @Test
    void exampleWritesItsPictures(@TempDir Path dir) throws Exception {
        ViewExamples.main(new String[] {dir.toString()});
        for (String name : new String[] {"example_fsc.png", "example_iterations.png", "example_slices.png"})
            assertTrue(Files.size(dir.resolve(name)) > 1000, name);
    }
}
