package dev.ftpsim.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.cli.Cli;
import dev.ftpsim.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line of a scenario, {@code stop: 106751d}, was valid and made run sample the time series
 * once a second for 292 years: hours of work and a timeseries.csv of hundreds of gigabytes (100
 * days already wrote 189 MB). The samples a run takes are bounded: validate, run and sweep refuse
 * such a file at the key to change, exit 2, nothing written; without a time series it is valid.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ATimeSeriesTooLongForItsFileIsRefusedTest {
    private static final String MESSAGE = ": stop and record.timeseries make %d samples, one line of timeseries.csv"
            + " each; at most 10000000: sample less often (record.timeseries) or not at all (0)\n";

    @Test
    void aStopOfCenturiesSampledEachSecondIsRefusedAtStop(@TempDir final Path dir) throws Exception {
        // a century, the longest stop (AStopOrTimerPastTheClocksEndIsRefusedAtItsKeyTest)
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + "stop: 36500d\n");
        final String expected = f + ":9:7: stop" + MESSAGE.formatted(3_153_600_001L);
        final Path out = dir.resolve("out");
        for (final String[] r : new String[][] {Cli.execute("validate", f.toString()),
                Cli.execute("run", f.toString(), "--out", out.toString(), "--no-progress"),
                Cli.execute("sweep", f.toString(), "--out", out.toString(), "--no-progress")}) {
            assertEquals("2", r[0], r[2]);
            assertEquals(expected, r[2]);
        }
        assertFalse(Files.exists(out), "wrote " + out);
    }

    @Test
    void aNanosecondIntervalIsRefusedAtRecordTimeseries(@TempDir final Path dir) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + "record:\n  timeseries: 1ns\n");
        final String[] r = Cli.execute("validate", f.toString());
        assertEquals("2", r[0], r[2]);
        assertEquals(f + ":10:15: record.timeseries" + MESSAGE.formatted(60_000_000_001L), r[2]);
    }

    @Test
    void withoutATimeSeriesTheLongRunIsValid(@TempDir final Path dir) throws Exception {
        final Path f = Files.writeString(dir.resolve("s.yaml"), Fixture.NET + "stop: 36500d\nrecord:\n  timeseries: 0\n");
        final String[] r = Cli.execute("validate", f.toString());
        assertEquals("0", r[0], r[2]);
    }
}
