package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/** FileZilla's 20 s timeout (Settings > Connection) covers a black-holed data connect too, not only replies. */
class FileZillaGivesUpOnADataConnectAfterTwentySecondsTest {
    @Test
    void aBlackHoledPassiveConnectFailsAfterTwentySecondsNotTheKernels127() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", OneRouter.SERVER_SIDE, """
                server: { host: server, passive-ports: 30000-30100, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: filezilla, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertEquals("data connect timed out", r.reasonText());
        assertEquals(227, r.outcome().lastReplyCode());
        // the login's round trips (AUTH TLS, AUTH SSL, USER, PASS, SYST, FEAT, TYPE, PASV), then 20 s
        assertEquals(20.2, OneRouter.seconds(r), 0.1);
    }
}
