package dev.ftpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that got its file only after retrying is not a plain success to its user: lftp in
 * active mode behind masquerade reads "500 Illegal PORT command.", waits 15 s and gets the file
 * in passive mode on a second control connection (lftp 4.9.2, "Switching passive mode on");
 * FileZilla gives up after three tries on three connections, 60 s. What the run, its report and
 * explain say of them: the retry, the mode that worked, the connections, the time, and the change
 * that makes the first try work.
 */
class ASuccessAfterRetryingIsToldAsSuchTest {
    @TempDir
    Path dir;

    /** filezilla-mode-fallback's network and script, with lftp instead of FileZilla. */
    private Path lftpActiveBehindMasquerade() throws Exception {
        return Cli.example(dir, "filezilla-mode-fallback", "profile: filezilla", "profile: lftp");
    }

    @Test
    void theRunsSummaryTableSaysTheSuccessCameAfterARetryOnASecondConnection() throws Exception {
        final Cli r = Cli.run("run", lftpActiveBehindMasquerade().toString(), "--out", dir.resolve("out").toString(),
                "--no-progress");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 of 1 ok (1 only after retrying: client#0 PORT then PASV, on 2 control"
                + " connections, 15.3 s)"), r.out());
    }

    @Test
    void theTableOfSeveralFilesSaysItToo() throws Exception {
        final Cli r = Cli.run("run", lftpActiveBehindMasquerade().toString(), "../examples/passive-client-fw.yaml",
                "--out", dir.resolve("out").toString(), "--no-progress", "--no-explain", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        final String table = r.out().substring(r.out().lastIndexOf("file "));
        assertTrue(table.lines().anyMatch(l -> l.contains("filezilla-mode-fallback.yaml ") && l.contains(
                " ok; 1 ok only after retrying ")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("../examples/passive-client-fw.yaml") && l.contains(" ok ")
                && !l.contains("retrying")), table);
    }

    @Test
    void theReportCountsItUnderBothModesAndSaysItRetried() throws Exception {
        final Path out = dir.resolve("out");
        final Cli r = Cli.run("run", lftpActiveBehindMasquerade().toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        final String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        final String table = html.substring(html.indexOf("verdict-table"), html.indexOf("</table>",
                html.indexOf("verdict-table")));
        assertTrue(table.contains("ok, 1 ok only after retrying"), table);
        assertTrue(table.contains("PORT then PASV"), table);
        assertTrue(html.contains("Every session succeeded, client#0 only after retrying; draw it with ftpsim ladder FILE"
                + " --session client#0."), html);
    }

    @Test
    void explainProposesTheModeAndTheHelperThatSpareTheRetry() throws Exception {
        final Cli r = Cli.run("explain", lftpActiveBehindMasquerade().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- client (lftp, on client): 1 of 1 succeeded only after retrying; session client#0:"
                + " PORT then PASV, on 2 control connections, 15.3 s"), r.out());
        assertTrue(r.out().contains("  - WORKS: start the client in the mode it ended in (PASV) (1 of 1 ok at the first"
                + " try)"), r.out());
        assertTrue(r.out().contains("    - `ftp.clients[0].mode: pasv`"), r.out());
        // nf_nat_ftp rewrites the PORT to the masquerade's address, which vsftpd accepts: PORT works at once
        assertTrue(r.out().contains("  - WORKS: assign the FTP helper at fw (1 of 1 ok at the first try)"), r.out());
        assertTrue(!r.out().contains("nothing to explain"), r.out());
    }

    @Test
    void itsLadderIsTitledOkOnlyAfterRetrying() throws Exception {
        final Path out = dir.resolve("ladder");
        final Cli r = Cli.run("ladder", lftpActiveBehindMasquerade().toString(), "--session", "client#0", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        final String title = "session client#0: ok only after retrying (PORT then PASV, on 2 control connections,"
                + " 15.3 s)";
        assertTrue(r.out().contains(title), r.out());
        assertTrue(Files.readString(out.resolve("ladder.mmd"), StandardCharsets.UTF_8).contains(
                title.replace("#", "#35;")), r.out());
    }

    @Test
    void explainOfAFailureAfterThreeTriesSaysSo() {
        final Cli r = Cli.run("explain", "../examples/filezilla-data-connect-timeout.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("- failed: data connect timed out\n- it tried again before failing: PASV, on 3"
                + " control connections, 60.6 s\n"), r.out());
    }

    @Test
    void aSessionThatNeverRetriedIsStillAPlainSuccess() {
        final Cli r = Cli.run("explain", "../examples/passive-client-fw.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("succeeded: nothing to explain."), r.out());
    }
}
