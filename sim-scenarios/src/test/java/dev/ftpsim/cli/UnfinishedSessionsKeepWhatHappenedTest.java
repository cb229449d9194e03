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

/** A session still running at the stop time is written with what it did so far, not as an empty row. */
class UnfinishedSessionsKeepWhatHappenedTest {
    @TempDir
    Path tmp;

    @Test
    void aTransferCutByTheStopTimeShowsItsClientModeReplyTimesAndBytes() throws Exception {
        // 100 MB at 100 Mbps takes about 8 s: stopped at 3 s, the download is midway.
        final Path file = Cli.example(tmp, "passive-stateful-server-fw-helper", "stop: 120s", "stop: 3s",
                "/pub/file.bin: 1MB", "/pub/file.bin: 100MB");
        final Path out = tmp.resolve("out");
        final Cli r = Cli.run("run", file.toString(), "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        final List<String> lines = Files.readAllLines(out.resolve("sessions.csv"));
        assertEquals(2, lines.size(), lines.toString());
        final Map<String, String> row = row(lines.get(0), lines.get(1));
        assertEquals("client#0", row.get("session"));
        assertEquals("client", row.get("client"));
        assertEquals("0", row.get("index"));
        assertEquals("PASV", row.get("mode"));
        assertEquals("failed", row.get("outcome"));
        assertEquals("not finished by the stop time", row.get("reason"));
        assertEquals("150", row.get("last_reply"), "the transfer had begun");
        assertTrue(!row.get("connect_s").isEmpty() && !row.get("login_s").isEmpty()
                && !row.get("first_byte_s").isEmpty(), row.toString());
        assertEquals("", row.get("end_s"), "it did not end");
        final long bytes = Long.parseLong(row.get("bytes"));
        assertTrue(bytes > 10_000_000 && bytes < 100_000_000, "bytes so far: " + bytes);
        assertEquals("1", row.get("data_connections"));
        assertTrue(row.get("data_path_fw").startsWith("RELATED (ftp PASV"), row.toString());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"not finished by the stop time\" : 1"), summary);
    }

    private static Map<String, String> row(final String header, final String line) {
        final String[] h = header.split(",");
        final List<String> cells = csv(line);
        final Map<String, String> m = new HashMap<>();
        for (int i = 0; i < h.length; i++) {
            m.put(h[i], cells.get(i));
        }
        return m;
    }

    private static List<String> csv(final String line) {
        final List<String> out = new java.util.ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
