package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * lftp's net:max-retries and net:reconnect-interval-base, -multiplier and -max are settings its
 * users change ({@code set net:reconnect-interval-base 5}); as client keys they change when the
 * reconnects come and when lftp gives up. A server whose port 21 the router resets: each connect
 * refused 10 ms after its SYN left (the router is one 5 ms link away).
 */
class LftpRetrySettingsChangeItsReconnectsTest {
    private static final String REFUSED = """
            forward:
              rules:
                - tcp dport 21 reject with tcp reset
            """;

    private static FtpSessionRecord run(final String keys) throws Exception {
        return OneRouter.run(false, "", REFUSED, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: lftp, %s, script: [login anonymous, get /pub/f.bin] }
                """.formatted(keys)).get(0);
    }

    @Test
    void base5sTimes2GivesUpAfterTheThirdConnectAt15s() throws Exception {
        final FtpSessionRecord r = run("max-retries: 3, reconnect-interval-base: 5s, reconnect-interval-multiplier: 2");
        assertTrue(r.outcome().finished(), r.toString());
        assertEquals("control connect refused", r.reasonText());
        assertEquals(3, r.transfer().controlConnections(), "connects at 0, 5 and 15 s");
        assertEquals(15.01, OneRouter.seconds(r), 0.001, "the third connect's reset, 10 ms after 15 s");
    }

    @Test
    void theMaxCapsTheGrowingWait() throws Exception {
        // 5, then 10 capped to 7: connects at 0, 5, 12, 19
        final FtpSessionRecord r = run("max-retries: 4, reconnect-interval-base: 5s, reconnect-interval-multiplier: 2,"
                + " reconnect-interval-max: 7s");
        assertEquals(4, r.transfer().controlConnections());
        assertEquals(19.01, OneRouter.seconds(r), 0.001);
    }

    @Test
    void theProfilesDefaultsStillTryAt15And37point5() throws Exception {
        final FtpSessionRecord r = run("max-retries: 3");
        assertEquals(3, r.transfer().controlConnections());
        assertEquals(37.51, OneRouter.seconds(r), 0.001);
    }

    @Test
    void zeroMaxRetriesIsNoLimitAsLftpReadsIt() throws Exception {
        final FtpSessionRecord r = run("max-retries: 0, reconnect-interval-base: 10s, reconnect-interval-multiplier: 1");
        assertFalse(r.outcome().finished(), "still reconnecting every 10 s at the 400 s stop: " + r);
        assertEquals(41, r.transfer().controlConnections(), "connects at 0, 10, ..., 400 s");
    }

    /** reply-timeout is lftp's net:timeout, which bounds its connects too: a dropped data connect ends after it. */
    @Test
    void replyTimeoutBoundsLftpsDataConnectAsNetTimeoutDoes() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", """
                forward:
                  rules:
                    - tcp dport 30000-30100 drop
                """, """
                server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: lftp, max-retries: 2, reply-timeout: 30s, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertEquals("data connect timed out", r.reasonText(), r.toString());
        assertEquals(2, r.transfer().controlConnections());
        final double end = OneRouter.seconds(r);
        assertTrue(end > 60 && end < 61, "two 30 s data connects, not the kernel's 127 s each: " + end);
    }
}
