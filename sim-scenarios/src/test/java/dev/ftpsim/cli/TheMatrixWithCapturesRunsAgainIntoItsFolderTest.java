package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim run --pcap} (the default matrix) writes a folder of captures per cell into its
 * results folder; the next run into that folder (the default {@code runs/sources-matrix}) refused
 * it with exit 2, "it holds 03-packet-filter-passive-passive, which ftpsim did not write", so the
 * matrix with captures could be run only once per folder.
 */
class TheMatrixWithCapturesRunsAgainIntoItsFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondMatrixRunReplacesTheFirstsCaptureFolders() throws Exception {
        final Path out = tmp.resolve("matrix");
        final Cli first = Cli.run("run", "--pcap", "--out", out.toString(), "--threads", "2");
        assertEquals(Main.EXIT_OK, first.exit(), first.err());
        final Path cell = out.resolve("01-no-firewall-active");
        assertTrue(Files.isDirectory(cell), "a folder of captures per cell");
        final Cli again = Cli.run("run", "--pcap", "--out", out.toString(), "--threads", "2");
        assertEquals(Main.EXIT_OK, again.exit(), again.err());
        assertTrue(Files.exists(cell.resolve("fw-lan.pcapng")), "the cell's captures, written again");
        final Cli without = Cli.run("run", "--out", out.toString(), "--threads", "2");
        assertEquals(Main.EXIT_OK, without.exit(), without.err());
        assertFalse(Files.exists(cell), "replaced as a whole: no captures of the run before");
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void aNumberedFolderHoldingOtherFilesIsStillNeverReplaced() throws Exception {
        final Path out = tmp.resolve("matrix");
        Files.createDirectories(out.resolve("01-notes"));
        Files.writeString(out.resolve("01-notes").resolve("mine.txt"), "keep me");
        final Cli r = Cli.run("run", "--out", out.toString(), "--threads", "2");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("it holds 01-notes, which ftpsim did not write"), r.err());
        assertEquals("keep me", Files.readString(out.resolve("01-notes").resolve("mine.txt")));
    }
}
