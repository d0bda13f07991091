package org.cryoj.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.cryoj.testutil.ExternalTools;
import org.cryoj.ui.ij1.CommandPlugin;

/**
 * Debian's {@code imagej} with CryoJ installed as a user would install it (CryoJ_.jar with
 * plugins.config in its root, the dependencies in plugins/jars) under a HOME of its own, because
 * the wrapper script reads plugins from $HOME/.imagej/plugins. Skips (or fails in CI) without
 * imagej or xvfb-run.
 */
final class ImageJInstall {
    final Path home;
    final Path ijDir;

    private ImageJInstall(Path home) {
        this.home = home;
        this.ijDir = home.resolve(".imagej");
    }

    static ImageJInstall into(Path home) throws IOException, URISyntaxException {
        ExternalTools.require("xvfb-run");
        ExternalTools.require("imagej");
        ImageJInstall ij = new ImageJInstall(home);
        Path plugins = Files.createDirectories(ij.ijDir.resolve("plugins"));
        Path jars = Files.createDirectories(plugins.resolve("jars"));
        Path classes = location(CommandPlugin.class);
        assertTrue(Files.isRegularFile(classes.resolve("plugins.config")), "plugins.config must be in the jar root");
        jar(classes, plugins.resolve("CryoJ_.jar"));
        // the runtime dependencies, found from one class of each
        for (Class<?> c : List.of(org.scijava.Context.class, org.scijava.parsington.ExpressionParser.class,
                net.imglib2.img.array.ArrayImg.class, org.jtransforms.fft.FloatFFT_3D.class,
                pl.edu.icm.jlargearrays.LargeArray.class, org.apache.commons.math3.util.FastMath.class,
                picocli.CommandLine.class)) {
            Path jar = location(c);
            Files.copy(jar, jars.resolve(jar.getFileName()));
        }
        return ij;
    }

    /**
     * The install a Fiji user makes: only the one shaded plugin jar ({@code *-fiji.jar}), next to
     * the libraries Fiji itself ships (SciJava, parsington, ImgLib2).
     */
    static ImageJInstall fijiStyle(Path home, Path fijiJar) throws IOException, URISyntaxException {
        ExternalTools.require("xvfb-run");
        ExternalTools.require("imagej");
        ImageJInstall ij = new ImageJInstall(home);
        Path plugins = Files.createDirectories(ij.ijDir.resolve("plugins"));
        Path jars = Files.createDirectories(plugins.resolve("jars"));
        Files.copy(fijiJar, plugins.resolve("CryoJ_.jar"));
        for (Class<?> c : List.of(org.scijava.Context.class, org.scijava.parsington.ExpressionParser.class,
                net.imglib2.img.array.ArrayImg.class)) {
            Path jar = location(c);
            Files.copy(jar, jars.resolve(jar.getFileName()));
        }
        return ij;
    }

    /**
     * {@code imagej -b}: the macro in batch mode, no windows. Debian's wrapper always exits 1
     * (its exit trap), so success is judged from the output and files.
     */
    String batch(Path workDir, Path macro) throws IOException, InterruptedException {
        return ExternalTools.run(workDir, 60, "env", "HOME=" + home, "xvfb-run", "-a", "imagej", "-b", macro.toString()).output();
    }

    /**
     * {@code imagej -m}: the full ImageJ window on a 24-bit virtual screen of the given size,
     * so that images and plots open windows; the macro must end ImageJ with run("Quit").
     */
    String withWindows(Path workDir, Path macro, int width, int height) throws IOException, InterruptedException {
        return withWindows(workDir, macro, width, height, 90);
    }

    /** As {@link #withWindows(Path, Path, int, int)}, for macros that need longer than 90 s. */
    String withWindows(Path workDir, Path macro, int width, int height, long timeoutSeconds) throws IOException, InterruptedException {
        return ExternalTools.run(workDir, timeoutSeconds, "env", "HOME=" + home, "xvfb-run", "-a", "-s",
                "-screen 0 " + width + "x" + height + "x24", "imagej", "-m", macro.toString()).output();
    }

    static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }
}
