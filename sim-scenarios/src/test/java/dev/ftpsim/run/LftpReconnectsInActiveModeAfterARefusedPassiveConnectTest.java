package dev.ftpsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.agent.FtpSessionRecord;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2 behind a firewall that resets passive data connections: the server announces a
 * private address, lftp fixes it (ftp:fix-pasv-address), its connect is refused, and it
 * reconnects 15 s after its first connect with passive mode off (ftp:auto-passive-mode), where
 * PORT gets the file. One session, one row: ok, its first byte after 15 s.
 */
class LftpReconnectsInActiveModeAfterARefusedPassiveConnectTest {
    private static final String FIREWALL = """
            forward:
              rules:
                - tcp dport 30000-30100 reject with tcp reset
            """;

    private static FtpSessionRecord run(final String profile, final String pasvAddress) throws Exception {
        return OneRouter.run(false, "", FIREWALL, """
                server: { host: server, passive-ports: 30000-30100, pasv-address: %s, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: %s, script: [login anonymous, get /pub/f.bin] }
                """.formatted(pasvAddress, profile)).get(0);
    }

    @Test
    void lftpGetsTheFileOnItsSecondConnectionWithPort() throws Exception {
        final FtpSessionRecord r = run("lftp", "10.0.0.5");
        assertTrue(r.ok(), r.reasonText());
        assertEquals(100_000, r.transfer().bytes());
        assertEquals("PASV", r.identity().mode(), "the mode it started with");
        final double firstByte = (r.timings().firstByte() - r.timings().start()) / 1e9;
        assertTrue(firstByte > 15 && firstByte < 16, "first byte " + firstByte + " s: on the connection begun at 15 s");
    }

    @Test
    void withTheServersOwnAddressLftpStaysPassiveAndIsStillTryingAtTheStop() throws Exception {
        final FtpSessionRecord r = run("lftp", "203.0.113.10");
        assertFalse(r.outcome().finished(), "lftp reconnects every time: " + r);
        assertEquals("PASV", r.identity().mode());
    }

    /**
     * proftpd ends an idle session (TimeoutNoTransfer, here 10 s, "421 No transfer timeout"); lftp
     * connects again only for its next command, when the user's pause is over, not 15 s later.
     */
    @Test
    void anIdleConnectionTheServerEndedIsReplacedWhenTheNextCommandIsDue() throws Exception {
        final FtpSessionRecord r = OneRouter.run(false, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, profile: proftpd, no-transfer-timeout: 10s, users: [{ name: alice, password: s3cret }], files: { /f.bin: 100KB } }
                clients:
                  - { host: client, profile: lftp, script: [login alice s3cret, wait 20s, get /f.bin] }
                """).get(0);
        assertTrue(r.ok(), r.reasonText());
        final double firstByte = (r.timings().firstByte() - r.timings().start()) / 1e9;
        assertTrue(firstByte > 20.2 && firstByte < 21, "first byte " + firstByte + " s: just after the pause");
    }

    /**
     * Behind masquerade, vsftpd refuses the PORT naming the client's private address ("500 Illegal
     * PORT command."); lftp switches passive mode on (ftpclass.cc Expect::PORT) and gets the file on
     * its second connection, 15 s after the first.
     */
    @Test
    void anActiveLftpWhosePortIsRefusedGetsTheFileInPassiveModeOnItsSecondConnection() throws Exception {
        final FtpSessionRecord r = OneRouter.run(true, "", OneRouter.OUTBOUND_ONLY, """
                server: { host: server, files: { /pub/f.bin: 100KB } }
                clients:
                  - { host: client, profile: lftp, mode: active, script: [login anonymous, get /pub/f.bin] }
                """).get(0);
        assertTrue(r.ok(), r.reasonText());
        final double firstByte = (r.timings().firstByte() - r.timings().start()) / 1e9;
        assertTrue(firstByte > 15 && firstByte < 16, "first byte " + firstByte + " s");
    }

    @Test
    void curlEndsAtTheRefusedConnect() throws Exception {
        final FtpSessionRecord r = run("curl", "10.0.0.5");
        assertFalse(r.ok());
        assertTrue(r.outcome().finished());
    }
}
