package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * FileZilla's 20 s timeout (Settings > Connection) covers a black-holed data connect too, not only
 * replies; the timeout closes the connection and its queue takes the transfer again on a new one,
 * twice ("Reconnect count" 2, QueueView.cpp IncreaseErrorCount).
 */
class FileZillaGivesUpOnADataConnectAfterTwentySecondsTest {
    @Test
    void eachTryOfABlackHoledPassiveConnectFailsAfterTwentySecondsNotTheKernels127() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", OneRouter.SERVER_SIDE, """
                server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: filezilla, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertEquals("data connect timed out", r.reasonText());
        assertEquals(227, r.outcome().lastReplyCode());
        // three tries, each on a connection of its own: the login's round trips (AUTH TLS, AUTH SSL,
        // USER, PASS, SYST, FEAT, TYPE, PASV), then 20 s
        assertEquals(3, r.transfer().controlConnections());
        assertEquals(3 * 20.2, OneRouter.seconds(r), 0.1);
    }
}
