package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * RETR in ASCII type (TYPE A, the default) as vsftpd 3.0.3 answered it (Debian 3.0.3-13+b2, default
 * ascii_download_enable=NO): the bytes go unchanged and the 150 says BINARY, and a restart
 * position is refused after the data setup check, "550 No support for resume of ASCII transfer."
 * The engine said "ASCII mode" and resumed.
 */
class VsftpdRetrievesInAsciiTypeAsVsftpd303DoesTest {

    private final ServerHarness h = new ServerHarness().login();

    private Reply retr(String path) {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("RETR " + path);
        return firstReply(h.feed(new Input.DataConnected(ServerHarness.PEER, 1)));
    }

    @Test
    void theOpeningReplySaysBinaryInAsciiTypeAndNamesTheArgumentAsSent() {
        // vsftpd 3.0.3 on the wire: "RETR ./a.txt" after TYPE A got "150 Opening BINARY mode data
        // connection for ./a.txt (12 bytes)." (postlogin.c handle_retr appends ftp_arg_str)
        assertEquals("150 Opening BINARY mode data connection for /pub/hello.txt (12 bytes).", retr("/pub/hello.txt").toString());
        h.feed(new Input.DataClosed(false));
        assertEquals("150 Opening BINARY mode data connection for ./pub/../pub/hello.txt (12 bytes).",
                retr("./pub/../pub/hello.txt").toString());
    }

    @Test
    void aRestartPositionInAsciiTypeIsRefusedOnceThereIsADataSetup() {
        h.send("REST 3");
        assertEquals("425 Use PORT or PASV first.", firstReply(h.send("RETR /pub/hello.txt")).toString());
        h.send("REST 3");
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        assertEquals("550 No support for resume of ASCII transfer.", firstReply(h.send("RETR /pub/hello.txt")).toString());
        h.send("TYPE I");
        h.send("REST 3");
        assertEquals(9L, ServerHarness.find(retrActions("/pub/hello.txt"), Action.SendData.class).length());
    }

    private java.util.List<Action> retrActions(String path) {
        h.send("PASV");
        h.feed(new Input.DataListening(30002));
        h.send("RETR " + path);
        return h.feed(new Input.DataConnected(ServerHarness.PEER, 2));
    }
}
