package org.cryoj.io.star;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cryoj.io.AtomicOutput;
import org.cryoj.io.InputFormatException;

/**
 * A RELION STAR file (3.0 or 3.1): its data blocks in file order.
 *
 * <pre>{@code
 * StarFile star = StarFile.read(Path.of("run_data.star"));
 * StarTable particles = star.block("particles").table();     // fails naming the blocks present
 * ParticleOptics optics = ParticleOptics.of(star, "particles"); // per-particle pixel size, kV, Cs...
 * star.write(Path.of("out.star"), false);                        // atomic, no overwrite
 * }</pre>
 *
 * Written like RELION 3.1: a {@code # version 30001} line before each block, labels numbered
 * {@code _rlnLabel #N}, values right-aligned, doubles with six decimals (see {@link NumberText}).
 */
public final class StarFile {
    private final List<StarBlock> blocks;
    private final Path source;

    public StarFile(List<StarBlock> blocks) { this(blocks, null); }

    StarFile(List<StarBlock> blocks, Path source) {
        this.blocks = List.copyOf(blocks);
        this.source = source;
    }

    public static StarFile of(StarBlock... blocks) { return new StarFile(List.of(blocks)); }

    /** Reads a whole file; bad syntax or a non-number in a numeric label fails with file, line and label. */
    public static StarFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such STAR file");
        try (InputStream in = Files.newInputStream(file)) {
            return new StarFile(new StarParser(file, in).parse(), file);
        }
    }

    /** The file read, or null for a file built in memory. */
    public Path source() { return source; }

    public List<StarBlock> blocks() { return blocks; }

    public Optional<StarBlock> findBlock(String name) {
        for (StarBlock b : blocks) if (b.name().equals(name)) return Optional.of(b);
        return Optional.empty();
    }

    public boolean hasBlock(String name) { return findBlock(name).isPresent(); }

    /** The block {@code data_NAME}; fails, listing the blocks present, when there is none. */
    public StarBlock block(String name) throws InputFormatException {
        Optional<StarBlock> b = findBlock(name);
        if (b.isPresent()) return b.get();
        List<String> names = new ArrayList<>();
        for (StarBlock x : blocks) names.add("data_" + x.name());
        throw new InputFormatException(source, -1, null, "no data_" + name + " block in "
                + (source == null ? "this STAR file" : source.getFileName()) + "; blocks are: "
                + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }

    /** Writes atomically (temporary file, then rename); an existing file is replaced only if asked. */
    public void write(Path file, boolean overwrite) throws IOException {
        AtomicOutput.write(file, overwrite, this::write);
    }

    /** Writes to a stream (not closed). */
    public void write(OutputStream out) throws IOException {
        ByteSink sink = new ByteSink(out, 1 << 20);
        try {
            for (StarBlock b : blocks) writeBlock(b, sink);
            sink.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeBlock(StarBlock b, ByteSink out) {
        StarTable t = b.table();
        out.ascii("\n# version 30001\n\ndata_");
        out.bytes(b.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.ascii("\n\n");
        int nc = t.columnCount();
        if (!b.loop()) {
            for (int c = 0; c < nc; c++) {
                Column col = t.column(c);
                out.put('_');
                int n = out.ascii(col.label);
                out.spaces(Math.max(1, 40 - n));
                col.write(0, out);
                out.put('\n');
            }
            out.ascii("\n");
            return;
        }
        out.ascii("loop_\n");
        for (int c = 0; c < nc; c++) {
            out.put('_');
            out.ascii(t.column(c).label);
            out.ascii(" #");
            out.digits(c + 1);
            out.put('\n');
        }
        Column[] cols = new Column[nc];
        for (int c = 0; c < nc; c++) cols[c] = t.column(c);
        int rows = t.rowCount();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < nc; c++) {
                if (c > 0) out.put(' ');
                cols[c].write(r, out);
            }
            out.put('\n');
        }
        out.ascii("\n");
    }
}
