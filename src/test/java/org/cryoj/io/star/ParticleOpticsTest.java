package org.cryoj.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParticleOpticsTest {
    @TempDir Path dir;

    @Test
    void joinsRelion31ParticlesWithTheirOpticsGroup() throws IOException {
        ParticleOptics o = ParticleOptics.of(StarFile.read(StarTestFiles.resource("relion31_particles.star")), "particles");
        assertFalse(o.isRelion30());
        assertEquals(3, o.rowCount());
        assertEquals(1.77, o.pixelSize(0));
        assertEquals(300, o.voltage(1));
        assertEquals(64, o.imageSize(1));
        assertEquals(2.0, o.pixelSize(2));
        assertEquals(200, o.voltage(2));
        assertEquals(2.0, o.sphericalAberration(2));
        assertEquals(0.07, o.amplitudeContrast(2));
        assertEquals(48, o.imageSize(2));
        assertEquals("group two", o.group(2).name());
    }

    @Test
    void relion30TakesOpticsFromRows() throws IOException {
        ParticleOptics o = ParticleOptics.of(StarFile.read(StarTestFiles.resource("relion30_particles.star")), "");
        assertTrue(o.isRelion30());
        assertEquals(2, o.groups().size());
        assertEquals(14.0 * 10000 / 10000, o.pixelSize(0), 1e-12); // 14 µm at 10000x
        assertEquals(1.0, o.pixelSize(2), 1e-12);                  // 5 µm at 50000x
        assertEquals(1, o.group(1).number());
        assertEquals(2, o.group(2).number());
        assertEquals(-1, o.imageSize(0));
    }

    @Test
    void micrographFilesUseMicrographPixelSize() throws IOException {
        Path f = dir.resolve("micrographs.star");
        Files.writeString(f, "data_optics\nloop_\n_rlnOpticsGroup\n_rlnMicrographPixelSize\n_rlnVoltage\n"
                + "_rlnSphericalAberration\n_rlnAmplitudeContrast\n1 0.885 300 2.7 0.1\n\n"
                + "data_micrographs\nloop_\n_rlnMicrographName\n_rlnOpticsGroup\nmic1.mrc 1\nmic2.mrc 1\n");
        ParticleOptics o = ParticleOptics.of(StarFile.read(f), "micrographs");
        assertEquals(0.885, o.pixelSize(1));
    }

    @Test
    void unknownOpticsGroupAndMissingColumnsFailWithLineAndLabel() throws IOException {
        Path f = dir.resolve("bad.star");
        Files.writeString(f, "data_optics\nloop_\n_rlnOpticsGroup\n_rlnImagePixelSize\n_rlnVoltage\n"
                + "_rlnSphericalAberration\n_rlnAmplitudeContrast\n1 1.5 300 2.7 0.1\n\n"
                + "data_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\n1@a.mrcs 1\n2@a.mrcs 3\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ParticleOptics.of(StarFile.read(f), "particles"));
        assertEquals(15, e.line());
        assertTrue(e.getMessage().contains("bad.star, line 15, rlnOpticsGroup: optics group 3 is not in data_optics"),
                e.getMessage());

        Path g = dir.resolve("nopx.star");
        Files.writeString(g, "data_optics\nloop_\n_rlnOpticsGroup\n_rlnVoltage\n_rlnSphericalAberration\n"
                + "_rlnAmplitudeContrast\n1 300 2.7 0.1\n\ndata_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\n1@a.mrcs 1\n");
        InputFormatException m = assertThrows(InputFormatException.class, () -> ParticleOptics.of(StarFile.read(g), "particles"));
        assertTrue(m.getMessage().contains("nopx.star, rlnImagePixelSize: data_optics has no column rlnImagePixelSize"),
                m.getMessage());

        Path h = dir.resolve("old.star");
        Files.writeString(h, "data_\nloop_\n_rlnImageName\n_rlnVoltage\n_rlnSphericalAberration\n_rlnAmplitudeContrast\n1@a 300 2.7 0.1\n");
        InputFormatException n = assertThrows(InputFormatException.class, () -> ParticleOptics.of(StarFile.read(h), ""));
        assertEquals("rlnDetectorPixelSize", n.field());
    }
}
