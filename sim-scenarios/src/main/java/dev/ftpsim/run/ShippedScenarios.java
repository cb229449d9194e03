package dev.ftpsim.run;

import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * Scenario files ftpsim ships on its class path (the default matrix, the sources' channels), read
 * by the normal loader: from a folder when run from classes, from inside the jar otherwise.
 */
final class ShippedScenarios {
    private ShippedScenarios() {}

    /** The shipped file {@code resource} (like {@code /dev/ftpsim/matrix/rows.txt}) as a path. */
    static Path path(final String resource) {
        final URI uri;
        try {
            uri = ShippedScenarios.class.getResource(resource).toURI();
        } catch (final URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("ftpsim ships no " + resource, e);
        }
        if ("jar".equals(uri.getScheme())) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (final FileSystemAlreadyExistsException e) {
                // opened by an earlier call: Path.of finds it
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Path.of(uri);
    }

    /** The shipped scenario file at {@code file}; a shipped file that does not load is a bug. */
    static Scenario load(final Path file) {
        try {
            return ScenarioLoader.load(file);
        } catch (final ScenarioException e) {
            throw new IllegalStateException("a shipped scenario file is invalid: " + e.getMessage(), e);
        }
    }
}
