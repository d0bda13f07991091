package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads single images out of many stacks (RELION writes one particle stack per micrograph, often
 * thousands) with at most {@code maxOpen} files open at once: the least recently used reader is
 * closed when another must open. Every stack must hold images of the same size.
 * Thread-safe; reads are serialised, which costs little next to what is done with an image.
 */
public final class StackReaders implements AutoCloseable {
    /** Stacks kept open by default: well below the usual limit of 1024 open files. */
    public static final int DEFAULT_MAX_OPEN = 256;

    private final int nx, ny;
    private final Map<Path, MrcStackReader> open;

    /** For stacks of size x size images (particles). */
    public StackReaders(int size, int maxOpen) {
        this(size, size, maxOpen);
    }

    /** For stacks of nx x ny images (micrographs, movie frames). */
    public StackReaders(int nx, int ny, int maxOpen) {
        if (maxOpen < 1) throw new IllegalArgumentException("maxOpen must be at least 1, was " + maxOpen);
        this.nx = nx;
        this.ny = ny;
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, MrcStackReader> eldest) {
                if (size() <= maxOpen) return false;
                eldest.getValue().close();
                return true;
            }
        };
    }

    /** Image {@code index} (0-based) of {@code file} into {@code dest} (allocated when null). */
    public synchronized float[] read(Path file, int index, float[] dest) throws IOException {
        MrcStackReader r = open.get(file);
        if (r == null) {
            r = MrcStackReader.open(file);
            if (r.header().nx() != nx || r.header().ny() != ny) {
                r.close();
                throw new IOException(file + ": image size " + r.header().nx() + "x" + r.header().ny()
                        + " differs from the first image's " + nx + "x" + ny);
            }
            open.put(file, r);
        }
        return r.readImage(index, dest);
    }

    /** Number of stacks open now. */
    public synchronized int openCount() { return open.size(); }

    @Override
    public synchronized void close() {
        for (MrcStackReader r : open.values()) r.close();
        open.clear();
    }
}
