package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep rewrites runs.csv and results.csv from its journal as points finish. They were
 * replaced one after the other: when the second failed to write (a full disk), runs.csv already
 * held points that results.csv did not, a pair a reader would take for one table and its
 * summary. Both are written beside their targets first and renamed only when both are written:
 * a failure leaves both as they were. (The failure here: results.csv's temporary file cannot be
 * made, its name taken by a folder.)
 */
class ASweepsTwoTablesAreWrittenTogetherTest {
    @TempDir
    Path tmp;

    @Test
    void aTableThatCannotBeWrittenLeavesTheOtherAsItWas() throws Exception {
        final Path scenario = Cli.example(tmp, "sweep-mode-x-loss", "replications: 5", "replications: 1",
                "sessions: 20", "sessions: 1", "10MB", "100KB", "[0, 0.001, 0.01]", "[0]");
        final Path out = tmp.resolve("out");
        final String[] sweep = {"sweep", scenario.toString(), "--no-progress", "--threads", "1", "--out", out.toString()};
        assertEquals(0, Cli.run(sweep).exit());
        // as a sweep killed after journalling its points and before refreshing the tables leaves them
        Files.writeString(out.resolve("runs.csv"), "older\n");
        Files.writeString(out.resolve("results.csv"), "older\n");
        Files.createDirectories(out.resolve(".results.csv.tmp").resolve("in-the-way"));
        final Cli r = Cli.run(sweep);
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("results.csv"), r.err());
        assertEquals("older\n", Files.readString(out.resolve("results.csv")));
        assertEquals("older\n", Files.readString(out.resolve("runs.csv")), "runs.csv rewritten without results.csv");
        assertTrue(Files.notExists(out.resolve(".runs.csv.tmp")), "left runs.csv's temporary file");
    }
}
