package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static dev.ftpsim.ftp.protocol.ServerHarness.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PORT and EPRT (RFC 959 §4.1.2, RFC 2428 §2) and RFC 2577 §3's bounce-attack checks. */
class ActiveTransferTest {

    private final ServerHarness h = new ServerHarness().login();

    @Test
    void retrConnectsFromTheControlAddressToThePortGiven() {
        assertEquals(List.of(200), codes(h.send("PORT 198,51,100,2,200,10")));
        var as = h.send("RETR /pub/hello.txt");
        assertEquals(new Action.ConnectData(ServerHarness.PEER, 200 * 256 + 10, ServerHarness.LOCAL, 0),
                find(as, Action.ConnectData.class));
        assertTrue(as.contains(new Action.StartTimer(Timer.DATA_CONNECT, 60_000_000_000L)));
        assertEquals(List.of(150), codes(h.feed(new Input.DataConnected(ServerHarness.PEER, 51210))));
    }

    @Test
    void connectFromPort20UsesSourcePort20() {
        var x = new ServerHarness(ServerOptions.builder().connectFromPort20(true).build()).login();
        x.send("EPRT |1|198.51.100.2|51210|");
        assertEquals(20, find(x.send("LIST"), Action.ConnectData.class).fromPort());
    }

    @Test
    void portToAThirdHostOrALowPortIsRefused() {
        assertEquals(List.of(500), codes(h.send("PORT 10,9,9,9,200,10")));
        assertEquals(List.of(500), codes(h.send("PORT 198,51,100,2,0,21")));
        assertEquals(List.of(500), codes(h.send("EPRT |1|10.9.9.9|51210|")));
    }

    @Test
    void portToAThirdHostIsAcceptedWhenPromiscuous() {
        var x = new ServerHarness(ServerOptions.builder().portPromiscuous(true).build()).login();
        assertEquals(List.of(200), codes(x.send("PORT 10,9,9,9,200,10")));
    }

    @Test
    void malformedPortAndEprtArgumentsGet500() {
        // vsftpd 3.0 handle_port and handle_eprt answer bad syntax with FTP_BADCMD (500)
        for (String bad : List.of("PORT", "PORT 1,2,3", "PORT 1,2,3,4,5,666", "PORT a,b,c,d,e,f", "PORT 1,2,3,4,5,6,7")) {
            assertEquals(List.of(500), codes(h.send(bad)), bad);
        }
        for (String bad : List.of("EPRT", "EPRT |1|1.2.3|5|", "EPRT |1|1.2.3.4|99999|", "EPRT 1|1.2.3.4|5|")) {
            assertEquals(List.of(500), codes(h.send(bad)), bad);
        }
        assertEquals(List.of(500), codes(h.send("EPRT |2|::1|5000|")));
    }

    @Test
    void aTransferWithoutPortOrPasvGets425() {
        // RFC 959 §5.4 lists 425 (not 503) among RETR/STOR/LIST replies; vsftpd: "Use PORT or PASV first."
        assertEquals(List.of(425), codes(h.send("RETR /pub/hello.txt")));
        // (an upload needs upload rights first: without them vsftpd answers 550 before any data check)
        var writer = new ServerHarness(ServerOptions.builder().anonymousWrite(true).build()).login();
        assertEquals(List.of(425), codes(writer.send("STOR /x")));
        assertEquals(List.of(425), codes(h.send("LIST")));
    }

    @Test
    void aRefusedOrSilentDataConnectGets425() {
        h.send("PORT 198,51,100,2,200,10");
        h.send("RETR /pub/hello.txt");
        assertEquals(List.of(425), codes(h.feed(new Input.DataConnectFailed("refused"))));
        h.send("PORT 198,51,100,2,200,10");
        h.send("RETR /pub/hello.txt");
        var as = h.feed(new Input.TimerFired(Timer.DATA_CONNECT));
        assertEquals(List.of(425), codes(as));
        assertTrue(as.contains(new Action.CloseData(true)));
    }

    @Test
    void retrOfAMissingFileGets550BeforeAnyConnection() {
        h.send("PORT 198,51,100,2,200,10");
        var as = h.send("RETR /nope");
        assertEquals(List.of(550), codes(as));
        assertEquals(null, find(as, Action.ConnectData.class));
    }
}
