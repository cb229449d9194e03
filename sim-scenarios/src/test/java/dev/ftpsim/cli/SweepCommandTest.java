package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ftpsim sweep} on the example sweep: results, plots, and a resumed run equal to a whole one. */
class SweepCommandTest {
    private static String sweep(final Path out, final String... extra) {
        final CommandLine cl = Main.commandLine();
        final StringWriter text = new StringWriter();
        cl.setOut(new PrintWriter(text));
        final String[] args = new String[4 + extra.length];
        args[0] = "sweep";
        args[1] = "../examples/sweep-mode-x-loss.yaml";
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        assertEquals(0, cl.execute(args));
        return text.toString();
    }

    @Test
    void aSweepKilledAfterSomePointsResumesToTheSameResultsFile(@TempDir final Path tmp) throws Exception {
        final Path whole = tmp.resolve("whole");
        final String printed = sweep(whole, "--no-progress");
        final List<String> lines = printed.lines().toList();
        // A table first: the varied values, then mean ± 95% half-width per metric, one row a point.
        assertEquals(List.of("ftp.clients[0].mode", "links[1].loss", "success_rate", "ok_first_try_rate",
                "throughput_mbps_p50"), List.of(lines.get(0).split("\\s{2,}")).subList(0, 5));
        assertEquals(2 + 9 + 1, lines.size(), printed);
        assertTrue(lines.get(2).matches("active +0 +1 +1 +[0-9.]+ ± [0-9.]+ .*"), lines.get(2));
        assertTrue(lines.get(11).startsWith("9 points x 5 replications: 9 run now, 0 resumed."), printed);
        final String csv = Files.readString(whole.resolve("results.csv"));
        assertTrue(csv.startsWith("point,ftp.clients[0].mode,links[1].loss,success_rate_mean,"), csv);
        assertEquals(10, csv.lines().count());
        assertTrue(Files.exists(whole.resolve("plot-throughput_mbps_p50.png")));
        // What the example says it shows: every point succeeds, and 1% loss shortens the time to
        // the first byte in every mode (a lossless run keeps the queue in front of the client full).
        final List<String[]> rows = csv.lines().skip(1).map(l -> l.substring(l.lastIndexOf('"') + 2).split(","))
                .toList();
        for (final String[] r : rows) {
            assertEquals("1.0", r[2], String.join(",", r)); // success_rate_mean
        }
        for (int mode = 0; mode < 3; mode++) {
            // first_byte_s_p50_mean, after success_rate's, ok_first_try_rate's, throughput's and session time's four
            final double lossless = Double.parseDouble(rows.get(3 * mode)[18]);
            final double lossy = Double.parseDouble(rows.get(3 * mode + 2)[18]);
            assertTrue(lossy < lossless, "first byte at 1% loss " + lossy + " vs lossless " + lossless);
        }
        assertTrue(Files.exists(whole.resolve("plot-throughput_mbps_p50.svg")));

        // A run killed after four points leaves its sweep.json and four finished points.
        final Path killed = tmp.resolve("killed");
        Files.createDirectories(killed);
        final List<String> journal = Files.readAllLines(whole.resolve("points.jsonl"));
        Files.copy(whole.resolve("sweep.json"), killed.resolve("sweep.json"));
        Files.write(killed.resolve("points.jsonl"), journal.subList(0, 4));
        assertTrue(sweep(killed, "--no-progress").contains("\n9 points x 5 replications: 5 run now, 4 resumed."));
        assertArrayEquals(Files.readAllBytes(whole.resolve("results.csv")), Files.readAllBytes(killed.resolve("results.csv")));
        assertArrayEquals(Files.readAllBytes(whole.resolve("runs.csv")), Files.readAllBytes(killed.resolve("runs.csv")));
    }
}
