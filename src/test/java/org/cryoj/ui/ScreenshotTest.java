package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;
import org.cryoj.io.mrc.MrcFile;
import org.cryoj.io.mrc.MrcMode;
import org.cryoj.map.MaskCreator;
import org.cryoj.map.MaskSettings;
import org.cryoj.map.Phantoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's screenshots, made by macros/screenshots.ijm in Debian's ImageJ with windows on a
 * virtual screen: the FSC plot window of two noisy half-maps and the map with its mask in the
 * ImageJ viewer (hyperstack and orthogonal views). Checks that both PNGs exist, have the size
 * of what was captured and are not blank. With -Dcryoj.screenshots=DIR they are also copied
 * there (how docs/ got them).
 */
class ScreenshotTest {
    private static final int SCREEN_W = 1024, SCREEN_H = 768, BOX = 64;
    private static final double ANGPIX = 3.54;

    @TempDir Path home;
    @TempDir Path work;

    @Test
    void screenshotsOfTheFscPlotAndTheMapViewsAreNotBlank() throws Exception {
        ImageJInstall install = ImageJInstall.into(home);
        FloatVolume truth = Phantoms.d2(BOX, ANGPIX);
        MrcFile.write(work.resolve("map.mrc"), truth, MrcMode.FLOAT32, false);
        MrcFile.write(work.resolve("mask.mrc"), MaskCreator.create(truth, new MaskSettings(0.02, 2, 3, 15, Double.NaN, false)),
                MrcMode.FLOAT32, false);
        double sd = ImageStatistics.of(truth.data()).stddev();
        for (int h = 1; h <= 2; h++) {
            float[] d = truth.data().clone();
            Random r = new Random(h);
            for (int k = 0; k < d.length; k++) d[k] += (float) (0.5 * sd * r.nextGaussian());
            MrcFile.write(work.resolve("half" + h + ".mrc"), new FloatVolume(BOX, BOX, BOX, d, ANGPIX), MrcMode.FLOAT32, false);
        }
        Path shots = Files.createDirectories(work.resolve("shots"));
        Path macro = work.resolve("run.ijm");
        Files.writeString(macro, "runMacro(\"" + Path.of("macros/screenshots.ijm").toAbsolutePath() + "\", \"half1=["
                + work.resolve("half1.mrc") + "] half2=[" + work.resolve("half2.mrc") + "] map=[" + work.resolve("map.mrc")
                + "] mask=[" + work.resolve("mask.mrc") + "] out=[" + shots + "]\");\n");
        String out = install.withWindows(work, macro, SCREEN_W, SCREEN_H);
        Path logFile = shots.resolve("screenshots_log.txt");
        assertTrue(Files.exists(logFile), "the macro did not finish:\n" + out);
        String log = Files.readString(logFile);

        Matcher plot = Pattern.compile("plot window (\\d+)x(\\d+)").matcher(log);
        assertTrue(plot.find(), log);
        BufferedImage fsc = readNonBlank(shots.resolve("fsc_plot.png"));
        assertEquals(Integer.parseInt(plot.group(1)), fsc.getWidth(), "the plot window's width\n" + log);
        assertEquals(Integer.parseInt(plot.group(2)), fsc.getHeight(), "the plot window's height\n" + log);
        assertTrue(fsc.getWidth() > 300 && fsc.getHeight() > 150, "a plot-sized capture: " + fsc.getWidth() + "x" + fsc.getHeight());

        Matcher viewsSize = Pattern.compile("map views (\\d+)x(\\d+)").matcher(log);
        assertTrue(viewsSize.find(), log);
        BufferedImage views = readNonBlank(shots.resolve("map_views.png"));
        assertEquals(Integer.parseInt(viewsSize.group(1)), views.getWidth(), "the map and orthogonal view windows\n" + log);
        assertEquals(Integer.parseInt(viewsSize.group(2)), views.getHeight(), "the map and orthogonal view windows\n" + log);
        // map window at 300% with the YZ view beside it and the XZ view below, both at 300% too: two zoomed views
        // across and down (views left at 100% gave 272x316 and 292x316 captures)
        assertTrue(views.getWidth() > 2 * 3 * BOX && views.getHeight() > 2 * 3 * BOX,
                "map views " + views.getWidth() + "x" + views.getHeight() + "\n" + log);

        String copyTo = System.getProperty("cryoj.screenshots");
        if (copyTo != null && !copyTo.isBlank()) {
            Path dir = Files.createDirectories(Path.of(copyTo));
            for (String name : new String[] {"fsc_plot.png", "map_views.png"})
                Files.copy(shots.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A readable PNG with more than a few distinct colours (a blank or single-colour capture has 1 or 2). */
    static BufferedImage readNonBlank(Path png) throws Exception {
        assertTrue(Files.isRegularFile(png), png + " was not written");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a readable PNG");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 8, png.getFileName() + " looks blank: " + colours.size() + " colours");
        return img;
    }
}
