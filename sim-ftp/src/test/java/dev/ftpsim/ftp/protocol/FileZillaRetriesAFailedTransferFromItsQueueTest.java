package dev.ftpsim.ftp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftpsim.ftp.profile.ClientProfiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FileZilla's transfer queue takes a failed transfer again (src/interface/QueueView.cpp, read in
 * 3.42.1 and unchanged in its later 3.x: the transfer state's failure path, IncreaseErrorCount
 * against OPTION_RECONNECTCOUNT, Options.cpp "Reconnect count" default 2): at once, on the same
 * connection when it is still up; a try that moved data is not counted (made_progress) and goes on
 * with REST (m_onetime_action resume, filetransfer.cpp resumeOffset); a 5xx straight to the transfer
 * command is a critical error (ftpcontrolsocket.cpp ResetOperation) and is not taken again.
 */
class FileZillaRetriesAFailedTransferFromItsQueueTest {
    private final List<String> sent = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private ClientSession c;

    private void start() {
        c = new ClientSession(ClientProfiles.filezilla().build(),
                List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")), 0xC633640A, 40000, 0xCB00710A);
        c.start();
        for (final String r : new String[] {"220 hi", "530 Please login with USER and PASS.",
                "530 Please login with USER and PASS.", "331 pw", "230 in", "215 UNIX Type: L8", "211 End", "200 binary"}) {
            reply(r);
        }
    }

    private void reply(final String line) {
        feed(new Input.ControlBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private void feed(final Input in) {
        final List<Action> as = c.handle(in);
        actions.addAll(as);
        as.stream().filter(a -> a instanceof Action.SendCommand).forEach(a -> sent.add(((Action.SendCommand) a).line()));
    }

    /** The queue's next try: PASV again, at once (the engine's wait is 1 ns, a timer like the others). */
    private void nextTry() {
        assertTrue(actions.contains(new Action.StartTimer(Timer.PAUSE, 1)), actions.toString());
        actions.clear();
        feed(new Input.TimerFired(Timer.PAUSE));
        assertEquals("PASV", sent.get(sent.size() - 1));
    }

    @Test
    void a425IsTakenAgainTwiceOnTheSameConnectionThenTheItemFails() {
        start();
        for (int i = 0; i < 2; i++) {
            assertEquals("PASV", sent.get(sent.size() - 1));
            reply("227 Entering Passive Mode (203,0,113,10,117,49).");
            assertEquals("RETR /f", sent.get(sent.size() - 1));
            reply("425 Failed to establish connection.");
            nextTry();
        }
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
        reply("425 Failed to establish connection.");
        assertEquals("QUIT", sent.get(sent.size() - 1), "the third failure is past Reconnect count 2");
        assertEquals(FailureReason.DATA_CONNECT_FAILED, c.record().reason());
        assertEquals(3, sent.stream().filter("RETR /f"::equals).count());
    }

    @Test
    void a550StraightToRetrIsACriticalErrorAndNotTakenAgain() {
        start();
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
        reply("550 Failed to open file.");
        assertEquals("QUIT", sent.get(sent.size() - 1));
        assertEquals(1, sent.stream().filter("RETR /f"::equals).count());
    }

    @Test
    void aTryThatMovedDataIsNotCountedAndGoesOnWithRest() {
        start();
        for (int i = 0; i < 4; i++) {
            reply("227 Entering Passive Mode (203,0,113,10,117,49).");
            feed(new Input.DataConnected(0xCB00710A, 30001));
            if (i > 0) {
                assertEquals("REST " + 1000 * i, sent.get(sent.size() - 1));
                reply("350 Restart position accepted (" + 1000 * i + ").");
            }
            assertEquals("RETR /f", sent.get(sent.size() - 1));
            reply("150 Opening BINARY mode data connection.");
            feed(new Input.DataReceived(null, 1000));
            feed(new Input.DataClosed(true));
            reply("426 Failure writing network stream.");
            nextTry();
        }
        assertEquals(FailureReason.NONE, c.record().reason(), "four interrupted tries, none counted");
        assertEquals(4000, c.record().dataBytes());
    }

    @Test
    void aTimeoutInTheTransferIsTakenAgainOnANewConnection() {
        start();
        reply("227 Entering Passive Mode (203,0,113,10,117,49).");
        feed(new Input.DataConnected(0xCB00710A, 30001));
        reply("150 Opening BINARY mode data connection.");
        feed(new Input.DataReceived(null, 5000));
        feed(new Input.TimerFired(Timer.REPLY)); // data moved since the timer was armed: looks again
        feed(new Input.TimerFired(Timer.REPLY)); // 20 s without progress
        assertEquals(FailureReason.REPLY_TIMEOUT, c.record().reason());
        assertTrue(actions.contains(new Action.CloseControl()), "FileZilla closes; no QUIT");
        assertFalse(sent.contains("QUIT"));
        assertTrue(c.reconnects(), "the queue connects again");
        assertEquals(5000, c.restartPos());
        assertEquals(0, c.queueErrors(), "the try moved data: not counted");
    }

    @Test
    void aFailedLoginIsNotTheQueuesTransferRetry() {
        c = new ClientSession(ClientProfiles.filezilla().build(),
                List.of(new ClientOp.Login("anonymous", "a@b"), new ClientOp.Retr("/f")), 0xC633640A, 40000, 0xCB00710A);
        c.start();
        for (final String r : new String[] {"220 hi", "530 no TLS", "530 no SSL", "331 pw", "530 Login incorrect."}) {
            reply(r);
        }
        assertEquals(FailureReason.LOGIN_FAILED, c.record().reason());
        assertFalse(c.reconnects());
    }
}
