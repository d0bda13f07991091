package org.cryoj.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The incremental form of {@link AtomicOutput}, for outputs written piece by piece (an image
 * stack filled one particle at a time): data goes to a hidden {@code .name.*.part} file next
 * to the target, {@link #commit()} renames it into place, {@link #close()} without a commit
 * deletes it, so a failure or a cancel leaves neither a half-written output nor a temporary file.
 */
public final class PendingOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final boolean overwrite;
    private final FileChannel channel;
    private boolean finished;

    private PendingOutput(Path target, Path temporary, boolean overwrite, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.overwrite = overwrite;
        this.channel = channel;
    }

    /** Fails at once if the target exists and overwriting was not asked for. */
    public static PendingOutput open(Path target, boolean overwrite) throws IOException {
        Path abs = target.toAbsolutePath();
        AtomicOutput.checkWritable(abs, overwrite);
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        try {
            FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return new PendingOutput(abs, tmp, overwrite, ch);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    public Path target() { return target; }
    public Path temporaryFile() { return temporary; }

    /** The temporary file's channel; valid until commit or close. */
    public FileChannel channel() {
        if (finished) throw new IllegalStateException(target + ": output already committed or aborted");
        return channel;
    }

    /** Flushes and renames the temporary file to the target; on failure the temporary file is removed. */
    public void commit() throws IOException {
        channel();
        finished = true;
        boolean done = false;
        try {
            channel.force(false);
            channel.close();
            // checked again: the target may have appeared while we were writing
            AtomicOutput.checkWritable(target, overwrite);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                channel.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Deletes the temporary file; the target is left as it was. Does nothing after a commit. */
    public void abort() throws IOException {
        if (finished) return;
        finished = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Aborts unless committed: leaving a try-with-resources block by an exception discards the output. */
    @Override
    public void close() throws IOException { abort(); }
}
