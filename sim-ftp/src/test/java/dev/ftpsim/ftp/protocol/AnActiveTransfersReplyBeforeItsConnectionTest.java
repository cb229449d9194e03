package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.protocol.ClientOptions.DataMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In active mode the server connects, sends, closes, and only then replies 226; a host over real
 * sockets may still hand the client the 226 before the connection (the control reader ran first).
 * The client then waits for the data connection, as curl does (ftp.c ReceivedServerConnect: a
 * final reply while waiting is not the transfer's end), instead of taking the transfer as done
 * without its data and refusing the connection that follows (Apache FtpServer under load: the
 * listing lost, and the next EPRT named a port no longer listened on: 425).
 */
class AnActiveTransfersReplyBeforeItsConnectionTest {

    private static List<Action> reply(ClientSession c, String line) {
        return c.handle(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> commands(List<Action> actions) {
        var out = new ArrayList<String>();
        for (Action a : actions) {
            if (a instanceof Action.SendCommand c) {
                out.add(c.line());
            }
        }
        return out;
    }

    @Test
    void aListingWhose226CameFirstIsStillReadAndTheNextTransferListensAnew() {
        var c = new ClientSession(ClientOptions.defaults().withMode(DataMode.EPRT),
                List.of(new ClientOp.List("/", false), new ClientOp.Retr("/x")), 0x7f000001, 1000, 0x7f000001);
        c.start();
        assertTrue(reply(c, "220 hi").contains(new Action.ListenData(0)));
        assertEquals(List.of("EPRT |1|127.0.0.1|40000|"), commands(c.handle(new Input.DataListening(40000))));
        assertEquals(List.of("LIST /"), commands(reply(c, "200 EPRT ok")));
        reply(c, "150 about to open data connection");
        assertEquals(List.of(), commands(reply(c, "226 Closing data connection.")), "the data is still to come");
        List<Action> connected = c.handle(new Input.DataConnected(0x7f000001, 20));
        assertFalse(connected.contains(new Action.CloseData(true)), "the server's connection is kept: " + connected);
        c.handle(Input.DataReceived.of("file.txt\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("TYPE I"), commands(c.handle(new Input.DataClosed(false))));
        assertEquals("file.txt\r\n", c.record().listing());
        List<Action> next = reply(c, "200 Switching to Binary mode.");
        assertTrue(next.contains(new Action.ListenData(0)), "the RETR listens anew, not on the used port: " + next);
    }
}
