package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's journal is keyed by ftpsim's code, not only its version number (a development build
 * keeps "0.1.0-SNAPSHOT" while its simulation changes): a changed class gives another digest, so
 * the sweep is refused; a rebuild of the same code (other file times) or a change in sim-spark's
 * classes gives the same, so it resumes.
 */
class TheCodeDigestFollowsTheCodeTest {
    @TempDir
    Path tmp;

    private Path jar(final String name, final long time, final Map<String, String> entries) throws Exception {
        final Path jar = tmp.resolve(name);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (final var e : new java.util.TreeMap<>(entries).entrySet()) {
                final JarEntry je = new JarEntry(e.getKey());
                je.setTime(time);
                out.putNextEntry(je);
                out.write(e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static final Map<String, String> CODE = Map.of("dev/ftpsim/core/A.class", "a", "dev/ftpsim/cli/B.class", "b",
            "dev/ftpsim/spark/S.class", "s", "org/yaml/Y.class", "y");

    @Test
    void aJarRebuiltWithTheSameCodeHasTheSameDigest() throws Exception {
        assertArrayEquals(ScenarioInputs.digest(List.of(jar("a.jar", 0L, CODE))),
                ScenarioInputs.digest(List.of(jar("b.jar", 1_800_000_000_000L, CODE))));
    }

    @Test
    void aChangedClassChangesTheDigest() throws Exception {
        final var changed = new java.util.HashMap<>(CODE);
        changed.put("dev/ftpsim/core/A.class", "A");
        assertFalse(Arrays.equals(ScenarioInputs.digest(List.of(jar("a.jar", 0L, CODE))),
                ScenarioInputs.digest(List.of(jar("b.jar", 0L, changed)))));
    }

    @Test
    void sparksClassesAndOtherLibrariesAreLeftOut() throws Exception {
        final var other = new java.util.HashMap<>(CODE);
        other.put("dev/ftpsim/spark/S.class", "t");
        other.put("dev/ftpsim/spark/T.class", "t");
        other.put("org/yaml/Y.class", "z");
        assertArrayEquals(ScenarioInputs.digest(List.of(jar("a.jar", 0L, CODE))),
                ScenarioInputs.digest(List.of(jar("b.jar", 0L, other))));
    }

    @Test
    void aClassFolderCountsItsBytesNotItsTimes() throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("classes/dev/ftpsim/core"));
        final Path a = Files.writeString(dir.resolve("A.class"), "a");
        final byte[] before = ScenarioInputs.digest(List.of(tmp.resolve("classes")));
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_800_000_000_000L));
        assertArrayEquals(before, ScenarioInputs.digest(List.of(tmp.resolve("classes"))));
        Files.writeString(a, "A");
        assertFalse(Arrays.equals(before, ScenarioInputs.digest(List.of(tmp.resolve("classes")))));
    }
}
