package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's output folder holds one run's files: the previous run's are replaced as a whole, never mixed. */
class ARunReplacesItsOutputFolderWholeTest {
    private static final String FILE = "../examples/passive-stateful-server-fw-helper.yaml";

    @TempDir
    Path tmp;

    private static List<String> names(final Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFilesOfThePreviousRunAreGoneNotMixedIn() throws Exception {
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--pcap", "--seed", "1", "--out", out.toString()).exit());
        assertTrue(Files.exists(out.resolve("fw-lan.pcapng")));
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--seed", "2", "--out", out.toString()).exit());
        assertEquals(List.of("forgotten.csv", "report.html", "sessions.csv", "summary.json", "timeseries.csv",
                "timeseries.svg"),
                names(out), "no pcap of the seed 1 run beside seed 2's results");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"seed\" : 2"));
        // Nothing is left beside the folder but the lock.
        assertEquals(List.of(".out.lock", "out"), names(tmp));
    }

    @Test
    void throughASymbolicLinkTheLinkedFolderGetsTheResultsAndTheLinkStays() throws Exception {
        final Path real = tmp.resolve("real");
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--seed", "1", "--out", real.toString()).exit());
        final Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("real"));
        final Cli r = Cli.run("run", FILE, "--no-progress", "--seed", "2", "--out", link.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real.resolve("summary.json")).contains("\"seed\" : 2"));
        assertEquals(List.of(".real.lock", "link", "real"), names(tmp));
    }

    @Test
    void aSymbolicLinkToAFileIsRefused() throws Exception {
        final Path file = Files.writeString(tmp.resolve("file.txt"), "kept\n");
        final Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("file.txt"));
        final Cli r = Cli.run("run", FILE, "--no-progress", "--out", link.toString());
        assertEquals(2, r.exit(), r.out());
        assertEquals("ftpsim: cannot write " + link + ": it is a symbolic link to file.txt, which is not a folder",
                r.err().strip());
        assertEquals("kept\n", Files.readString(file));
    }

    @Test
    void aLadderBesideTheResultsIsKept() throws Exception {
        final Path out = tmp.resolve("out");
        assertEquals(0, Cli.run("ladder", FILE, "--out", out.toString()).exit());
        final String ladder = Files.readString(out.resolve("ladder.svg"));
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--out", out.toString()).exit());
        assertEquals(ladder, Files.readString(out.resolve("ladder.svg")));
    }

    /** A loop of symbolic links on the way was called a file. */
    @Test
    void aLoopOfLinksOnTheWayIsCalledALink() throws Exception {
        final Path a = Files.createSymbolicLink(tmp.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(tmp.resolve("b"), Path.of("a"));
        final Cli r = Cli.run("run", FILE, "--no-progress", "--out", a.resolve("out").toString());
        assertEquals(2, r.exit(), r.out());
        assertEquals("ftpsim: cannot write " + a.resolve("out") + ": " + a + " is a symbolic link that leads to no"
                + " folder", r.err().strip());
    }

    /**
     * The ladder was kept whatever it pictured: {@code ftpsim ladder} of another scenario into the
     * folder, then a run of this one, left the other's ladder.svg beside this one's summary.json.
     */
    @Test
    void aLadderOfAnotherScenarioGoesWithTheOldResults() throws Exception {
        final Path out = tmp.resolve("out");
        final Path other = Files.writeString(tmp.resolve("other.yaml"), Files.readString(Path.of(FILE))
                .replace("name: passive-stateful-server-fw-helper", "name: another-scenario"));
        assertTrue(Files.readString(other).contains("name: another-scenario"));
        assertEquals(0, Cli.run("ladder", other.toString(), "--out", out.toString()).exit());
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--out", out.toString()).exit());
        assertEquals(List.of("forgotten.csv", "report.html", "sessions.csv", "summary.json", "timeseries.csv",
                "timeseries.svg"), names(out), "another scenario's ladder beside this one's results");
    }

    @Test
    @SuppressWarnings("try") // the lock is held by being open
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        final Path out = tmp.resolve("out");
        try (FileChannel ch = FileChannel.open(tmp.resolve(".out.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = ch.lock()) {
            final Cli r = Cli.run("run", FILE, "--no-progress", "--out", out.toString());
            assertEquals(2, r.exit(), r.err());
            assertEquals("ftpsim: output folder " + out + " is in use by another running ftpsim (it holds "
                    + tmp.resolve(".out.lock") + ")", r.err().strip());
            assertFalse(Files.exists(out));
            final Cli ladder = Cli.run("ladder", FILE, "--out", out.toString());
            assertEquals(2, ladder.exit(), ladder.err());
        }
        assertEquals(0, Cli.run("run", FILE, "--no-progress", "--out", out.toString()).exit());
    }
}
