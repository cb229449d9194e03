package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * curl sends PASV after an EPSV whose data connection failed (lib/ftp.c ftp_do_more), and gives up
 * when the PASV data connection fails too. Measured with curl 7.88.1, tcp_syn_retries=2 and a
 * stateful firewall without helper in front of the server: 14.23 s for EPSV then PASV, 7.31 s for
 * PASV alone (the lab README); ftpsim must agree within 10%.
 */
class CurlRetriesAFailedEpsvDataConnectionWithPasvTest {
    private static FtpSessionRecord curl(final String mode) throws Exception {
        return OneRouter.run(false, "{ syn-retries: 2 }", OneRouter.SERVER_SIDE, """
                server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, %s script: [login anonymous, get /pub/f.bin] }
                """.formatted(mode)).get(0);
    }

    @Test
    void epsvThenPasvCostTwoBlackHoledConnectsAsCurl788Measured() throws Exception {
        final FtpSessionRecord r = curl("");
        assertFalse(r.ok());
        assertEquals("data connect timed out", r.reasonText());
        assertEquals(227, r.outcome().lastReplyCode()); // the PASV that followed the EPSV
        assertEquals(14.23, OneRouter.seconds(r), 14.23 * 0.10);
    }

    @Test
    void plainPasvCostsOneBlackHoledConnect() throws Exception {
        final FtpSessionRecord r = curl("mode: pasv,");
        assertEquals("data connect timed out", r.reasonText());
        assertEquals(7.31, OneRouter.seconds(r), 7.31 * 0.10);
    }

    @Test
    void curlsConnectTimeoutCountsFromTheStartAndMaxTimeEndsTheWholeSession() throws Exception {
        final FtpSessionRecord c = OneRouter.run(false, "", OneRouter.SERVER_SIDE, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, connect-timeout: 2s, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertEquals("data connect timed out", c.reasonText());
        assertEquals(227, c.outcome().lastReplyCode()); // the PASV got its 227, then no time was left to connect
        assertEquals(2.0, OneRouter.seconds(c), 0.1); // counted from the start, as curl 7.88.1 measured
        final FtpSessionRecord m = OneRouter.run(false, "", OneRouter.SERVER_SIDE, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, max-time: 3s, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertEquals("timed out (max-time)", m.reasonText());
        assertEquals(3.0, OneRouter.seconds(m), 0.001);
    }
}
