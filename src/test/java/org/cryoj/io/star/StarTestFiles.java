package org.cryoj.io.star;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-written reference files under src/test/resources/star/. */
final class StarTestFiles {
    private StarTestFiles() {}

    static Path resource(String name) {
        try {
            return Path.of(StarTestFiles.class.getResource("/star/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
