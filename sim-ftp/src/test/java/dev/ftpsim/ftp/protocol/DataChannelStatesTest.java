package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data channel follows ServerStates' table: impossible events are our bug, stray reports change nothing. */
class DataChannelStatesTest {

    @Test
    void anEventTheTableCannotHandleIsOurBugAndNamesStateAndEvent() {
        var e = assertThrows(IllegalStateException.class,
                () -> ServerStates.next(ServerStates.Data.TRANSFERRING, ServerStates.DataEvent.SETUP_ACTIVE));
        assertTrue(e.getMessage().contains("SETUP_ACTIVE") && e.getMessage().contains("TRANSFERRING"), e.getMessage());
    }

    @Test
    void aStrayConnectionDuringATransferIsClosedAndTheTransferStillEndsWith226() {
        var h = new ServerHarness().login();
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.feed(new Input.DataConnected(ServerHarness.PEER, 50123));
        assertEquals(List.of(150), codes(h.send("RETR /pub/hello.txt")));
        var stray = h.feed(new Input.DataConnected(ServerHarness.PEER, 50124));
        assertEquals(new Action.CloseData(true), ServerHarness.find(stray, Action.CloseData.class));
        assertTrue(h.s.dataOpen());
        assertEquals(List.of(226), codes(h.feed(new Input.DataClosed(false))));
        assertFalse(h.s.dataOpen());
    }

    @Test
    void aListeningReportAfterPortIsIgnored() {
        var h = new ServerHarness().login();
        h.send("PORT 198,51,100,2,200,10");
        assertEquals(List.of(), h.feed(new Input.DataListening(30001)));
        assertFalse(h.s.dataOpen());
    }
}
