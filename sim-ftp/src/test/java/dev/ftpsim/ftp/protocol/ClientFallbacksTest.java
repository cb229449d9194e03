package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands curl and FileZilla send after a data setup fails, driven reply by reply. */
class ClientFallbacksTest {
    private final List<String> sent = new ArrayList<>();
    private ClientSession c;

    private List<Action> start(final ClientOptions o) {
        c = new ClientSession(o, List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f"),
                new ClientOp.Retr("/f")), 0x0A00000A, 40000, 0xCB00710A);
        c.start();
        reply("220 hi");
        if (o.filezillaSequence()) {
            reply("530 Please login with USER and PASS."); // AUTH TLS
            reply("530 Please login with USER and PASS."); // AUTH SSL
        }
        reply("331 pw");
        reply("230 in");
        if (o.filezillaSequence()) {
            reply("215 UNIX Type: L8"); // SYST
            reply("211-Features:\r\n EPSV\r\n PASV\r\n211 End"); // FEAT
        }
        // curl asks PWD after login (and TYPE only after the data setup); the others TYPE first
        return reply(o.curlSequence() ? "257 \"/\" is the current directory" : "200 binary");
    }

    private List<Action> reply(final String line) {
        return feed(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private List<Action> feed(final Input in) {
        final List<Action> as = c.handle(in);
        as.stream().filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
        return as;
    }

    @Test
    void curlSendsPasvAfterAnEpsvWhoseDataConnectionFailedAndKeepsEpsvOffAfterwards() {
        start(ClientProfiles.curl().build());
        reply("229 Entering Extended Passive Mode (|||30000|)");
        feed(new Input.DataConnectFailed("timed out"));
        assertEquals("PASV", sent.get(sent.size() - 1));
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
        feed(new Input.DataConnected(0xCB00710A, 30001));
        reply("200 binary");
        reply("213 3");
        reply("150 here");
        feed(new Input.DataClosed(false));
        reply("226 done");
        assertEquals("PASV", sent.get(sent.size() - 1)); // the second RETR starts with PASV, not EPSV
        assertEquals(List.of("USER anonymous", "PASS a@b", "PWD", "EPSV", "PASV", "TYPE I", "SIZE f", "RETR f", "PASV"),
                sent);
    }

    @Test
    void curlGivesUpWhenThePasvDataConnectionFailsToo() {
        start(ClientProfiles.curl().build());
        reply("229 Entering Extended Passive Mode (|||30000|)");
        feed(new Input.DataConnectFailed("timed out"));
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
        feed(new Input.DataConnectFailed("timed out"));
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
    }

    @Test
    void curlSendsPasvAfterAnyEpsvReplyBut229() {
        start(ClientProfiles.curl().build());
        reply("425 Can't open data connection.");
        assertEquals("PASV", sent.get(sent.size() - 1));
    }

    @Test
    void filezillaTriesPassiveWhenItCannotListenForActiveMode() {
        start(ClientProfiles.filezilla().mode(ClientOptions.DataMode.PORT).build());
        assertTrue(sent.isEmpty() || !sent.get(sent.size() - 1).startsWith("PORT"));
        feed(new Input.DataListenFailed());
        assertEquals("PASV", sent.get(sent.size() - 1));
    }

    @Test
    void filezillaTriesActiveWhenPasvIsRefusedAndStopsAfterBoth() {
        // one try: the queue's retries are FileZillaRetriesAFailedTransferFromItsQueueTest's
        start(ClientProfiles.filezilla().maxRetries(0).build());
        assertEquals("PASV", sent.get(sent.size() - 1));
        reply("500 no passive here");
        feed(new Input.DataListening(50000));
        assertTrue(sent.get(sent.size() - 1).startsWith("PORT "), sent.toString());
        reply("500 Illegal PORT command.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertEquals(FailureReason.DATA_SETUP_REFUSED, c.record().reason());
    }

    @Test
    void curlSendsPortAfterAnyRefusalOfEprtNotOnlyA5xx() {
        // curl 7.88.1 -P - against a server answering EPRT with 425: PORT followed and the
        // download worked (ftp.c ftp_state_port_resp: "ftpcode / 100 != 2", "disabling EPRT usage").
        start(ClientProfiles.curl().mode(ClientOptions.DataMode.EPRT).build());
        feed(new Input.DataListening(50000));
        assertEquals("EPRT |1|10.0.0.10|50000|", sent.get(sent.size() - 1));
        reply("425 Can't do that now.");
        assertEquals("PORT 10,0,0,10,195,80", sent.get(sent.size() - 1));
        reply("200 PORT command successful. Consider using PASV.");
        assertEquals("TYPE I", sent.get(sent.size() - 1)); // curl: the TYPE and SIZE once the setup is done
        reply("200 binary");
        assertEquals("SIZE f", sent.get(sent.size() - 1));
        reply("550 Could not get file size.");
        assertEquals("RETR f", sent.get(sent.size() - 1)); // a refused SIZE does not stop curl
        assertEquals(FailureReason.NONE, c.record().reason());
    }
}
