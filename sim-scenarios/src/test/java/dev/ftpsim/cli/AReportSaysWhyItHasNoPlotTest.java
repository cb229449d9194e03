package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that ended before its second time-series sample has no plot; its report said "No time
 * series (record.timeseries is 0)" though the scenario samples every second, so a user looked for
 * a setting that was not there.
 */
class AReportSaysWhyItHasNoPlotTest {
    @TempDir
    Path tmp;

    @Test
    void aRunShorterThanOneSampleIsSaidToBeSo() throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw", "stop: 300s", "stop: 500ms");
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--out", out.toString(), "--no-progress", "--no-explain");
        assertEquals(Main.EXIT_OK, r.exit(), r.err());
        assertFalse(Files.exists(out.resolve("timeseries.svg")));
        final String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("No plot: the run ended before its second sample (record.timeseries is one every 1s)."),
                report);
    }
}
