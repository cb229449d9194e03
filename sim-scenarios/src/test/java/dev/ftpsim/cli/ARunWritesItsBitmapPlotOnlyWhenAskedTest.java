package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftpsim run} always writes the time-series plot as {@code timeseries.svg}, which
 * {@code report.html} shows, and its bitmap {@code timeseries.png} only with {@code --png} (the
 * bitmap is most of a small run's time after its verdict); the other files are the same either
 * way, for one file and for several.
 */
class ARunWritesItsBitmapPlotOnlyWhenAskedTest {
    private static final List<String> SAME = List.of("summary.json", "sessions.csv", "timeseries.csv", "timeseries.svg",
            "forgotten.csv");

    @Test
    void theSvgAlwaysThePngWithTheFlag(@TempDir final Path tmp) throws Exception {
        final String file = "../examples/passive-client-fw.yaml";
        final Path plain = tmp.resolve("plain");
        final Path png = tmp.resolve("png");
        assertEquals(0, Cli.run("run", file, "--no-progress", "--out", plain.toString()).exit());
        assertEquals(0, Cli.run("run", file, "--no-progress", "--png", "--out", png.toString()).exit());
        assertFalse(Files.exists(plain.resolve("timeseries.png")), "no bitmap unless asked");
        assertTrue(Files.readString(plain.resolve("report.html")).contains("plot-timeseries"), "the report shows the plot");
        final byte[] bitmap = Files.readAllBytes(png.resolve("timeseries.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bitmap, 4));
        for (final String f : SAME) {
            assertArrayEquals(Files.readAllBytes(plain.resolve(f)), Files.readAllBytes(png.resolve(f)), f);
        }
    }

    @Test
    void severalFilesTakeTheFlagToo(@TempDir final Path tmp) throws Exception {
        final Cli r = Cli.run("run", "../examples/passive-client-fw.yaml", "../examples/active-client-fw.yaml",
                "--no-progress", "--png", "--threads", "2", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        for (final String name : List.of("passive-client-fw", "active-client-fw")) {
            assertTrue(Files.size(tmp.resolve(name).resolve("timeseries.png")) > 0, name);
            assertTrue(Files.exists(tmp.resolve(name).resolve("timeseries.svg")), name);
        }
    }
}
