package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid files with extreme times run in a small heap: samples are taken one at a time and written
 * as they come, and the plot draws a bounded number of buckets, however long the run or short the
 * interval.
 */
class LongRunsStayInABoundedHeapTest {
    @TempDir
    Path tmp;

    private Path example(final String name, final String stop, final String timeseries) throws Exception {
        final String text = Files.readString(Path.of("..", "examples", "passive-stateful-server-fw-helper.yaml"))
                .replace("stop: 120s", "stop: " + stop) + "record: { timeseries: " + timeseries + " }\n";
        return Files.writeString(tmp.resolve(name + ".yaml"), text.replace("name: passive-stateful-server-fw-helper",
                "name: " + name));
    }

    private static long lines(final Path f) throws Exception {
        try (Stream<String> s = Files.lines(f)) {
            return s.count();
        }
    }

    @Test
    void tenThousandDaysAndOneNanosecondSamplesRunIn32MegabytesOfHeap() throws Exception {
        // 432,001 samples over 10000 days; 1,000,001 samples one nanosecond apart.
        final Path days = example("days", "10000d", "2000s");
        final Path nanos = example("nanos", "1ms", "1ns");
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder(java.toString(), "-Xmx32m", "-cp",
                System.getProperty("java.class.path"), LongRunsStayInABoundedHeapMain.class.getName(),
                days.toString(), tmp.resolve("days-out").toString(), nanos.toString(), tmp.resolve("nanos-out").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "finished");
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));
        assertEquals(1 + 432_001, lines(tmp.resolve("days-out/timeseries.csv")));
        assertEquals(1 + 1_000_001, lines(tmp.resolve("nanos-out/timeseries.csv")));
        assertTrue(Files.size(tmp.resolve("days-out/timeseries.png")) > 0);
        assertTrue(Files.readString(tmp.resolve("nanos-out/summary.json")).contains("\"succeeded\" : 0"),
                "1 ms is too short for the session to finish");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTenDayRunDrawsItsPlot() throws Exception {
        final Path tenDays = example("ten-days", "10d", "1s");
        final Path out = tmp.resolve("out");
        assertEquals(0, dev.ftpsim.cli.Main.commandLine().execute("run", tenDays.toString(), "--no-progress", "--out",
                out.toString()));
        assertEquals(1 + 864_001, lines(out.resolve("timeseries.csv")));
        final String svg = Files.readString(out.resolve("timeseries.svg"));
        assertTrue(svg.contains("<svg"));
        // Four series of at most 2,000 buckets (four points each): not 864,001 steps each.
        assertTrue(svg.length() < 4 * 4 * TimeseriesSampling.MAX_BUCKETS * 100, "svg of " + svg.length() + " characters");
    }
}
