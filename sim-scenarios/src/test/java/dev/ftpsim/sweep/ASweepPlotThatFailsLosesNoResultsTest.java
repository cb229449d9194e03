package dev.ftpsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug while drawing one of a sweep's plots ended {@code ftpsim sweep} with exit 3 (exit 2, as
 * bad input, when it threw an IllegalArgumentException), no table and no report.html, though
 * results.csv and runs.csv were written; an earlier run's plot of that metric stayed beside the
 * new results. Now that plot is left out (its old files deleted), stderr says so on one line, and
 * the sweep ends as it would have.
 */
public class ASweepPlotThatFailsLosesNoResultsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noMoreFailures() {
        SweepPlots.failForTest = null;
    }

    /** A sweep of two points, quick to run. */
    public static final String SWEEP = """
            name: tiny-sweep
            seed: 42
            stop: 60s
            hosts:
              client: { address: 198.51.100.10/24 }
              server: { address: 203.0.113.10/24 }
            routers:
              fw: { interfaces: { lan: 198.51.100.1/24, wan: 203.0.113.1/24 } }
            links:
              - { ends: [client, fw.lan], bandwidth: 100Mbps, delay: 5ms }
              - { ends: [fw.wan, server], bandwidth: 100Mbps, delay: 5ms }
            firewall:
              fw:
                forward:
                  policy: drop
                  rules:
                    - ct state established,related accept
                    - oif wan tcp dport 21 ct state new accept
            ftp:
              server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
              clients:
                - { host: client, mode: passive, sessions: 1, script: [login anonymous, get /pub/f.bin] }
            sweep:
              replications: 2
              vary:
                ftp.clients[0].mode: [active, passive]
            """;

    @Test
    void thePlotIsLeftOutAndTheSweepEndsAsItWould() throws Exception {
        final Path file = Files.writeString(tmp.resolve("tiny-sweep.yaml"), SWEEP);
        final Path out = tmp.resolve("out");
        final String[] first = Cli.execute("sweep", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("0", first[0], first[2]);
        final Path plot = out.resolve("plot-success_rate.svg");
        assertTrue(Files.exists(plot));
        final byte[] results = Files.readAllBytes(out.resolve("results.csv"));
        final byte[] runs = Files.readAllBytes(out.resolve("runs.csv"));

        SweepPlots.failForTest = "plot-success_rate";
        final String[] again = Cli.execute("sweep", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("0", again[0], "the sweep's results are sound: " + again[2]);
        assertEquals(List.of("ftpsim: warning: the plot plot-success_rate could not be drawn (internal error, please"
                + " report it: java.lang.IllegalArgumentException: a failure injected into plot-success_rate); the"
                + " sweep's results are written whole to " + out), again[2].lines().toList());
        assertTrue(again[1].contains("Results: " + out.resolve("results.csv")), again[1]);
        assertArrayEquals(results, Files.readAllBytes(out.resolve("results.csv")));
        assertArrayEquals(runs, Files.readAllBytes(out.resolve("runs.csv")));
        assertFalse(Files.exists(plot), "no plot of an earlier run beside these results");
        assertFalse(Files.exists(out.resolve("plot-success_rate.png")));
        assertTrue(Files.exists(out.resolve("plot-conntrack_peak.svg")), "the other plots are drawn");
        final String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.strip().endsWith("</html>") && !page.contains("plot-success_rate\""), "the page, without it");
    }
}
