package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run records the ladder of its first failing session while it simulates, for its report. A bug
 * in that recording threw out of the simulation: the run ended with exit 3 (2 for an
 * IllegalArgumentException) and wrote nothing. The ladder only pictures the run: now the recording
 * stops, the run's results are the same bytes as ever, and the report says why it has no ladder.
 */
class ALadderRecordingThatFailsLosesNoRunTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noMoreFailures() {
        LadderRecorder.failForTest = false;
    }

    private static final String EXAMPLE = "../examples/passive-stateful-server-fw.yaml"; // every session fails

    @Test
    void theRunIsWrittenAndItsReportSaysWhyItHasNoLadder() throws Exception {
        final Path good = tmp.resolve("good");
        final String[] base = Cli.execute("run", EXAMPLE, "--out", good.toString(), "--no-progress", "--no-explain");
        assertEquals("0", base[0], base[2]);
        LadderRecorder.failForTest = true;
        final Path out = tmp.resolve("out");
        final String[] r = Cli.execute("run", EXAMPLE, "--out", out.toString(), "--no-progress", "--no-explain");
        assertEquals("0", r[0], "the run succeeded: " + r[2]);
        for (final String f : List.of("summary.json", "sessions.csv", "timeseries.csv", "forgotten.csv")) {
            assertArrayEquals(Files.readAllBytes(good.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
        }
        final String why = "the ladder of the first failing session could not be drawn (internal error, please report"
                + " it: java.lang.IllegalStateException: recording the ladder failed: java.lang.IllegalStateException:"
                + " a failure injected into the ladder's recording)";
        assertEquals(List.of("ftpsim: warning: " + why + "; the run's results are written whole to " + out),
                r[2].lines().toList());
        assertTrue(Files.readString(out.resolve("report.html")).replace("&#39;", "'").contains("The l" + why.substring(5)
                + "; draw it with ftpsim ladder FILE."), "the report says why");
    }

    @Test
    void theLadderCommandSaysItIsABug() throws Exception {
        LadderRecorder.failForTest = true;
        final String[] r = Cli.execute("ladder", EXAMPLE, "--out", tmp.resolve("l").toString());
        assertEquals("3", r[0], r[2]);
        assertEquals(List.of("ftpsim: the ladder of session 0 could not be drawn (internal error, please report it:"
                + " java.lang.IllegalStateException: recording the ladder failed: java.lang.IllegalStateException: a"
                + " failure injected into the ladder's recording); nothing written"), r[2].lines().toList());
    }
}
