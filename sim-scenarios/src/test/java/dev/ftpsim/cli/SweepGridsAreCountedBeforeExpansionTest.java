package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.scenario.Fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep grid above 10,000 points is refused by validate and sweep at the {@code sweep} key,
 * before a point is built (10 keys x 10 values would be 10^10 points), and so is one whose points
 * would copy a large file more than the values limit allows; a grid of exactly 10,000 points is
 * valid.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SweepGridsAreCountedBeforeExpansionTest {
    private static final List<String> KEYS = List.of("seed", "stop", "links[0].delay", "links[0].bandwidth",
            "links[0].loss", "links[0].mtu", "links[1].delay", "links[1].bandwidth", "links[1].loss", "links[1].mtu");

    /** A valid network (lines 1-8) and a sweep of {@code keys} keys with 10 values each. */
    static String grid(final int keys) {
        final StringBuilder sb = new StringBuilder(Fixture.NET + "sweep:\n  vary:\n");
        for (int k = 0; k < keys; k++) {
            final String key = KEYS.get(k);
            final String unit = key.endsWith("delay") || key.equals("stop") ? "ms" : key.endsWith("bandwidth") ? "Mbps"
                    : "";
            sb.append("    \"").append(key).append("\": [");
            for (int v = 1; v <= 10; v++) {
                final String value = key.endsWith("loss") ? "0.0" + v % 10 : key.endsWith("mtu") ? String.valueOf(1000
                        + v) : v + unit;
                sb.append(v == 1 ? "" : ", ").append(value);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void tenKeysOfTenValuesAreRefusedAtTheSweepKey(@TempDir final Path tmp) throws Exception {
        final Path f = Files.writeString(tmp.resolve("grid.yaml"), grid(10));
        final String expected = f + ":9:1: sweep: the grid has 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 x 10 = more"
                + " than 10000 points: at most 10000 (vary fewer keys or fewer values, or split the sweep into several"
                + " files)\n";
        final String[] v = Cli.execute("validate", f.toString());
        assertEquals(List.of("2", "", expected), List.of(v));
        final Path out = tmp.resolve("out");
        final String[] s = Cli.execute("sweep", f.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(List.of("2", "", expected), List.of(s));
        assertFalse(Files.exists(out));
    }

    @Test
    void aGridWhoseCopiesOfTheFileWouldHoldTooManyValuesIsRefused(@TempDir final Path tmp) throws Exception {
        final StringBuilder files = new StringBuilder("ftp:\n  server:\n    host: server\n    files:\n");
        for (int i = 0; i < 10_000; i++) {
            files.append("      /pub/f").append(i).append(": 1KB\n");
        }
        final Path f = Files.writeString(tmp.resolve("grid.yaml"), grid(3) + files);
        final String[] v = Cli.execute("validate", f.toString());
        assertEquals(List.of("2", "", f + ":9:1: sweep: the grid has 10 x 10 x 10 = 1000 points, each a copy of the"
                + " file's 10059 values: more than 10000000 values in all (vary fewer values, or split the sweep into"
                + " several files)\n"), List.of(v));
    }

    @Test
    void aGridOfExactlyTheLimitIsValid(@TempDir final Path tmp) throws Exception {
        final Path f = Files.writeString(tmp.resolve("grid.yaml"), grid(4));
        assertEquals(List.of("0", f + ": valid (2 hosts, 1 routers, 2 links, 0 firewalls, 0 client populations,"
                + " sweep of 10000 points)\n", ""), List.of(Cli.execute("validate", f.toString())));
    }
}
