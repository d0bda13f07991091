package org.cryoj.ui.view;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.cryoj.io.AtomicOutput;

/** PNG files, written atomically like every CryoJ output; works headless. */
public final class PngOutput {

    private PngOutput() {}

    public static void write(BufferedImage image, Path target, boolean overwrite) throws IOException {
        // encoded in memory first (a plot or slice view is small), then written through the channel:
        // AtomicOutput.write's stream closes the channel before it is forced (ClosedChannelException)
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) throw new IOException(target + ": no PNG writer in this Java runtime");
        ByteBuffer bytes = ByteBuffer.wrap(png.toByteArray());
        AtomicOutput.writeChannel(target, overwrite, ch -> {
            while (bytes.hasRemaining()) ch.write(bytes);
        });
    }
}
