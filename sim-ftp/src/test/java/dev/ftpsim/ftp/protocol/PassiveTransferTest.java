package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static dev.ftpsim.ftp.protocol.ServerHarness.firstReply;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PASV and EPSV (RFC 959 §4.1.2, RFC 2428 §3-4), and vsftpd's pasv_promiscuous=NO check. */
class PassiveTransferTest {

    private final ServerHarness h = new ServerHarness().login();

    @Test
    void pasvListensThenAnnouncesTheControlAddressAndPort() {
        var as = h.send("PASV");
        assertEquals(new Action.ListenData(0), as.get(0));
        assertEquals(List.of(), codes(as));
        Reply r = firstReply(h.feed(new Input.DataListening(30001)));
        assertEquals(Reply.of(227, "Entering Passive Mode (192,0,2,1,117,49)."), r);
    }

    @Test
    void pasvUsesTheAdvertisedAddressAndPortRange() {
        var o = ServerOptions.builder().pasvAddress(0xCB007107).pasvPorts(30000, 30010).build();
        var x = new ServerHarness(o).login();
        int port = ((Action.ListenData) x.send("PASV").get(0)).port();
        assertTrue(port >= 30000 && port <= 30010);
        assertTrue(firstReply(x.feed(new Input.DataListening(port))).text().contains("(203,0,113,7,"));
    }

    @Test
    void commandsPipelinedBehindPasvWaitForThe227() {
        var as = h.feed(new Input.ControlBytes("PASV\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(), codes(as));
        assertEquals(List.of(227, 200), codes(h.feed(new Input.DataListening(30001))));
    }

    @Test
    void retrSends150TheBytesThenCloseAndAnswers226AfterTheClose() {
        h.send("TYPE I");
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        assertEquals(List.of(), codes(h.send("RETR /pub/hello.txt")));
        var as = h.feed(new Input.DataConnected(ServerHarness.PEER, 50123));
        assertEquals(150, firstReply(as).code());
        assertArrayEquals("hello world\n".getBytes(StandardCharsets.US_ASCII), find(as, Action.SendData.class).bytes());
        assertEquals(new Action.CloseData(false), as.get(as.size() - 1));
        assertEquals(List.of(226), codes(h.feed(new Input.DataClosed(false))));
        assertFalse(h.s.dataOpen());
    }

    @Test
    void aBulkFileIsSentAsACountFromTheRestOffset() {
        h.send("EPSV");
        assertEquals(229, firstReply(h.feed(new Input.DataListening(30002))).code());
        h.feed(new Input.DataConnected(ServerHarness.PEER, 50000)); // clients connect before RETR
        h.send("TYPE I"); // vsftpd refuses a restart in ASCII type, as curl knows: it sends TYPE I first
        h.send("REST 1000");
        var as = h.send("RETR /pub/big.bin");
        assertEquals(new Action.SendData(null, 100_000_000L - 1000), find(as, Action.SendData.class));
    }

    @Test
    void epsvRepliesInRfc2428Form() {
        h.send("EPSV");
        assertEquals(Reply.of(229, "Entering Extended Passive Mode (|||30003|)"),
                firstReply(h.feed(new Input.DataListening(30003))));
    }

    @Test
    void afterEpsvAllPasvAndPortAreRefusedAsVsftpdRefusesThem() {
        // vsftpd 3.0.3 on the wire: "200 EPSV ALL ok.", then PASV and PORT "550 Permission
        // denied." (postlogin.c's catch-all), while EPRT still runs (it has no epsv_all check)
        assertEquals(List.of(200), codes(h.send("EPSV ALL")));
        assertEquals(Reply.of(550, "Permission denied."), firstReply(h.send("PASV")));
        assertEquals(Reply.of(550, "Permission denied."), firstReply(h.send("PORT 198,51,100,2,200,10")));
        assertEquals(List.of(200), codes(h.send("EPRT |1|198.51.100.2|51210|")));
        assertTrue(h.send("EPSV").get(0) instanceof Action.ListenData);
    }

    @Test
    void aDataConnectionFromAForeignAddressGets425SecurityBadIp() {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("RETR /pub/hello.txt");
        var as = h.feed(new Input.DataConnected(0x01020304, 40000));
        assertEquals(Reply.of(425, "Security: Bad IP connecting."), firstReply(as));
        // vsftpd closes the foreign data socket normally (vsf_sysutil_close), it does not reset it
        assertTrue(as.contains(new Action.CloseData(false)));
        assertFalse(as.contains(new Action.CloseData(true)));
        assertFalse(h.s.dataOpen());
    }

    @Test
    void storWritesWhatArrivesAndAnswers226WhenThePeerCloses() {
        var w = new ServerHarness();
        w.send("USER alice");
        w.send("PASS secret");
        w.send("PASV");
        w.feed(new Input.DataListening(30001));
        w.send("STOR /pub/up.txt");
        assertEquals(List.of(150), codes(w.feed(new Input.DataConnected(ServerHarness.PEER, 1))));
        w.feed(Input.DataReceived.of("abc".getBytes(StandardCharsets.US_ASCII)));
        w.feed(Input.DataReceived.of("def".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(226), codes(w.feed(new Input.DataClosed(false))));
        assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), w.fs.content("/pub/up.txt"));
    }

    @Test
    void bulkProgressThroughTheAllocationFreeMethodsEqualsTheInputForm() {
        for (boolean fast : new boolean[] {false, true}) {
            var w = new ServerHarness();
            w.send("USER alice");
            w.send("PASS secret");
            w.send("PASV");
            w.feed(new Input.DataListening(30001));
            w.send("STOR /pub/bulk.bin");
            w.feed(new Input.DataConnected(ServerHarness.PEER, 1));
            for (int i = 0; i < 3; i++) {
                if (fast) {
                    w.s.bulkReceived(1460);
                } else {
                    w.feed(new Input.DataReceived(null, 1460));
                }
            }
            assertEquals(List.of(226), codes(w.feed(new Input.DataClosed(false))), "fast=" + fast);
            assertEquals(3 * 1460, w.fs.stat("/pub/bulk.bin").size(), "fast=" + fast);
        }
    }

    @Test
    void listSendsUnixLsLines() {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("LIST -la /pub");
        var as = h.feed(new Input.DataConnected(ServerHarness.PEER, 1));
        String text = new String(find(as, Action.SendData.class).bytes(), StandardCharsets.ISO_8859_1);
        assertTrue(text.matches("(?s)-rw-r--r-- +1 ftp +ftp +100000000 Nov 14  2023 big\\.bin\r\n"
                + "-rw-r--r-- +1 ftp +ftp +12 Nov 14  2023 hello\\.txt\r\n"), text);
        assertNotNull(find(as, Action.CloseData.class));
    }
}
