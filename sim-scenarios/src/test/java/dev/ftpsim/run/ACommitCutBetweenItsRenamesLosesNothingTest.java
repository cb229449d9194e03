package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit moves the old folder aside, then the new one into place: a kill between the two
 * renames leaves no folder under the output's name, the previous results under
 * {@code .<name>.old-<pid>}. The next run into the folder puts them back before anything else,
 * so a run that then fails too leaves the previous results where they were.
 */
class ACommitCutBetweenItsRenamesLosesNothingTest {
    @TempDir
    Path tmp;

    private static List<String> names(final Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void thePreviousResultsMovedAsideComeBack() throws Exception {
        final Path out = tmp.resolve("out");
        // What the kill left: the old results aside, the killed run's complete staging folder.
        Files.writeString(Files.createDirectories(tmp.resolve(".out.old-4242")).resolve("summary.json"), "old\n");
        Files.writeString(Files.createDirectories(tmp.resolve(".out.tmp-4242")).resolve("summary.json"), "new\n");
        try (OutputFolder f = OutputFolder.open(out)) {
            Files.writeString(f.staging().resolve("summary.json"), "newer\n");
            // ... and this run stops before its commit.
        }
        assertEquals("old\n", Files.readString(out.resolve("summary.json")));
        assertEquals(List.of(".out.lock", "out"), names(tmp));
    }
}
