package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.image.FloatVolume;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.ImageHandler;
import org.cryoj.map.ImageHandlerSettings;
import org.cryoj.map.Phantoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar a Fiji user drops into plugins/ ({@code *-fiji.jar}, made by {@code mvn package}) is
 * enough on its own, beside the libraries Fiji ships: ImageJ runs a macro through it. Runs in
 * the integration-test phase, after the jar is built.
 */
class FijiJarIT {
    @TempDir Path home;
    @TempDir Path work;

    @Test
    void theOneFijiJarRunsAMacro() throws Exception {
        Path jar = Path.of(System.getProperty("cryoj.fijiJar", "target/CryoJ_-0.1.0-SNAPSHOT-fiji.jar"));
        assertTrue(Files.isRegularFile(jar), "run mvn package first: no " + jar);
        ImageJInstall install = ImageJInstall.fijiStyle(home, jar);
        Path in = work.resolve("map.mrc");
        MrcFile.write(in, Phantoms.d2(32, 3.54), MrcMode.FLOAT32, false);
        Path out = work.resolve("rescaled.mrc");
        Path macro = work.resolve("run.ijm");
        Files.writeString(macro, "run(\"Rescale Map...\", \"i=[" + in + "] o=[" + out + "] rescale_angpix=1.77 new_box=48\");\n"
                + "print(\"macro finished\");\n");
        String log = install.batch(work, macro);
        assertTrue(log.contains("macro finished"), log);
        FloatVolume expected = ImageHandler.apply(MrcFile.read(in), ImageHandlerSettings.rebox(Double.NaN, 1.77, 48));
        FloatVolume got = MrcFile.read(out);
        assertEquals(48, got.nx());
        assertArrayEquals(expected.data(), got.data());
    }
}
