package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug while drawing one of a run's pictures or pages (the report's ladder, the plots, the explain
 * section, report.html) threw out of {@code ftpsim run}: exit 3, or exit 2 as if the scenario were
 * bad when the bug threw an IllegalArgumentException (the ladder's "two ladder nodes are named"),
 * and the output folder was never put in place, though the simulation had finished and its
 * results were sound. Now the drawing is left out, the report says why in its place, stderr says
 * it on one line, and the results are written whole with the run's own exit code.
 */
class ADrawingThatFailsLosesNoResultsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noMoreFailures() {
        Drawings.failForTest = null;
        Drawings.failToWriteForTest = null;
        Drawings.failWithForTest = null;
    }

    private static final String EXAMPLE = "../examples/passive-stateful-server-fw.yaml"; // every session fails

    @Test
    void eachDrawingThatFailsIsLeftOutAndTheResultsAreWritten() throws Exception {
        final Path good = tmp.resolve("good");
        final Cli base = Cli.run("run", EXAMPLE, "--out", good.toString(), "--no-progress", "--png");
        assertEquals(Main.EXIT_OK, base.exit(), base.err());
        for (final String what : List.of(ScenarioRun.LADDER, ScenarioRun.PLOT, ScenarioRun.BITMAP, ScenarioRun.EXPLAIN,
                ScenarioRun.REPORT)) {
            Drawings.failForTest = what;
            final Path out = tmp.resolve("out-" + what.replaceAll("[^a-z]", ""));
            final Cli r = Cli.run("run", EXAMPLE, "--out", out.toString(), "--no-progress", "--png");
            assertEquals(Main.EXIT_OK, r.exit(), what + ": the run succeeded; " + r.err());
            for (final String core : List.of("summary.json", "sessions.csv", "timeseries.csv", "forgotten.csv")) {
                assertArrayEquals(Files.readAllBytes(good.resolve(core)), Files.readAllBytes(out.resolve(core)),
                        what + ": " + core + " whole, as a run without the failure writes it");
            }
            assertEquals(List.of("ftpsim: warning: " + what + " could not be drawn (internal error, please report it:"
                    + " java.lang.IllegalArgumentException: a failure injected into " + what + "); the run's results are"
                    + " written whole to " + out), r.err().lines().toList(), "one line on stderr, no stack trace");
            assertTrue(r.out().contains("Results in " + out), r.out());
            try (var left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")
                        && !p.getFileName().toString().endsWith(".lock")).toList(), "no staging folder left behind");
            }
            if (what.equals(ScenarioRun.REPORT)) {
                assertFalse(Files.exists(out.resolve("report.html")), "no report rather than a cut one");
                continue;
            }
            final String report = Files.readString(out.resolve("report.html"));
            assertTrue(report.strip().endsWith("</html>"), "the report is whole");
            if (what.equals(ScenarioRun.BITMAP)) {
                assertFalse(Files.exists(out.resolve("timeseries.png")), "no bitmap");
                assertTrue(Files.exists(out.resolve("timeseries.svg")), "the SVG plot is drawn");
                continue;
            }
            final String capital = Character.toUpperCase(what.charAt(0)) + what.substring(1);
            assertTrue(report.contains(capital + " could not be drawn (internal error, please report it:"),
                    what + ": the report says why it is missing");
            switch (what) {
                case ScenarioRun.PLOT -> assertFalse(Files.exists(out.resolve("timeseries.svg")), "no plot");
                case ScenarioRun.EXPLAIN -> {
                    assertFalse(Files.exists(out.resolve("explain.md")), "no explain.md");
                    assertFalse(Files.exists(out.resolve("explain.json")), "no explain.json");
                    assertFalse(r.out().contains("# Why sessions"), "no explain section on the console");
                }
                default -> assertFalse(report.contains("ladder-svg"), "no ladder drawn");
            }
        }
    }

    @Test
    void aDrawingBugIsNeverTakenForBadInputInARunOfSeveralFiles() throws Exception {
        Drawings.failForTest = ScenarioRun.LADDER;
        final Path out = tmp.resolve("several");
        final Cli r = Cli.run("run", EXAMPLE, "../examples/passive-client-fw.yaml", "--out", out.toString(),
                "--no-progress", "--threads", "1");
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("passive-stateful-server-fw").resolve("sessions.csv")), r.out());
        assertTrue(r.err().contains("ftpsim: warning: " + ScenarioRun.LADDER + " could not be drawn"), r.err());
    }

    @Test
    void aLadderThatCannotBeDrawnIsAnInternalErrorNotBadInput() throws Exception {
        Drawings.failForTest = LadderCommand.LADDER;
        final Path out = tmp.resolve("ladder");
        final Cli r = Cli.run("ladder", EXAMPLE, "--out", out.toString());
        assertEquals(Main.EXIT_INTERNAL, r.exit(), "a bug in ftpsim, not the scenario's fault: " + r.err());
        assertEquals(List.of("ftpsim: the ladder of session 0 could not be drawn (internal error, please report it:"
                + " java.lang.IllegalArgumentException: a failure injected into the ladder of session 0); nothing"
                + " written"), r.err().lines().toList());
        assertFalse(Files.exists(out.resolve("ladder.svg")));
    }

    @Test
    void aSweepsPageThatCannotBeDrawnIsLeftOutNotLeftStale() throws Exception {
        final Path file = Files.writeString(tmp.resolve("tiny-sweep.yaml"),
                dev.ftpsim.sweep.ASweepPlotThatFailsLosesNoResultsTest.SWEEP);
        final Path out = tmp.resolve("sweep");
        final Cli first = Cli.run("sweep", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, first.exit(), first.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        Drawings.failForTest = SweepCommand.PAGE;
        final Cli r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertEquals(List.of("ftpsim: warning: the sweep's report (report.html) could not be drawn (internal error,"
                + " please report it: java.lang.IllegalArgumentException: a failure injected into the sweep's report"
                + " (report.html)); the sweep's results are written whole to " + out), r.err().lines().toList());
        assertFalse(Files.exists(out.resolve("report.html")), "no page of the sweep's earlier run");
        assertTrue(r.out().contains("Results: " + out.resolve("results.csv")), r.out());
    }

    @Test
    void anExplanationThatCannotBeMadeIsAnInternalErrorNotBadInput() {
        Drawings.failForTest = ExplainCommand.WHAT;
        final Cli r = Cli.run("explain", EXAMPLE);
        assertEquals(Main.EXIT_INTERNAL, r.exit(), "a bug in ftpsim, not the scenario's fault: " + r.err());
        assertEquals(List.of("ftpsim: the explanation could not be drawn (internal error, please report it:"
                + " java.lang.IllegalArgumentException: a failure injected into the explanation)"),
                r.err().lines().toList());
        assertEquals("", r.out());
    }

    /**
     * A report that cannot be written (a full disk: on a 48 KiB tmpfs the real run printed its
     * verdict, "Results in small/o", then "ftpsim: cannot write .../.o.tmp-25095/report.html: No space
     * left on device") leaves the previous folder as it was, and says so: the verdict printed above
     * said the results were in a folder that was never written.
     */
    @Test
    void aReportThatCannotBeWrittenSaysTheVerdictAboveIsNotSaved() throws Exception {
        final Path out = tmp.resolve("full");
        final Cli before = Cli.run("run", "../examples/passive-client-fw.yaml", "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, before.exit(), before.err());
        final byte[] old = Files.readAllBytes(out.resolve("summary.json"));
        Drawings.failToWriteForTest = ScenarioRun.REPORT;
        final Cli r = Cli.run("run", EXAMPLE, "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), "an unusable path: " + r.err());
        assertTrue(r.out().contains("Results in " + out), "the verdict was printed: " + r.out());
        assertEquals(List.of("ftpsim: cannot write " + ScenarioRun.REPORT + ": No space left on device; the results"
                + " printed above are not saved: " + out + " is left as it was"), r.err().lines().toList());
        assertArrayEquals(old, Files.readAllBytes(out.resolve("summary.json")), "the previous run's results");
    }

    /**
     * Java2D in a container without fonts throws an Error, not an exception ("Probable fatal
     * error:No fonts found." from sun.font.SunFontManager.getDefaultPhysicalFont, as in zulu-openjdk issue 62): that
     * bitmap is left out too.
     */
    @Test
    void aBitmapJava2DCannotDrawIsLeftOut() throws Exception {
        Drawings.failForTest = ScenarioRun.BITMAP;
        Drawings.failWithForTest = new Error("Probable fatal error:No fonts found.");
        final Path out = tmp.resolve("nofonts");
        final Cli r = Cli.run("run", "../examples/passive-client-fw.yaml", "--out", out.toString(), "--no-progress", "--png");
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertEquals(List.of("ftpsim: warning: " + ScenarioRun.BITMAP + " could not be drawn (internal error, please"
                + " report it: java.lang.Error: Probable fatal error:No fonts found.); the run's results are written"
                + " whole to " + out), r.err().lines().toList());
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("report.html")));
        assertFalse(Files.exists(out.resolve("timeseries.png")));
    }
}
