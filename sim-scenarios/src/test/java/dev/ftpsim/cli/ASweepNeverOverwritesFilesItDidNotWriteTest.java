package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.run.FolderLock;
import dev.ftpsim.run.OutputFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --out} into a folder that is not a sweep's: one holding someone's results.csv or
 * report.html, a path through a file, a folder a run is replacing ('/' is refused by the same
 * check as a run's, "not a folder for results": not tested here, where a regression would write
 * into it). Each is refused (exit 2, nothing written, nothing
 * deleted) rather than overwritten or lost under the run's commit.
 */
class ASweepNeverOverwritesFilesItDidNotWriteTest {
    @TempDir
    Path tmp;

    private Path scenario;

    @BeforeEach
    void aSmallSweep() throws Exception {
        scenario = Cli.example(tmp, "sweep-mode-x-loss", "replications: 5", "replications: 1",
                "sessions: 20", "sessions: 1", "10MB", "100KB", "[0, 0.001, 0.01]", "[0]");
    }

    private Cli sweep(final Path out, final String... extra) {
        final List<String> args = new java.util.ArrayList<>(List.of("sweep", scenario.toString(), "--no-progress",
                "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    private static List<String> names(final Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFolderWithSomeonesResultsIsRefusedAndKeptAsItWas() throws Exception {
        final Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("results.csv"), "my only copy\n");
        Files.writeString(mine.resolve("report.html"), "<p>mine</p>\n");
        for (final String[] extra : new String[][] {{}, {"--restart"}}) {
            final Cli r = sweep(mine, extra);
            assertEquals(2, r.exit(), r.out());
            assertEquals("ftpsim: cannot write " + mine + ": it holds report.html but no sweep journal (sweep.json), so"
                    + " it is not a sweep's folder and the sweep would overwrite that file; choose another --out, or"
                    + " remove it", r.err().strip());
            assertEquals(List.of("report.html", "results.csv"), names(mine).stream()
                    .filter(n -> !n.startsWith(".")).toList());
            assertEquals("my only copy\n", Files.readString(mine.resolve("results.csv")));
            assertEquals("<p>mine</p>\n", Files.readString(mine.resolve("report.html")));
        }
    }

    /**
     * The refused sweep made its lock file, {@code .sweep.lock}, inside the run's folder before it
     * looked: the next {@code ftpsim run} into that folder was refused, "it holds .sweep.lock,
     * which ftpsim did not write". A refused sweep leaves the folder byte for byte as it was.
     */
    @Test
    void aRunsFolderRefusedByASweepStaysARunsFolder() throws Exception {
        final Path out = tmp.resolve("run-out");
        final String[] run = {"run", scenario.toString(), "--no-progress", "--no-explain", "--out", out.toString()};
        assertEquals(0, Cli.run(run).exit());
        final List<String> before = names(out);
        final Cli r = sweep(out);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("it holds report.html but no sweep journal"), r.err());
        assertEquals(before, names(out));
        final Cli again = Cli.run(run);
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void aFolderWithOtherFilesTakesTheSweepBesideThem() throws Exception {
        final Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("notes.txt"), "kept\n");
        final Cli r = sweep(notes);
        assertEquals(0, r.exit(), r.err());
        assertEquals("kept\n", Files.readString(notes.resolve("notes.txt")));
        assertTrue(Files.exists(notes.resolve("results.csv")));
        assertTrue(sweep(notes).out().contains("0 run now, 3 resumed"));
    }

    @Test
    void aPathThroughAFileIsRefusedNamingTheFile() throws Exception {
        final Path file = Files.writeString(tmp.resolve("afile"), "kept\n");
        final Cli r = sweep(file.resolve("sub"));
        assertEquals(2, r.exit(), r.out());
        assertEquals("ftpsim: cannot write " + file.resolve("sub") + ": " + file + " is a file, not a folder",
                r.err().strip());
        assertEquals("kept\n", Files.readString(file));
    }

    @Test
    void aFolderARunIsReplacingIsRefused() throws Exception {
        final Path out = tmp.resolve("busy");
        // What a run holds from its check to its commit, which moves the folder aside and deletes it.
        try (FolderLock run = OutputFolder.lock(out)) {
            final Cli r = sweep(out);
            assertEquals(2, r.exit(), r.out());
            assertEquals("ftpsim: output folder " + out + " is in use by another running ftpsim (it holds "
                    + tmp.resolve(".busy.lock") + ")", r.err().strip());
        }
        assertFalse(Files.exists(out.resolve("sweep.json")));
        final Cli r = sweep(out);
        assertEquals(0, r.exit(), r.err());
    }
}
