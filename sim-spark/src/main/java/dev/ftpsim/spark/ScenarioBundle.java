package dev.ftpsim.spark;

import dev.ftpsim.api.ScenarioSweep;
import dev.ftpsim.core.rules.SourceFiles;
import dev.ftpsim.run.ScenarioInputs;
import dev.ftpsim.scenario.Scenario;
import dev.ftpsim.scenario.ScenarioException;
import dev.ftpsim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A scenario file and every file it loads (its and its points' rulesets, and the files those include), read on the driver and
 * shipped to the workers as task data: workers need no shared file system. Paths are kept relative
 * to the deepest folder holding them all, so {@code ../rulesets/x.nft} resolves on a worker as on
 * the driver.
 *
 * @param fileName the scenario file as named on the driver: names it in errors and picks YAML or JSON
 * @param scenario the scenario file's path inside {@code files}
 * @param files    path (relative, '/'-separated) to contents, the scenario file included
 */
record ScenarioBundle(String fileName, String scenario, Map<String, byte[]> files) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads {@code file} (already loaded as {@code s}) and the files it loads. */
    static ScenarioBundle read(final Path file, final Scenario s) throws IOException {
        return read(file, s, null);
    }

    /**
     * {@code file} (already loaded as {@code s}, {@code read} recording the bytes the loader
     * parsed) and the files it loads: those bytes, so the executors simulate what the journal's
     * digest is of. Null {@code read}: the files are read again.
     */
    static ScenarioBundle read(final Path file, final Scenario s, final SourceFiles read) throws IOException {
        final Path dir = file.toAbsolutePath().normalize().getParent();
        final Map<Path, byte[]> abs = new LinkedHashMap<>();
        abs.put(file.toAbsolutePath().normalize(), bytes(read, file));
        final java.util.Set<String> names = read == null ? ScenarioInputs.loadedFiles(file, ScenarioSweep.withPoints(s))
                : ScenarioInputs.loadedFiles(ScenarioSweep.withPoints(s));
        for (final String name : names) {
            final Path p = dir.resolve(name).normalize();
            abs.put(p, bytes(read, p));
        }
        if (read != null) {
            for (final Path p : read.included()) {
                abs.put(p, read.get(p));
            }
        }
        Path root = dir;
        for (final Path p : abs.keySet()) {
            while (!p.startsWith(root)) {
                root = root.getParent();
            }
        }
        final Map<String, byte[]> files = new LinkedHashMap<>();
        for (final Map.Entry<Path, byte[]> e : abs.entrySet()) {
            files.put(slashes(root.relativize(e.getKey())), e.getValue());
        }
        return new ScenarioBundle(file.toString(), slashes(root.relativize(file.toAbsolutePath().normalize())), files);
    }

    /** Parses the scenario from a private copy of the files, as the driver parsed the originals. */
    Scenario load() throws ScenarioException {
        try {
            final Path tmp = Files.createTempDirectory("ftpsim-bundle-");
            try {
                for (final Map.Entry<String, byte[]> e : files.entrySet()) {
                    final Path p = tmp.resolve(e.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, e.getValue());
                }
                final Path file = tmp.resolve(scenario);
                // The rulesets are read while parsing: the copy is not needed afterwards.
                return ScenarioLoader.parse(new String(files.get(scenario), StandardCharsets.UTF_8), fileName,
                        file.getParent());
            } finally {
                try (Stream<Path> all = Files.walk(tmp)) {
                    for (final Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot copy the scenario's files on this worker", e);
        }
    }

    private static byte[] bytes(final SourceFiles read, final Path p) throws IOException {
        final byte[] b = read == null ? null : read.get(p);
        return b != null ? b : Files.readAllBytes(p);
    }

    private static String slashes(final Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
