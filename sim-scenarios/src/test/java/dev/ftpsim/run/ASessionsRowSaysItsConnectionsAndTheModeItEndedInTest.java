package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session that retried is one row of sessions.csv; besides the mode it started with, the row
 * says how many control connections it took ({@code control_connections}) and the data setup
 * command it sent last ({@code last_mode}), so a reader sees that lftp got the file in active
 * mode on its second connection, or that curl fell back from EPSV to PASV.
 */
class ASessionsRowSaysItsConnectionsAndTheModeItEndedInTest {
    private static Map<String, String> row(final FtpSessionRecord r) {
        final List<String> header = Results.sessionsHeader(List.of());
        final List<String> cells = Results.sessionCells(new Results.Row("client#0", r, Map.of()), List.of());
        final Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), cells.get(i));
        }
        return m;
    }

    /** lftp: the reset passive connect, then 15 s later a second connection with PORT (ftp:auto-passive-mode). */
    @Test
    void lftpThatSwitchedToActiveOnItsSecondConnectionSaysPassTwoAndPort() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", """
                forward:
                  rules:
                    - tcp dport 30000-30100 reject with tcp reset
                """, """
                server: { host: server, passive-ports: 30000-30100, pasv-address: 10.0.0.5, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: lftp, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        final Map<String, String> row = row(r);
        assertEquals("ok", row.get("outcome"), row.toString());
        assertEquals("PASV", row.get("mode"), "the mode it started with");
        assertEquals("PORT", row.get("last_mode"), "the mode that got the file");
        assertEquals("2", row.get("control_connections"));
        assertEquals("1", row.get("retries"), "the second connection");
    }

    /** curl: EPSV refused by a server without it, then PASV, on its one connection. */
    @Test
    void curlThatFellBackToPasvSaysOneAndPasv() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, epsv-eprt: false, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        final Map<String, String> row = row(r);
        assertEquals("ok", row.get("outcome"), row.toString());
        assertEquals("EPSV", row.get("mode"));
        assertEquals("PASV", row.get("last_mode"));
        assertEquals("1", row.get("control_connections"));
        assertEquals("0", row.get("retries"), "a fallback on the same try is no retry");
    }

    /**
     * FileZilla's queue takes the transfer again twice on its one connection after vsftpd's 425
     * (filezilla-accept-timeout): three tries, two of them again.
     */
    @Test
    void fileZillasThreeTriesOnOneConnectionAreTwoRetries() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", """
                forward:
                  policy: drop
                  rules:
                    - ct state established,related accept
                    - iif lan oif wan tcp dport 21 ct state new accept
                """, """
                server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: filezilla, reply-timeout: 120s, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        final Map<String, String> row = row(r);
        assertEquals("data_connect_failed_425", row.get("reason_code"), row.toString());
        assertEquals("1", row.get("control_connections"));
        assertEquals("2", row.get("retries"));
    }

    @Test
    void aSessionThatNeverGotToADataSetupHasNoLastMode() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, script: [login nobody wrong, get /pub/f.bin] }
                """).get(0);
        final Map<String, String> row = row(r);
        assertEquals("login failed", row.get("reason"), row.toString());
        assertEquals("", row.get("last_mode"));
        assertEquals("1", row.get("control_connections"));
        assertTrue(row.containsKey("data_connections"));
    }
}
