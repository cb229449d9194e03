package dev.ftpsim.ftp.protocol;

import static dev.ftpsim.ftp.protocol.ServerHarness.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The control connection keeps answering while data flows; ABOR per RFC 959 §4.1.3. */
class DuringTransferTest {

    private final ServerHarness h = new ServerHarness().login();

    private void startBulkDownload() {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        h.send("RETR /pub/big.bin");
        h.feed(new Input.DataConnected(ServerHarness.PEER, 1));
    }

    @Test
    void noopAndStatAreAnsweredWhileATransferRuns() {
        startBulkDownload();
        assertEquals(List.of(200), codes(h.send("NOOP")));
        assertEquals(List.of(211), codes(h.send("STAT")));
    }

    @Test
    void aborAnswers426Then226AndClosesTheData() {
        startBulkDownload();
        var as = h.send("ABOR");
        assertEquals(List.of(426, 226), codes(as));
        assertTrue(as.contains(new Action.CloseData(true)));
        assertFalse(h.s.dataOpen());
        assertEquals(List.of(), codes(h.feed(new Input.DataClosed(true)))); // the late close is ignored
    }

    @Test
    void anotherTransferCommandIsRefusedUntilTheFirstEnds() {
        startBulkDownload();
        assertEquals(List.of(503), codes(h.send("PASV")));
        assertEquals(List.of(226), codes(h.feed(new Input.DataClosed(false))));
    }

    @Test
    void quitDuringATransferWaitsForItsReplyThenCloses() {
        startBulkDownload();
        assertEquals(List.of(), codes(h.send("QUIT")));
        var as = h.feed(new Input.DataClosed(false));
        assertEquals(List.of(226, 221), codes(as));
        assertTrue(as.contains(new Action.CloseControl()));
    }

    @Test
    void aResetDataConnectionGets426() {
        startBulkDownload();
        assertEquals(List.of(426), codes(h.feed(new Input.DataClosed(true))));
    }

    @Test
    void theIdleTimerIsSuspendedDuringATransferAndClosesAnIdleSessionWith421() {
        startBulkDownload();
        assertEquals(List.of(), codes(h.feed(new Input.TimerFired(Timer.CONTROL_IDLE))));
        h.feed(new Input.DataClosed(false));
        var as = h.feed(new Input.TimerFired(Timer.CONTROL_IDLE));
        assertEquals(List.of(Reply.of(421, "Timeout.")), as.stream().filter(a -> a instanceof Action.SendReply)
                .map(a -> ((Action.SendReply) a).reply()).toList());
        assertTrue(as.contains(new Action.CloseControl()));
    }

    @Test
    void aShutdownAbortsTheTransferWith421AndClosesBothConnections() {
        startBulkDownload();
        var as = h.feed(new Input.ServiceShutdown());
        assertEquals(List.of(Reply.of(421, "Service not available, closing control connection.")), as.stream()
                .filter(a -> a instanceof Action.SendReply).map(a -> ((Action.SendReply) a).reply()).toList());
        assertTrue(as.contains(new Action.CloseData(true)));
        assertTrue(as.contains(new Action.CloseControl()));
        assertFalse(h.s.dataOpen());
        assertEquals(List.of(), codes(h.send("NOOP"))); // nothing more after the close
    }

    @Test
    void quitClosesAnOpenPassiveListener() {
        h.send("PASV");
        h.feed(new Input.DataListening(30001));
        assertTrue(h.s.dataOpen());
        var as = h.send("QUIT");
        assertTrue(as.contains(new Action.CloseData(true)));
        assertFalse(h.s.dataOpen());
    }

    @Test
    void aDownloadWithoutProgressForTheStallTimeoutGets421AndTheSessionEnds() {
        startBulkDownload();
        assertTrue(h.last.contains(new Action.StartTimer(Timer.DATA_STALL, 300_000_000_000L)));
        h.feed(new Input.DataSent(65536));
        var restart = h.feed(new Input.TimerFired(Timer.DATA_STALL)); // progress seen: just restart
        assertEquals(List.of(new Action.StartTimer(Timer.DATA_STALL, 300_000_000_000L)), restart);
        var as = h.feed(new Input.TimerFired(Timer.DATA_STALL));
        assertEquals(List.of(421), codes(as));
        assertTrue(as.contains(new Action.CloseData(true)));
        assertTrue(as.contains(new Action.CloseControl()));
        assertFalse(h.s.dataOpen());
    }

    @Test
    void anUploadKeepsTheStallTimerAliveWithItsData() {
        var w = new ServerHarness();
        w.send("USER alice");
        w.send("PASS secret");
        w.send("PASV");
        w.feed(new Input.DataListening(30001));
        w.send("STOR /pub/up.bin");
        w.feed(new Input.DataConnected(ServerHarness.PEER, 1));
        w.feed(new Input.DataReceived(null, 1_000_000));
        assertEquals(List.of(), codes(w.feed(new Input.TimerFired(Timer.DATA_STALL))));
        assertEquals(List.of(226), codes(w.feed(new Input.DataClosed(false))));
    }
}
