package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that got its file on a later try on the same control connection, in the mode it began
 * with, waited as much as one that reconnected: filezilla-accept-timeout's FileZilla against a
 * firewall that lets only every twelfth passive data SYN through (nft {@code numgen inc mod 12}):
 * vsftpd's "425 Failed to establish connection." after its 60 s accept_timeout, the queue takes
 * the transfer again at once on the same connection, and that try gets the file. Its
 * {@code sessions.csv} row says {@code retries} 1, and the run's table, report and the several
 * files' table say it succeeded only after retrying; a sweep's {@code results.csv} gives the
 * point an {@code ok_first_try_rate} of 0 beside its {@code success_rate} of 1, and its page's
 * verdict says "ok only after retrying".
 */
class ASuccessAfterRetriesOnOneConnectionIsToldAsSuchTest {
    @TempDir
    Path dir;

    private Path scenario() throws Exception {
        Files.writeString(dir.resolve("transient.nft"), """
                table inet filter {
                  chain forward {
                    type filter hook forward priority 0; policy drop;
                    ct state established,related accept
                    iif "lan" oif "wan" tcp dport 21 ct state new accept
                    iif "lan" oif "wan" tcp dport 30000-30100 ct state new numgen inc mod 12 11 accept
                  }
                }
                """);
        return Cli.example(dir, "filezilla-accept-timeout", """
                    forward:
                      policy: drop
                      rules:
                        - ct state established,related accept
                        - iif lan oif wan tcp dport 21 ct state new accept
                """, "    nft: transient.nft\n");
    }

    @Test
    void itsRowCountsOneRetryAndTheTableSaysItRetried() throws Exception {
        final Path out = dir.resolve("out");
        final Cli r = Cli.run("run", scenario().toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        final var lines = Files.readAllLines(out.resolve("sessions.csv"), StandardCharsets.UTF_8);
        final var header = java.util.List.of(lines.get(0).split(","));
        final String[] row = lines.get(1).split(",");
        assertEquals("ok", row[header.indexOf("outcome")], lines.toString());
        assertEquals("1", row[header.indexOf("control_connections")], lines.toString());
        assertEquals("PASV", row[header.indexOf("last_mode")], lines.toString());
        assertEquals("1", row[header.indexOf("retries")], lines.toString());
        assertTrue(r.out().contains("1 of 1 ok (1 only after retrying: client#0 PASV, on one control connection, 1 retry,"
                + " 61.5 s)"), r.out());
        final String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("ok, 1 ok only after retrying"), html);
    }

    @Test
    void theTableOfSeveralFilesSaysItToo() throws Exception {
        final Cli r = Cli.run("run", scenario().toString(), "../examples/passive-client-fw.yaml", "--out",
                dir.resolve("out").toString(), "--no-progress", "--no-explain", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        final String table = r.out().substring(r.out().lastIndexOf("file "));
        assertTrue(table.lines().anyMatch(l -> l.contains("filezilla-accept-timeout.yaml ") && l.contains(
                " ok; 1 ok only after retrying ")), table);
    }

    @Test
    void aSweepsPointOfSuchSessionsIsOkOnlyAfterRetrying() throws Exception {
        final Path file = scenario();
        Files.writeString(file, Files.readString(file) + """
                sweep:
                  replications: 2
                  vary:
                    ftp.clients[0].reply-timeout: [120s, 121s]
                """);
        final Path out = dir.resolve("sweep");
        final Cli r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        final var lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        final var header = java.util.List.of(lines.get(0).split(","));
        for (final String line : lines.subList(1, lines.size())) {
            final String[] row = line.split(",");
            assertEquals("1.0", row[header.indexOf("success_rate_mean")], line);
            assertEquals("0.0", row[header.indexOf("ok_first_try_rate_mean")], line);
        }
        final String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains(">ok only after retrying<"), html);
        assertTrue(!html.contains(">ok<"), html);
    }

    @Test
    void itsLadderAndExplainSayItToo() throws Exception {
        final Path file = scenario();
        final Cli ladder = Cli.run("ladder", file.toString(), "--session", "client#0", "--out",
                dir.resolve("ladder").toString());
        assertEquals(0, ladder.exit(), ladder.err());
        assertTrue(ladder.out().contains("session client#0: ok only after retrying (PASV, on one control connection,"
                + " 1 retry, 61.5 s)"), ladder.out());
        final Cli explain = Cli.run("explain", file.toString());
        assertEquals(0, explain.exit(), explain.err());
        assertTrue(explain.out().contains("1 of 1 succeeded only after retrying; session client#0: PASV, on one"
                + " control connection, 1 retry, 61.5 s"), explain.out());
    }

    /** The example itself: three 425s on one connection, then the failure. */
    @Test
    void explainOfTheThree425sSaysItTriedAgainBeforeFailing() {
        final Cli r = Cli.run("explain", "../examples/filezilla-accept-timeout.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- failed: 425 data connection failed\n- it tried again before failing: PASV, on"
                + " one control connection, 2 retries, 180.3 s\n"), r.out());
    }
}
