package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import dev.ftpsim.ftp.profile.ServerProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * lftp 4.9.2 asks for TLS of its own when it logs in with a user and password (ftp:ssl-allow yes,
 * ftp:ssl-auth TLS; ftpclass.cc sends AUTH right after FEAT), not as anonymous
 * (ftp:ssl-allow-anonymous no). Recorded with {@code lftp -c 'open -u u,p -p 2121 HOST; get
 * pub/f.bin'} against vsftpd 3.0.3 without ssl_enable: FEAT (vsftpd lists EPRT, EPSV, MDTM, PASV,
 * REST STREAM, SIZE, TVFS), AUTH TLS, "530 Please login with USER and PASS.", then USER u and PASS
 * p in clear text; {@code lftp -c 'open -p 2121 HOST; get pub/f.bin'} sent FEAT, USER anonymous.
 * A server that takes the AUTH gets the whole session over TLS, PBSZ 0 and PROT P after PWD, so no
 * firewall's FTP helper can read its PASV replies. ftpsim's lftp never sent AUTH TLS unasked.
 */
class LftpTriesAuthTlsForANamedLoginTest {

    private static List<String> commands(final ServerOptions server, final ClientOp login) {
        final var fs = new MemoryFileSystem(0).file("/pub/f.bin", "x".getBytes(StandardCharsets.US_ASCII));
        final var l = new Loopback(server, fs, ClientProfiles.lftp().build(), List.of(login, new ClientOp.Retr("/pub/f.bin")));
        assertEquals(FailureReason.NONE, l.run().reason());
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line()).toList();
    }

    @Test
    void aNamedLoginToVsftpdWithoutTlsAsksForItAndGoesOnInClearText() {
        assertEquals(List.of("FEAT", "AUTH TLS", "USER u", "PASS p", "PWD", "TYPE I", "SIZE pub/f.bin",
                        "MDTM pub/f.bin", "PASV", "RETR pub/f.bin", "QUIT"),
                commands(ServerProfiles.vsftpd().users(Map.of("u", "p")).build(), new ClientOp.Login("u", "p")));
    }

    @Test
    void anAnonymousLoginDoesNot() {
        assertEquals(List.of("FEAT", "USER anonymous", "PASS lftp@", "PWD", "TYPE I", "SIZE pub/f.bin",
                        "MDTM pub/f.bin", "PASV", "RETR pub/f.bin", "QUIT"),
                commands(ServerProfiles.vsftpd().build(), new ClientOp.Login("anonymous", "lftp@")));
    }

    private static List<String> fed(final ClientSession c, final String... replies) {
        final var sent = new ArrayList<String>();
        for (final String r : replies) {
            c.handle(new Input.ControlBytes((r + "\r\n").getBytes(StandardCharsets.US_ASCII))).stream()
                    .filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
        }
        return sent;
    }

    @Test
    void aServerTakingTheAuthGetsTheSessionOverTlsWithProtPAfterPwd() {
        final var c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        assertEquals(List.of("FEAT"), fed(c, "220 hi"));
        assertEquals(List.of("AUTH TLS"), fed(c, "211-Features:\r\n EPSV\r\n UTF8\r\n211 End"));
        final List<Action> after = c.handle(new Input.ControlBytes("234 Proceed with negotiation.\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertTrue(after.contains(new Action.SecureControl(true)), after.toString());
        assertTrue(after.contains(new Action.SendCommand("OPTS UTF8 ON")), after.toString());
        assertEquals(List.of("USER u", "PASS p", "PWD", "PBSZ 0", "PROT P", "TYPE I"),
                fed(c, "200 Always in UTF8 mode.", "331 pw", "230 in", "257 \"/\" is the current directory",
                        "200 PBSZ set to 0.", "200 PROT now Private."));
    }

    @Test
    void aFeatListingNoneOfAuthEpsvMlstAndHostMeansNoAuth() {
        // CheckFEAT: auth_supported only from AUTH, or (ftp:trust-feat no) from EPSV, MLST or HOST
        final var c = new ClientSession(ClientProfiles.lftp().build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        fed(c, "220 hi");
        assertEquals(List.of("USER u"), fed(c, "211-Features:\r\n MDTM\r\n SIZE\r\n211 End"));
    }
}
