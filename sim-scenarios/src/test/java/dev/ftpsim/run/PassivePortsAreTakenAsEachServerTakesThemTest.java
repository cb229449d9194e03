package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Passive ports: a port in TIME_WAIT binds again (both servers set SO_REUSEADDR); a range whose
 * ports all listen for other sessions ends a vsftpd session with "500 OOPS: vsf_sysutil_bind"
 * (privops.c vsf_privop_pasv_listen) and sends proftpd to a port outside the range (mod_core
 * core_pasv), which a firewall that opened only the range drops.
 */
class PassivePortsAreTakenAsEachServerTakesThemTest {
    /** Five clients at once against a two-port range; only the range is open for data. */
    private static List<FtpSessionRecord> crowd(final String profile) throws Exception {
        return OneRouter.run(false, "{ syn-retries: 2 }", """
                forward:
                  policy: drop
                  rules:
                    - ct state established,related accept
                    - iif lan oif wan tcp dport { 21, 30000-30001 } ct state new accept
                """, """
                server: { host: server, profile: %s, anonymous: true, passive-ports: 30000-30001, files: { /pub/f.bin: 1MB } }
                clients:
                  - { host: client, mode: pasv, sessions: 5, script: [login anonymous, get /pub/f.bin] }
                """.formatted(profile));
    }

    private static int pasvPort(final FtpSessionRecord r) {
        final String[] p = r.outcome().lastReplyText().replaceAll(".*\\((.*)\\).*", "$1").split(",");
        return Integer.parseInt(p[4]) * 256 + Integer.parseInt(p[5]);
    }

    @Test
    void vsftpdEndsTheSessionsItFindsNoPortFor() throws Exception {
        final List<FtpSessionRecord> rs = crowd("vsftpd");
        long failed = 0;
        for (final FtpSessionRecord r : rs) {
            if (!r.ok()) {
                failed++;
                assertEquals(500, r.outcome().lastReplyCode(), r.reasonText());
                assertEquals("OOPS: vsf_sysutil_bind", r.outcome().lastReplyText());
            }
        }
        assertTrue(failed >= 3, "two ports serve at most two of five sessions at once: " + failed);
    }

    @Test
    void proftpdMovesOutsideTheRangeAndTheFirewallDropsIt() throws Exception {
        final List<FtpSessionRecord> rs = crowd("proftpd");
        long outside = 0;
        for (final FtpSessionRecord r : rs) {
            if (!r.ok()) {
                outside++;
                assertEquals("data connect timed out", r.reasonText());
                assertEquals(227, r.outcome().lastReplyCode());
                final int port = pasvPort(r);
                assertTrue(port < 30000 || port > 30001, "port " + port);
            }
        }
        assertTrue(outside >= 3, "sessions sent outside the range: " + outside);
    }

    @Test
    void aOnePortRangeServesOneTransferAfterAnotherThroughTimeWait() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", "forward: []", """
                server: { host: server, passive-ports: 30000-30000, files: { /pub/f.bin: 10KB } }
                clients:
                  - { host: client, mode: pasv, script: [login anonymous, get /pub/f.bin, get /pub/f.bin, list /pub] }
                """).get(0);
        // vsftpd closes each download first, so port 30000 sits in TIME_WAIT (60 s) when the next PASV binds it.
        assertTrue(r.ok(), r.reasonText());
        assertEquals(3, r.transfer().dataConnections());
        assertTrue(OneRouter.seconds(r) < 60);
    }
}
