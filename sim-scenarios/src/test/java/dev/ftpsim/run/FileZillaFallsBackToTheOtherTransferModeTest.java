package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * FileZilla's "Allow fall back to other transfer mode on failure" (on by default): a refused PORT
 * is followed by PASV (ftpcontrolsocket.cpp rawtransfer_port_pasv); curl has no such fallback.
 */
class FileZillaFallsBackToTheOtherTransferModeTest {
    private static FtpSessionRecord behindMasquerade(final String profile) throws Exception {
        return OneRouter.run(true, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: %s, mode: active, script: [login anonymous, get /pub/f.bin] }
                """.formatted(profile)).get(0);
    }

    @Test
    void aPortRefusedBecauseOfMasqueradeIsFollowedByPasvThatWorks() throws Exception {
        final FtpSessionRecord r = behindMasquerade("filezilla");
        assertTrue(r.ok(), r.reasonText());
        assertEquals(100_000, r.transfer().bytes());
    }

    @Test
    void curlStopsAtTheRefusedPort() throws Exception {
        final FtpSessionRecord r = behindMasquerade("curl");
        assertFalse(r.ok());
        assertEquals("data setup refused", r.reasonText());
        assertEquals("Illegal PORT command.", r.outcome().lastReplyText());
    }
}
