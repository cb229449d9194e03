package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's clock is a long of nanoseconds: it ends after 292 years. A valid file could pass
 * it: {@code stop: 106751d}, a session {@code at 106750d} and a {@code reply-timeout} of 5000 days
 * made the run schedule the timeout at a negative time and fail ("cannot schedule at
 * t=-8791544073689536256ns: it is in the past"), after the load said the file was fine. A duration
 * is at most 36500 days, reported at its key; at that bound every timer still fits on the clock. A
 * Poisson arrival whose gap passes the clock's end never comes (its sum used to wrap negative).
 */
class AStopOrTimerPastTheClocksEndIsRefusedAtItsKeyTest {
    private static final String TOO_LONG = "longer than 36500d (100 years), the most a scenario may name (the"
            + " simulator's clock ends at 292 years)";

    @Test
    void aDurationPastACenturyIsRefusedAtItsKey(@TempDir final Path dir) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + """
                stop: 106751d
                record: { timeseries: 0 }
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                    - { host: client, mode: passive, arrivals: at 106750d, reply-timeout: 5000d }
                """);
        final Path out = dir.resolve("out");
        final List<String> expected = List.of(
                f + ":9:7: stop: bad duration '106751d': " + TOO_LONG,
                f + ":14:48: ftp.clients[0].arrivals: bad arrivals 'at 106750d': bad duration '106750d': " + TOO_LONG);
        for (final String[] r : new String[][] {Cli.execute("validate", f.toString()),
                Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress")}) {
            assertEquals("2", r[0], r[2]);
            assertEquals(expected, r[2].lines().toList());
        }
        assertFalse(Files.exists(out), "wrote " + out);
    }

    @Test
    void everyTimerOfARunAtTheBoundFitsOnTheClock(@TempDir final Path dir) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + """
                stop: 36500d
                record: { timeseries: 0 }
                ftp:
                  server: { host: server, files: { /f: 1KB }, idle-timeout: 36500d, data-timeout: 36500d }
                  clients:
                    - { host: client, server: 203.0.113.10, mode: passive, arrivals: at 36499d, reply-timeout: 36500d,
                        tcp-keepalive: 36500d, max-time: 36500d, connect-timeout: 36500d }
                """);
        final Path out = dir.resolve("out");
        final String[] r = Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress", "--no-explain");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.readString(out.resolve("sessions.csv")).contains("\nclient#0,client,0,PASV,ok,"),
                Files.readString(out.resolve("sessions.csv")));
    }

    @Test
    void aPoissonGapPastTheClocksEndNeverComes(@TempDir final Path dir) throws Exception {
        // One arrival per 317 years on average: with seed 1 some populations' first session comes
        // within the century and the gap after it passes the clock's end.
        final StringBuilder text = new StringBuilder(Fixture.NET + """
                stop: 36500d
                record: { timeseries: 0 }
                ftp:
                  server: { host: server, files: { /f: 1KB } }
                  clients:
                """);
        for (int i = 0; i < 30; i++) {
            text.append("    - { name: p").append(i).append(", host: client, server: 203.0.113.10, mode: passive,"
                    + " sessions: 2, arrivals: poisson 0.00000036/h }\n");
        }
        final Path f = Files.writeString(dir.resolve("s.yaml"), text);
        final Path out = dir.resolve("out");
        final String[] r = Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress", "--no-explain");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.readString(out.resolve("sessions.csv")).lines().anyMatch(l -> l.contains(",ok,")),
                "no session arrived within the century: the test no longer reaches a second gap");
    }
}
