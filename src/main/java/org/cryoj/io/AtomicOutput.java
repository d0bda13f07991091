package org.cryoj.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every CryoJ output goes through here: it is written to a temporary file in the target folder
 * and renamed into place only when complete, so a crash or cancel never leaves a half-written
 * file under the real name. An existing output is replaced only when the caller says so, and
 * an input is never overwritten.
 */
public final class AtomicOutput {

    /** Writes the content of a file through a stream. */
    @FunctionalInterface
    public interface StreamWriter { void write(OutputStream out) throws IOException; }

    /** Writes the content of a file through a channel (for large binary outputs). */
    @FunctionalInterface
    public interface ChannelWriter { void write(FileChannel channel) throws IOException; }

    private AtomicOutput() {}

    public static void write(Path target, boolean overwrite, StreamWriter writer) throws IOException {
        writeChannel(target, overwrite, ch -> {
            // flush, not close: closing the stream would close the channel before writeChannel forces it to disk
            OutputStream os = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
            writer.write(os);
            os.flush();
        });
    }

    public static void writeChannel(Path target, boolean overwrite, ChannelWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        checkWritable(abs, overwrite);
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(ch);
                ch.force(false);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /** Fails if the target exists and overwriting was not asked for. */
    public static void checkWritable(Path target, boolean overwrite) throws IOException {
        if (Files.isDirectory(target))
            throw new IOException(target + ": is a directory, expected a file name for the output");
        if (!overwrite && Files.exists(target))
            throw new FileAlreadyExistsException(target.toString(), null,
                    "output exists; choose another name or ask to overwrite (--force)");
    }

    /** Fails if the output would replace one of the inputs. */
    public static void checkNotInput(Path output, Path... inputs) throws IOException {
        for (Path in : inputs) {
            if (in == null) continue;
            if (output.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())
                    || (Files.exists(output) && Files.exists(in) && Files.isSameFile(output, in)))
                throw new IOException(output + ": output would overwrite the input " + in);
        }
    }
}
