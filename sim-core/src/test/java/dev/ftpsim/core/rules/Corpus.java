package dev.ftpsim.core.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared corpus of real rulesets ({@code shared/rulesets} beside the clone, or further up):
 * third-party texts, read where they are and never copied into the project.
 */
final class Corpus {
    private Corpus() {
    }

    /** The corpus directory, or null when this checkout has none. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            final Path c = p.resolve("shared").resolve("rulesets");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return null;
    }

    /** The corpus files with this suffix; skips the test when the corpus is absent. */
    static List<Path> files(final String suffix) throws IOException {
        final Path d = dir();
        Assumptions.assumeTrue(d != null, "no shared/rulesets corpus beside the project: skipped");
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
