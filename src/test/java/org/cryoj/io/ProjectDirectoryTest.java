package org.cryoj.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cryoj.io.star.StarLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the RELION project folder from where a STAR file lies and the first file it names. */
class ProjectDirectoryTest {
    @TempDir Path project;

    private static final String OPTICS = "data_optics\n\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n1 3.54\n\n";

    @Test
    void particlesTwoLevelsBelowTheProjectNameImagesRelativeToIt() throws IOException {
        touch("Extract/job018/Movies/mic_001.mrcs");
        Path star = write("Extract/job018/particles.star", particles("000001@Extract/job018/Movies/mic_001.mrcs"));
        assertEquals(project.toRealPath(), ProjectDirectory.infer(star, StarLabel.IMAGE_NAME).toRealPath());
        // the same file reached through a relative path and a detour
        Path detour = project.resolve("Extract/job018/../job018/particles.star");
        assertEquals(project.toRealPath(), ProjectDirectory.infer(detour, StarLabel.IMAGE_NAME).toRealPath());
    }

    @Test
    void theNearestFolderHoldingTheFileWins() throws IOException {
        // a STAR file beside its images (names relative to its own folder), inside a project that has another copy
        touch("Movies/a.mrcs");
        touch("Polish/job030/Movies/a.mrcs");
        Path star = write("Polish/job030/particles.star", particles("1@Movies/a.mrcs"));
        assertEquals(project.resolve("Polish/job030").toRealPath(), ProjectDirectory.infer(star, StarLabel.IMAGE_NAME).toRealPath());
    }

    @Test
    void micrographNamesWithoutAnImageNumber() throws IOException {
        touch("MotionCorr/job002/Movies/mic1.mrc");
        Path star = write("CtfFind/job003/micrographs_ctf.star", OPTICS
                + "data_micrographs\n\nloop_\n_rlnMicrographName #1\n_rlnOpticsGroup #2\nMotionCorr/job002/Movies/mic1.mrc 1\n");
        assertEquals(project.toRealPath(), ProjectDirectory.infer(star, StarLabel.MICROGRAPH_NAME).toRealPath());
    }

    @Test
    void anAbsoluteNameNeedsNoProject() throws IOException {
        Path image = touch("elsewhere/stack.mrcs");
        Path star = write("Extract/job018/particles.star", particles("3@" + image));
        assertEquals(project.resolve("Extract/job018").toRealPath(), ProjectDirectory.infer(star, StarLabel.IMAGE_NAME).toRealPath());
    }

    @Test
    void noFolderHoldingTheFileNamesTheStarFileAndTheImage() throws IOException {
        Path star = write("Extract/job018/particles.star", particles("000001@Extract/job018/Movies/gone.mrcs"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectDirectory.infer(star, StarLabel.IMAGE_NAME));
        assertTrue(e.getMessage().contains(star.toString()) && e.getMessage().contains("000001@Extract/job018/Movies/gone.mrcs")
                && e.getMessage().contains("rlnImageName") && e.getMessage().contains("project folder"), e.getMessage());
        assertEquals(star, e.file());
        assertTrue(e.line() > 0, "the row's line is named");
    }

    @Test
    void aStarFileWithoutNamesIsRefused() throws IOException {
        Path star = write("empty.star", OPTICS + "data_particles\n\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectDirectory.infer(star, StarLabel.IMAGE_NAME));
        assertTrue(e.getMessage().contains("empty.star") && e.getMessage().contains("no row with rlnImageName"), e.getMessage());
    }

    @Test
    void aGivenFolderIsCheckedAgainstTheFirstImage() throws IOException {
        touch("Extract/job018/Movies/mic_001.mrcs");
        Path star = write("Extract/job018/particles.star", particles("000001@Extract/job018/Movies/mic_001.mrcs"));
        assertEquals(project, ProjectDirectory.check(project, star, StarLabel.IMAGE_NAME));

        Path wrong = Files.createDirectories(project.resolve("Extract"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> ProjectDirectory.check(wrong, star, StarLabel.IMAGE_NAME));
        assertTrue(e.getMessage().contains(star.toString()) && e.getMessage().contains("000001@Extract/job018/Movies/mic_001.mrcs")
                && e.getMessage().contains(wrong.toString()), e.getMessage());

        Path missing = project.resolve("no such dir");
        IOException m = assertThrows(IOException.class, () -> ProjectDirectory.check(missing, star, StarLabel.IMAGE_NAME));
        assertTrue(m.getMessage().contains("no such dir") && m.getMessage().contains("no such folder"), m.getMessage());
    }

    private static String particles(String firstImage) {
        return OPTICS + "data_particles\n\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n" + firstImage + " 1\n000002@x.mrcs 1\n";
    }

    private Path write(String name, String text) throws IOException {
        Path f = project.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    private Path touch(String name) throws IOException {
        return write(name, "");
    }
}
