package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep over client profiles through a stateful firewall without the FTP helper: results.csv
 * has each population's success rate and a count per failure reason, 0 where a point had none, so
 * the sweep tells curl's failure (the kernel's SYN retries) from FileZilla's (its own 20 s timer).
 */
class ASweepOverProfilesShowsWhyEachFailsTest {
    @TempDir
    Path tmp;

    @Test
    void resultsHoldSuccessRatePerPopulationAndFailuresPerReason() throws Exception {
        final Path file = Cli.example(tmp, "passive-stateful-server-fw", "      script: [login anonymous, get /pub/file.bin]",
                "      script: [login anonymous, get /pub/file.bin]\nsweep:\n  replications: 2\n  vary:\n"
                        + "    ftp.clients[0].profile: [curl, filezilla]");
        final Path out = tmp.resolve("sweep");
        final Cli r = Cli.run("sweep", file.toString(), "--no-progress", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        final List<String> header = List.of(lines.get(0).split(","));
        final Map<String, Map<String, String>> byPoint = new HashMap<>();
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",");
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            byPoint.put(row.get("ftp.clients[0].profile"), row);
        }
        assertEquals("0.0", byPoint.get("curl").get("success_rate[client]_mean"));
        assertEquals("1.0", byPoint.get("curl").get("failures[data_connect_timed_out]_mean"));
        assertEquals("0.0", byPoint.get("curl").get("failures[data_connect_timeout]_mean"), "none of FileZilla's");
        assertEquals("2", byPoint.get("curl").get("failures[data_connect_timeout]_n"));
        assertEquals("1.0", byPoint.get("filezilla").get("failures[data_connect_timeout]_mean"));
        assertEquals("0.0", byPoint.get("filezilla").get("failures[data_connect_timed_out]_mean"));
        assertTrue(r.out().contains("failures[data_connect_timeout]"), r.out());
    }
}
