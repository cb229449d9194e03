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
 * FileZilla 3.62's login (src/engine/ftp/logon.cpp, CFtpLogonOpData): with its default protocol
 * "FTP - Use explicit FTP over TLS if available" it sends AUTH TLS, then AUTH SSL after a refusal
 * ("Insecure server, it does not support FTP over TLS."), USER and PASS; once logged in SYST and FEAT,
 * then CLNT FileZilla and OPTS UTF8 ON where FEAT lists UTF8 (CLNT only where it lists CLNT too), and
 * over TLS PBSZ 0 and PROT P. vsftpd 3.0.3 without ssl_enable answers AUTH before login with "530
 * Please login with USER and PASS." (recorded). ftpsim's FileZilla sent USER and PASS only: four to
 * six round trips short, and never in TLS where a real FileZilla's whole session would be.
 */
class FileZillaLogsInAsItsLogonSourceSaysTest {

    private static List<String> commands(final ServerOptions server) {
        final var fs = new MemoryFileSystem(0).file("/pub/f.bin", "x".getBytes(StandardCharsets.US_ASCII));
        final var l = new Loopback(server, fs, ClientProfiles.filezilla().build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/pub/f.bin")));
        assertEquals(FailureReason.NONE, l.run().reason());
        return l.clientActions.stream().filter(a -> a instanceof Action.SendCommand)
                .map(a -> ((Action.SendCommand) a).line()).toList();
    }

    @Test
    void againstVsftpdWithoutTlsBothAuthsAreRefusedAndTheLoginGoesOnInClearText() {
        assertEquals(List.of("AUTH TLS", "AUTH SSL", "USER u", "PASS p", "SYST", "FEAT", "TYPE I", "PASV",
                        "RETR /pub/f.bin", "QUIT"),
                commands(ServerProfiles.vsftpd().users(Map.of("u", "p")).build()));
    }

    @Test
    void againstProftpdItSendsClntAndOptsUtf8AsFeatOffersThem() {
        assertEquals(List.of("AUTH TLS", "AUTH SSL", "USER u", "PASS p", "SYST", "FEAT", "CLNT FileZilla",
                        "OPTS UTF8 ON", "TYPE I", "PASV", "RETR /pub/f.bin", "QUIT"),
                commands(ServerProfiles.proftpd().users(Map.of("u", "p")).build()));
    }

    @Test
    void aServerTakingAuthTlsGetsTheWholeSessionOverTlsWithPbszAndProt() {
        final var c = new ClientSession(ClientProfiles.filezilla().build(),
                List.of(new ClientOp.Login("u", "p"), new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        final var sent = new ArrayList<String>();
        final var actions = new ArrayList<Action>();
        for (final String r : new String[] {"220 hi", "234 Proceed with negotiation.", "331 pw", "230 in",
                "215 UNIX Type: L8", "211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n UTF8\r\n211 End",
                "200 Always in UTF8 mode.", "200 PBSZ set to 0.", "200 PROT now Private."}) {
            final List<Action> as = c.handle(new Input.ControlBytes((r + "\r\n").getBytes(StandardCharsets.US_ASCII)));
            actions.addAll(as);
            as.stream().filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
        }
        assertTrue(actions.contains(new Action.SecureControl(true)), actions.toString());
        assertEquals(List.of("AUTH TLS", "USER u", "PASS p", "SYST", "FEAT", "OPTS UTF8 ON", "PBSZ 0", "PROT P",
                "TYPE I"), sent);
    }
}
