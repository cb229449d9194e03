package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run into {@code out} clears what killed runs into {@code out} left ({@code .out.tmp-<pid>},
 * {@code .out.old-<pid>}), and only that: the staging folder of a live run into another folder
 * whose name starts the same ({@code out.tmp-1}, {@code out.old-7}) is that run's, under its own lock.
 */
class ALiveRunsStagingIsNeverALeftoverTest {
    @TempDir
    Path tmp;

    private static List<String> names(final Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aLiveRunIntoAFolderNamedLikeALeftoverKeepsItsStaging() throws Exception {
        for (final String other : List.of("out.tmp-1", "out.old-7")) {
            try (OutputFolder live = OutputFolder.open(tmp.resolve(other))) {
                Files.writeString(live.staging().resolve("summary.json"), other + "\n");
                try (OutputFolder f = OutputFolder.open(tmp.resolve("out"))) {
                    Files.writeString(f.staging().resolve("summary.json"), "out\n");
                    assertTrue(Files.isDirectory(live.staging()), other + ": " + names(tmp));
                    f.commit();
                }
                live.commit();
            }
            assertEquals(other + "\n", Files.readString(tmp.resolve(other).resolve("summary.json")));
            assertEquals("out\n", Files.readString(tmp.resolve("out").resolve("summary.json")));
            OutputFolder.deleteTree(tmp.resolve("out"));
        }
    }

    @Test
    void aKilledRunsLeftoversGo() throws Exception {
        Files.writeString(Files.createDirectories(tmp.resolve(".out.tmp-4242")).resolve("summary.json"), "cut\n");
        Files.createDirectories(tmp.resolve(".out.tmp-x"));
        try (OutputFolder f = OutputFolder.open(tmp.resolve("out"))) {
            Files.writeString(f.staging().resolve("summary.json"), "new\n");
            f.commit();
        }
        assertFalse(Files.exists(tmp.resolve(".out.tmp-4242")));
        // not a pid: not a run's name, so not ours to delete
        assertEquals(List.of(".out.lock", ".out.tmp-x", "out"), names(tmp));
    }
}
